"""The benchmark's servers called in this process, as a run's load generator calls them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from starlette.types import ASGIApp


@contextlib.asynccontextmanager
async def serving(app: ASGIApp) -> AsyncIterator[httpx.AsyncClient]:
    """A client of ``app`` in this process, between its start-up and its shut-down."""
    lifespan = app.router.lifespan_context(app)  # type: ignore[attr-defined]
    async with lifespan:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            yield client


async def post(
    client: httpx.AsyncClient, path: str, body: str, token: str | None = None
) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await client.post(path, content=body, headers=headers)


def answers_of(response: httpx.Response) -> list[Any]:
    """The answers of a response, one or a batch's, as a list."""
    assert response.status_code == 200, response.text
    answer = response.json()
    return answer if isinstance(answer, list) else [answer]
