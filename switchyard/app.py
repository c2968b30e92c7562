"""The app factory: settings in, a Starlette app out.

uvicorn --factory switchyard.app:create_app
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from anyio import to_thread
from sqlalchemy import Engine, text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from db.migrate import upgrade_to_head
from middleware.auth import bearer_token_from
from middleware.context import AppServices, RequestContext
from middleware.correlation import HEADER as CORRELATION_HEADER
from middleware.correlation import CorrelationIdMiddleware
from routers import app_router
from rpc import JsonRpcTransport, TransportLimits, current_correlation_id, render_openrpc
from switchyard.openrpc import openrpc_document
from switchyard.services import build_services, database_url, open_engine
from switchyard.settings import Settings, check_rate_limit_overrides

logger = logging.getLogger("switchyard")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    check_rate_limit_overrides(settings, {procedure.name for procedure in app_router})
    engine = open_engine(settings)
    services = build_services(settings, engine)
    document = openrpc_document()
    document_bytes = render_openrpc(document).encode()

    async def make_context(request: Request) -> RequestContext:
        return RequestContext(
            services=services,
            correlation_id=current_correlation_id() or "",
            bearer_token=bearer_token_from(request.headers.get("authorization")),
            client_address=request.client.host if request.client else "unknown",
            user_agent=request.headers.get("user-agent"),
        )

    transport = JsonRpcTransport(
        app_router,
        make_context,
        openrpc_document=document,
        limits=TransportLimits(
            max_batch_size=settings.max_batch_size, max_body_bytes=settings.max_body_bytes
        ),
    )

    async def serve_openrpc(_: Request) -> Response:
        return Response(document_bytes, media_type="application/json")

    async def healthz(_: Request) -> Response:
        try:
            await to_thread.run_sync(_ping, engine)
        except Exception:
            logger.exception("health check: database unreachable")
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, 503)
        return JSONResponse({"status": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if settings.uses_embedded_database:
            # The embedded default sets itself up: no separate migrate step to forget.
            await to_thread.run_sync(upgrade_to_head, database_url(settings))
        try:
            yield
        finally:
            if services.rate_limiting is not None:
                await services.rate_limiting.close()
            engine.dispose()

    app = Starlette(
        routes=[
            Route("/rpc", transport.handle, methods=["POST"]),
            Route("/openrpc.json", serve_openrpc, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        middleware=[
            Middleware(CorrelationIdMiddleware),
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["POST", "GET", "OPTIONS"],
                allow_headers=["Authorization", "Content-Type", CORRELATION_HEADER],
                expose_headers=[CORRELATION_HEADER],
                max_age=600,
            ),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.engine = engine
    return app


def _ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


__all__ = ["AppServices", "create_app"]
