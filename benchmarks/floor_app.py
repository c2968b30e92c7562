"""The floor: what a developer would write by hand for one JSON-RPC echo method.

A raw Starlette route that parses the body, validates ``{"text": str}`` with pydantic
and writes the JSON-RPC envelope by hand. No middleware, no error model, no batch rules
beyond answering each member: everything Switchyard does on top is what is measured.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class EchoInput(BaseModel):
    text: str


def _answer(member: dict[str, Any]) -> dict[str, Any]:
    params = EchoInput.model_validate(member["params"])
    return {"jsonrpc": "2.0", "result": {"text": params.text}, "id": member["id"]}


async def rpc(request: Request) -> JSONResponse:
    payload = await request.json()
    if isinstance(payload, list):
        return JSONResponse([_answer(member) for member in payload])
    return JSONResponse(_answer(payload))


def create_floor_app() -> Starlette:
    return Starlette(routes=[Route("/rpc", rpc, methods=["POST"])])
