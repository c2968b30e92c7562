"""The app factory: settings in, a Starlette app out.

``switchyard serve`` runs it (switchyard/server.py). Under another ASGI server, use the
factory ``switchyard.server:worker_app`` with that server's own proxy-header handling
off: the app applies SWITCHYARD_TRUSTED_PROXIES itself.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import anyio
from anyio import to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from db.call_runners import on_event_loop
from db.migrate import upgrade_to_head
from middleware.auth import authenticate_request
from middleware.client_address import forwarded_for_middleware
from middleware.context import AppServices, RequestContext
from middleware.correlation import HEADER as CORRELATION_HEADER
from middleware.correlation import CorrelationIdMiddleware
from routers import app_router
from rpc import (
    JsonRpcTransport,
    Router,
    TransportLimits,
    current_correlation_id,
    render_openrpc,
)
from switchyard.files import files_routes
from switchyard.health import HealthChecks
from switchyard.openrpc import openrpc_document
from switchyard.services import (
    build_email_sender,
    build_services,
    database_url,
    open_call_engine,
    open_engine,
)
from switchyard.settings import Settings, check_rate_limit_overrides
from switchyard.unsubscribe import unsubscribe_routes


def create_app(
    settings: Settings | None = None, *, router: Router[RequestContext] | None = None
) -> Starlette:
    """The app; ``router`` replaces the application's routers (the benchmarks add one)."""
    settings = settings or Settings()
    router = router or app_router
    check_rate_limit_overrides(settings, {procedure.name for procedure in router})
    engine = open_engine(settings)
    call_engine = open_call_engine(settings, engine)
    services = build_services(settings, engine, call_engine)
    # Sync resolvers run on the event loop, in a greenlet (db.call_runners).
    router = router.with_sync_runner(on_event_loop)
    document = openrpc_document(router)
    document_bytes = render_openrpc(document).encode()

    async def make_context(request: Request) -> RequestContext:
        # One pass over the raw ASGI headers: this runs for every request, and
        # request.headers builds a case-insensitive mapping to answer two lookups.
        authorization = user_agent = None
        for name, value in request.scope["headers"]:
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"user-agent":
                user_agent = value.decode("latin-1")
        client = request.scope.get("client")
        authentication = await authenticate_request(services, authorization)
        return RequestContext(
            services=services,
            correlation_id=current_correlation_id() or "",
            client_address=client[0] if client else "unknown",
            user_agent=user_agent,
            caller=authentication.caller,
            auth_failure=authentication.failure,
        )

    transport = JsonRpcTransport(
        router,
        make_context,
        openrpc_document=document,
        limits=TransportLimits(
            max_batch_size=settings.max_batch_size, max_body_bytes=settings.max_body_bytes
        ),
    )

    async def serve_openrpc(_: Request) -> Response:
        return Response(document_bytes, media_type="application/json")

    health = HealthChecks(
        engine, services.rate_limits, timeout_seconds=settings.health_check_timeout_seconds
    )

    async def healthz(_: Request) -> Response:
        report = await health.report()
        return JSONResponse(report.body, report.http_status)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if settings.uses_embedded_database:
            # The embedded default sets itself up: no separate migrate step to forget.
            await to_thread.run_sync(upgrade_to_head, database_url(settings))
        stop_sending = anyio.Event()
        sending: asyncio.Task[None] | None = None
        if settings.send_emails_in_server:
            # One sender per worker process: their claims keep them from sending an
            # email twice (services.email_sender). A task of its own rather than a task
            # group around the yield: an ASGI host may end the lifespan from another
            # task than the one that started it.
            sender = build_email_sender(settings, services.session_factory)
            sending = asyncio.create_task(sender.run(stop_sending), name="email-sender")
        try:
            yield
        finally:
            stop_sending.set()
            if sending is not None:
                await sending  # the round in progress ends first
            if services.rate_limits is not None:
                await services.rate_limits.close()
            engine.dispose()
            if call_engine is not None:
                await call_engine.dispose()

    app = Starlette(
        routes=[
            Route("/rpc", transport, methods=["POST"]),
            Route("/openrpc.json", serve_openrpc, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            # The page behind the unsubscribe link of every email to a customer.
            *unsubscribe_routes(services),
            # Tickets' files: uploads, and the stored bytes served back.
            *files_routes(services),
        ],
        middleware=_middleware(settings),
        lifespan=lifespan,
    )
    # Starlette answers a path that differs by a trailing slash with a redirect built
    # from the request's Host header, which the client chose: a forged Host gets a
    # redirect to any site. Each endpoint has one URL; any other path is 404.
    app.router.redirect_slashes = False
    app.state.services = services
    app.state.engine = engine
    # The procedures as served: a server-side caller (rpc.create_caller) with this app's
    # services must use these, whose sync resolvers run where the call sessions work
    # (on PostgreSQL, only in a greenlet on the loop), not the routers' own.
    app.state.router = router
    return app


def _middleware(settings: Settings) -> list[Middleware]:
    stack = []
    if settings.trusted_proxies:
        # Outermost: everything inside sees the caller's address, not the proxy's.
        stack.append(forwarded_for_middleware(settings.trusted_proxies))
    stack.append(Middleware(CorrelationIdMiddleware))
    if settings.cors_origins:
        # Only with origins configured: without them CORS would refuse every cross-site
        # call anyway, and skipping it saves its work on every request.
        stack.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["POST", "GET", "OPTIONS"],
                allow_headers=["Authorization", "Content-Type", CORRELATION_HEADER],
                expose_headers=[CORRELATION_HEADER],
                max_age=600,
            )
        )
    return stack


__all__ = ["AppServices", "create_app"]
