"""App factories the benchmark starts under uvicorn (``--factory``), one per server."""

from __future__ import annotations

from starlette.applications import Starlette

from benchmarks.bench_router import bench_router
from benchmarks.floor_app import create_floor_app
from routers import app_router
from rpc import merge_routers
from switchyard.app import create_app
from switchyard.server import freeze_start_up_objects


def floor() -> Starlette:
    return create_floor_app()


def switchyard() -> Starlette:
    """The real app (settings from the environment) with ``bench.echo`` mounted.

    Served as ``switchyard serve`` serves it: start-up objects frozen for the GC.
    """
    app = create_app(router=merge_routers(app_router, bench_router))
    freeze_start_up_objects()
    return app
