"""Switchyard against hand-written floors and a FastAPI reference, one server at a time.

    .venv/bin/python -m benchmarks.run            # full run (about 45 minutes)
    .venv/bin/python -m benchmarks.run --quick    # a smoke run (a few minutes)
    .venv/bin/python -m benchmarks.run --databases sqlite   # without PostgreSQL

Each server runs on the stack ``switchyard serve`` ships (uvicorn on uvloop and
httptools, ``benchmarks/launch.py``) with one worker pinned to CPU 0; wrk (Debian
package ``wrk``) runs pinned to CPU 1. The database-backed procedures run on each
database chosen: an SQLite file in the run's directory, and a PostgreSQL database made
for the run on the server at ``--postgresql-url`` and dropped after it. A run is three
rounds; in each, for each scenario, every server in turn (each group's floor first) is
started alone, warmed up, measured for a fixed time and stopped. The figure that
matters is calls per CPU-second of the server (calls/s divided by the share of a core
the server got), as a ratio to its floor: each round's ratio compares measurements
seconds apart, and the median of those is reported (``benchmarks/report.py`` says why).
Absolute numbers depend on the machine, ratios much less. Results: a table on stdout
and a JSON file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.databases import (
    DATABASES,
    DEFAULT_POSTGRESQL_URL,
    SQLITE,
    BenchDatabase,
    UnreachableDatabaseError,
    postgresql_database,
    sqlite_database,
)
from benchmarks.dataset import (
    ACCOUNTS,
    TICKETS,
    UNITS,
    assign_units_body,
    bulk_import_bodies,
    create_accounts_body,
    create_admin_arguments,
    create_brand_body,
    create_product_body,
    create_tickets_body,
    create_unit_brands_body,
    create_unit_models_body,
    create_warehouses_body,
    created_id,
    created_ids,
    created_ticket_ids,
    require_imported,
    require_success,
    sign_in_body,
    token_from,
)
from benchmarks.load import RssSampler, measure_round, memory_growth, wrk
from benchmarks.processes import post, run_switchyard_command, running, server_environment
from benchmarks.report import Result, document, table
from benchmarks.scenarios import (
    BATCH_SIZE,
    PROCEDURE_BATCH_CONNECTIONS,
    SCENARIOS,
    SINGLE,
    Server,
    all_servers,
    body_for,
    chosen_servers,
)

HERE = Path(__file__).resolve().parent
SWITCHYARD_FACTORY = "benchmarks.servers:switchyard"

# Rate limits stay on, raised so that they allow the load: the check runs on every call.
UNLIMITED = "1000000000/minute"
RATE_LIMIT_OVERRIDES = ",".join(
    f"{name}={UNLIMITED}"
    for name in (
        "auth.me",
        "account.list",
        "account.create",
        "tickets.getTickets",
        "tickets.createTicket",
    )
)
# One inventory.bulkImport of 10,000 rows takes seconds; on a busy host, more.
IMPORT_TIMEOUT_SECONDS = 300
# What a run gives every server, whatever its database.
COMMON_VARIABLES = {
    "SWITCHYARD_LOG_LEVEL": "WARNING",
    "SWITCHYARD_RATE_LIMIT_OVERRIDES": RATE_LIMIT_OVERRIDES,
}

# A database's servers: their environment, and the token its data was made with.
Setup = tuple[dict[str, str], str | None]
# The results a group's floor answered, by (floor, database, scenario).
Expected = dict[tuple[str, str | None, str], list[Any]]


def prepare_data(env: dict[str, str]) -> tuple[str, float]:
    """Migrate, make the admin, sign in, make its accounts, the tickets (with their brand
    and product model) and the units (with theirs, and their warehouses); the access
    token, and the seconds the units took.

    Once per database, before any measurement: every server of the database then reads
    the same session, user, accounts, tickets and units with the same token.
    """
    run_switchyard_command(["migrate"], env)
    run_switchyard_command(create_admin_arguments(), env)
    with running(SWITCHYARD_FACTORY, env) as (_, base_url):
        rpc = f"{base_url}/rpc"
        token = token_from(post(rpc, sign_in_body()))
        require_success(post(rpc, create_accounts_body(), token))
        brand_id = created_id(post(rpc, create_brand_body(), token))
        product_id = created_id(post(rpc, create_product_body(brand_id), token))
        ticket_ids = created_ticket_ids(post(rpc, create_tickets_body(product_id), token))
        started = time.monotonic()
        warehouse_ids = created_ids(post(rpc, create_warehouses_body(), token))
        brand_ids = created_ids(post(rpc, create_unit_brands_body(), token))
        model_ids = created_ids(post(rpc, create_unit_models_body(brand_ids), token))
        for body in bulk_import_bodies(model_ids, warehouse_ids):
            require_imported(post(rpc, body, token, timeout=IMPORT_TIMEOUT_SECONDS))
        require_success(post(rpc, assign_units_body(ticket_ids), token))
        return token, time.monotonic() - started


def check_answers(server: Server, scenario: str, answer: Any, expected: Expected) -> None:
    """Load is only worth measuring if every answer succeeds, with its floor's result."""
    require_success(answer)
    results = [a["result"] for a in (answer if isinstance(answer, list) else [answer])]
    floor_results = expected.setdefault((server.floor, server.database, scenario), results)
    if results != floor_results:
        raise RuntimeError(f"{server.label} answers {scenario} unlike {server.floor}")


