"""App factories the benchmark starts under uvicorn (``--factory``), one per server.

Each reads its settings from the environment, as ``switchyard serve`` does: the
database (DATABASE_URL, or the SQLite file in SWITCHYARD_DATA_DIR) and the signing key
are the ones every server of that database shares.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.applications import Starlette

from benchmarks.bench_router import bench_router
from benchmarks.fastapi_reference import create_fastapi_app
from benchmarks.floor_app import create_floor_app
from benchmarks.floor_database import create_database_floor_app
from routers import app_router
from rpc import merge_routers
from switchyard.app import create_app
from switchyard.server import freeze_start_up_objects


def floor() -> Starlette:
    return create_floor_app()


def database_floor() -> Starlette:
    return create_database_floor_app()


def fastapi() -> FastAPI:
    return create_fastapi_app()


def switchyard() -> Starlette:
    """The real app (settings from the environment) with ``bench.echo`` mounted.

    Served as ``switchyard serve`` serves it: start-up objects frozen for the GC.
    """
    app = create_app(router=merge_routers(app_router, bench_router))
    freeze_start_up_objects()
    return app
