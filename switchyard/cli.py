"""The ``switchyard`` command: serve, worker, migrate, create-admin, openrpc, gen-client."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from switchyard.settings import ConfigurationError, Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except ConfigurationError as exc:
        print(f"switchyard: configuration error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        # A variable the settings cannot read: named, its value left out (it may be
        # a secret), rather than a traceback.
        for error in exc.errors(include_url=False, include_input=False):
            where = _variable_name(error["loc"])
            print(f"switchyard: configuration error: {where}: {error['msg']}", file=sys.stderr)
        return 2
    return result


def _variable_name(location: tuple[int | str, ...]) -> str:
    field = str(location[0]) if location else "settings"
    # Fields read through an alias (DATABASE_URL) are reported under it already.
    name = field if field.isupper() else f"SWITCHYARD_{field.upper()}"
    if len(location) > 1 and isinstance(location[1], int):
        return f"{name} (entry {location[1] + 1})"
    return name


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="switchyard", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="start the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1); more than 1 needs PostgreSQL and REDIS_URL",
    )
    serve.add_argument(
        "--allow-local-state",
        action="store_true",
        help="run several workers on SQLite or without REDIS_URL anyway (one host, rate "
        "limits counted per worker)",
    )
    serve.set_defaults(run=_serve)

    worker = commands.add_parser(
        "worker", help="send the outbox's emails (alone, without serving HTTP) until stopped"
    )
    worker.set_defaults(run=_worker)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(run=_migrate)

    admin = commands.add_parser("create-admin", help="create an admin user")
    admin.add_argument("--email", required=True)
    admin.add_argument(
        "--password",
        default=os.environ.get("SWITCHYARD_ADMIN_PASSWORD"),
        help="defaults to $SWITCHYARD_ADMIN_PASSWORD (keeps it out of shell history)",
    )
    admin.add_argument("--name", default="Administrator")
    admin.set_defaults(run=_create_admin)

    openrpc = commands.add_parser("openrpc", help="print the OpenRPC document")
    openrpc.add_argument("--output", type=Path, help="write to this file instead")
    openrpc.set_defaults(run=_openrpc)

    gen_client = commands.add_parser(
        "gen-client",
        help="write openrpc.json, then regenerate the TypeScript client from it",
    )
    gen_client.add_argument(
        "--output", type=Path, default=Path("openrpc.json"), help="where the document goes"
    )
    gen_client.add_argument(
        "--client-dir",
        type=Path,
        default=Path("clients/ts"),
        help="the TypeScript client package (default: clients/ts)",
    )
    gen_client.set_defaults(run=_gen_client)
    return parser


def _serve(args: argparse.Namespace) -> int:
    from switchyard.server import serve

    serve(
        Settings(),
        host=args.host,
        port=args.port,
        workers=args.workers,
        allow_local_state=args.allow_local_state,
    )
    return 0


def _worker(_: argparse.Namespace) -> int:
    from switchyard.worker import run_worker

    run_worker(Settings())
    return 0


def _migrate(_: argparse.Namespace) -> int:
    from db.migrate import current_revision, upgrade_to_head
    from switchyard.services import database_url

    url = database_url(Settings())
    upgrade_to_head(url)
    print(f"database at revision {current_revision(url)}")
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    from db.migrate import upgrade_to_head
    from db.unit_of_work import SqlUnitOfWork, session_factory
    from services import auth as auth_service
    from services.errors import DomainError
    from switchyard.services import build_services, database_url, open_engine

    if not args.password:
        print("switchyard: give --password or set SWITCHYARD_ADMIN_PASSWORD", file=sys.stderr)
        return 2
    settings = Settings()
    if settings.uses_embedded_database:
        upgrade_to_head(database_url(settings))
    engine = open_engine(settings)
    try:
        services = build_services(settings, engine)
        uow = SqlUnitOfWork(session_factory(engine))
        user = auth_service.create_admin(
            uow, services.hasher, args.email, args.password, args.name, services.clock
        )
    except DomainError as exc:
        print(f"switchyard: {exc.message}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"created admin {user.email} ({user.id})")
    return 0


def _openrpc(args: argparse.Namespace) -> int:
    rendered = _render_openrpc()
    if args.output:
        args.output.write_text(rendered)
    else:
        sys.stdout.write(rendered)
    return 0


def _render_openrpc() -> str:
    from rpc import render_openrpc
    from switchyard.openrpc import openrpc_document

    return render_openrpc(openrpc_document())


def _gen_client(args: argparse.Namespace) -> int:
    # The TypeScript generator is the client package's own `npm run generate`; this
    # command only makes sure it reads the document of the code as it is now.
    client_dir: Path = args.client_dir
    if not (client_dir / "package.json").is_file():
        print(f"switchyard: no client package at {client_dir} (give --client-dir)", file=sys.stderr)
        return 2
    npm = shutil.which("npm")
    if npm is None:
        print("switchyard: npm is not on PATH (the client needs Node 20+)", file=sys.stderr)
        return 2
    if not (client_dir / "node_modules").is_dir():
        print(
            f"switchyard: run `npm ci` in {client_dir} first (or `make install`)", file=sys.stderr
        )
        return 2
    args.output.write_text(_render_openrpc())
    command = [npm, "run", "--silent", "generate", "--", "--openrpc", str(args.output.resolve())]
    # Fixed arguments and our own package's script: no untrusted input reaches the shell.
    return subprocess.run(command, cwd=client_dir, check=False).returncode  # noqa: S603