def measure_one_round(
    server: Server, scenario: str, setup: Setup, result: Result, expected: Expected,
    args: argparse.Namespace, workdir: Path,
) -> None:  # fmt: skip
    """Start the server, warm it up, measure one round of ``scenario``, stop it."""
    env, token = setup
    with running(server.factory, env) as (process, base_url):
        url = base_url + server.path
        body = body_for(server, scenario)
        body_file = workdir / "body.json"
        body_file.write_text(body)
        check_answers(server, scenario, post(url, body, token), expected)
        calls = 1 if scenario == SINGLE else BATCH_SIZE
        connections = server.connections(scenario, args.connections)
        wrk(url, body_file, token, args.warmup, connections)
        for attempt in range(1, args.attempts + 1):
            with RssSampler(process.pid) as sampler:
                measured = measure_round(
                    process.pid, url, body_file, token, calls, args.seconds, connections
                )
            result.peak_rss_mb = max(result.peak_rss_mb, sampler.peak_mb)
            print(
                f"  round {len(result.rounds) + 1}  {server.label:<42} {scenario:<8} "
                f"{measured.calls_per_cpu_s:>10,.0f} calls/CPU-s, "
                f"{measured.steal_share:.1%} stolen"
                + ("" if measured.requests_per_s else ", no request completed"),
                file=sys.stderr,
            )
            # A round during which the host gave much of the server's CPU to other
            # guests measures the neighbours, not the server: measure it again.
            if measured.steal_share <= args.max_steal or attempt == args.attempts:
                result.rounds.append(measured)
                return


def measure_memory(
    server: Server, setup: Setup, args: argparse.Namespace, workdir: Path
) -> dict[str, float]:
    env, token = setup
    with running(server.factory, env) as (process, base_url):
        body_file = workdir / "body.json"
        body_file.write_text(body_for(server, SINGLE))
        url = base_url + server.path
        # Warmed up like every other measurement: caches filling in the first seconds
        # of a fresh process are not growth.
        wrk(url, body_file, token, args.warmup, args.connections)
        return memory_growth(
            process.pid, url, body_file, token, args.memory_seconds, args.connections
        )


def measure_all(
    servers: list[Server], setups: dict[str | None, Setup], args: argparse.Namespace,
    workdir: Path,
) -> tuple[list[Result], dict[str, dict[str, float]]]:  # fmt: skip
    """Round by round and scenario by scenario, each server alone in turn.

    Each server is started afresh for each measurement, so that a floor's and the
    others' measurements of one scenario follow each other within seconds: the speed of
    a shared host wanders by up to 15% within a minute (here, a fixed loop pinned to one
    core ran 47 to 65 times per CPU-second), and paired ratios cancel what moves slower
    than a round.
    """
    results = {
        (server.label, scenario): Result(
            server.name, scenario, server.database, server.floor, server.reference
        )
        for server in servers
        for scenario in args.scenarios
        if server.runs(scenario)
    }
    expected: Expected = {}
    for _ in range(args.rounds):
        for scenario in args.scenarios:
            for server in servers:
                if server.runs(scenario):
                    measure_one_round(
                        server, scenario, setups[server.database],
                        results[(server.label, scenario)], expected, args, workdir,
                    )  # fmt: skip
    growth: dict[str, dict[str, float]] = {}
    if args.memory_seconds:
        # Every Switchyard server: the growth of each procedure on each database.
        for server in servers:
            if server.is_switchyard:
                growth[server.label] = measure_memory(
                    server, setups[server.database], args, workdir
                )
    return list(results.values()), growth


