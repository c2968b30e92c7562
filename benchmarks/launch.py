"""Serve one benchmark app the way ``switchyard serve`` serves Switchyard.

    python -m benchmarks.launch benchmarks.servers:floor --port 8001

Every server of a run, floors and the FastAPI reference included, goes through here, so
all of them run on the stack that ships: uvicorn with ``switchyard.server``'s own
options (uvloop, httptools, lifespan on, no access log). A comparison between servers on
different HTTP stacks would measure the stacks.
"""

from __future__ import annotations

import argparse
import sys

import uvicorn

from switchyard.server import UVICORN_OPTIONS, require_fast_stack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.launch")
    parser.add_argument("factory", help="module:function returning the ASGI app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    # The check `switchyard serve` makes: never measure uvicorn's slower fallbacks.
    require_fast_stack()
    uvicorn.run(args.factory, factory=True, host=args.host, port=args.port, **UVICORN_OPTIONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