def set_up_databases(
    kinds: list[str], args: argparse.Namespace, workdir: Path, stack: contextlib.ExitStack,
    build_seconds: dict[str, float],
) -> dict[str | None, Setup]:  # fmt: skip
    """Each database of ``kinds``, made and filled, and the echo group's (none); by kind.
    How long each one's units took goes into ``build_seconds``.

    Entered on ``stack``, so that each is dropped when the run ends, however it ends.
    An unreachable PostgreSQL server stops the run, unless the run was told to go on
    without it (then PostgreSQL is left out of the answer).
    """
    common = {**COMMON_VARIABLES, "SWITCHYARD_SECRET_KEY": secrets.token_urlsafe(48)}
    echo_dir = workdir / "echo"
    echo_dir.mkdir()
    setups: dict[str | None, Setup] = {
        None: (server_environment({**common, "SWITCHYARD_DATA_DIR": str(echo_dir)}), None)
    }
    for kind in kinds:
        try:
            database: BenchDatabase = stack.enter_context(
                sqlite_database(workdir)
                if kind == SQLITE
                else postgresql_database(args.postgresql_url, workdir)
            )
        except UnreachableDatabaseError as error:
            if not args.skip_unreachable_postgresql:
                raise
            print(f"skipping PostgreSQL: {error}", file=sys.stderr)
            continue
        env = server_environment({**common, **database.environment()})
        print(
            f"preparing {kind}: admin, sign-in, {ACCOUNTS} accounts, {TICKETS} tickets, "
            f"{UNITS:,} units",
            file=sys.stderr,
        )
        started = time.monotonic()
        token, build_seconds[kind] = prepare_data(env)
        print(
            f"prepared {kind} in {time.monotonic() - started:.1f} s "
            f"(the units: {build_seconds[kind]:.1f} s)",
            file=sys.stderr,
        )
        setups[kind] = (env, token)
    return setups


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--seconds", type=int, default=10, help="length of each round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--max-steal",
        type=float,
        default=0.03,
        help="measure a round again when the host stole more than this share of its CPU",
    )
    parser.add_argument("--attempts", type=int, default=4, help="tries per round at most")
    parser.add_argument("--memory-seconds", type=int, default=60, help="0 to skip")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=DATABASES,
        default=list(DATABASES),
        help="where the database-backed procedures run (default: both)",
    )
    parser.add_argument(
        "--postgresql-url",
        default=DEFAULT_POSTGRESQL_URL,
        help="a PostgreSQL server (and its maintenance database) to make the run's database on",
    )
    parser.add_argument(
        "--skip-unreachable-postgresql",
        action="store_true",
        help="run without PostgreSQL when its server does not answer, instead of failing",
    )
    parser.add_argument(
        "--servers",
        nargs="+",
        default=None,
        help="server names (e.g. 'switchyard auth.me'); each one's floor is added",
    )
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--quick", action="store_true", help="short rounds, no memory run")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds, args.warmup, args.memory_seconds = 2, 1, 1, 0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    for name in ("wrk", "taskset"):
        if shutil.which(name) is None:
            print(f"{name} is missing: apt-get install wrk util-linux", file=sys.stderr)
            return 2
    candidates = all_servers(args.databases)
    chosen = chosen_servers(candidates, args.servers or [server.name for server in candidates])
    kinds = list(dict.fromkeys(s.database for s in chosen if s.database is not None))
    with (
        tempfile.TemporaryDirectory(prefix="switchyard-bench-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        workdir = Path(tmp)
        build_seconds: dict[str, float] = {}
        try:
            setups = set_up_databases(kinds, args, workdir, stack, build_seconds)
        except UnreachableDatabaseError as error:
            print(f"{error}\n(--skip-unreachable-postgresql runs without it)", file=sys.stderr)
            return 2
        servers = [server for server in chosen if server.database in setups]
        results, growth = measure_all(servers, setups, args, workdir)
    print(table(results, growth))
    machine = {"cpus": os.cpu_count(), "python": platform.python_version()}
    settings = {
        "seconds": args.seconds,
        "rounds": args.rounds,
        "warmup": args.warmup,
        "connections": args.connections,
        # The groups whose batches are measured with fewer (scenarios.py says why).
        "batch_connections": dict(PROCEDURE_BATCH_CONNECTIONS),
        "batch_size": BATCH_SIZE,
        "databases": sorted(kind for kind in setups if kind is not None),
        # Seconds each database's units (warehouses, models, imports) took to make.
        "units_build_seconds": {kind: round(seconds, 1) for kind, seconds in build_seconds.items()},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(document(results, growth, machine, settings), indent=2) + "\n"
    )
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
