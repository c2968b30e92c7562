"""Switchyard against a raw Starlette floor, one server at a time, in the same run.

    .venv/bin/python -m benchmarks.run            # full run (about 10 minutes)
    .venv/bin/python -m benchmarks.run --quick    # a smoke run (under a minute)

Each server runs under uvicorn with one worker pinned to CPU 0; wrk (Debian package
``wrk``) runs pinned to CPU 1. A run is three rounds; in each, for each scenario, every
server in turn (the floor first) is started alone, warmed up, measured for a fixed time
and stopped. Medians over the rounds are reported. The figure that matters is calls per
CPU-second of the server (calls/s divided by the share of a core the server got), as a
ratio to the floor: each round's ratio compares measurements seconds apart, and the
median of those is reported (``benchmarks/report.py`` says why). Absolute numbers
depend on the machine, ratios much less. Results: a table on stdout and a JSON file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.measure import cpu_seconds, rss_bytes, stolen_seconds
from benchmarks.report import FLOOR, Result, Round, document, table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SERVER_CPU = "0"
LOAD_CPU = "1"
BATCH_SIZE = 50
ADMIN_EMAIL = "bench@example.com"
ADMIN_PASSWORD = "Bench-Marks-2026"


@dataclass(frozen=True)
class Server:
    name: str
    factory: str  # uvicorn --factory target
    method: str
    params: dict[str, Any]
    needs_token: bool = False
    # Accounts the signed-in user owns before the load starts.
    accounts: int = 0


# Rate limits stay on, raised so that they allow the load: the check runs on every call.
UNLIMITED = "1000000000/minute"
RATE_LIMIT_OVERRIDES = ",".join(
    f"{name}={UNLIMITED}" for name in ("auth.me", "account.list", "account.create")
)


SERVERS = [
    Server(FLOOR, "benchmarks.servers:floor", "echo", {"text": "hello"}),
    Server("switchyard", "benchmarks.servers:switchyard", "bench.echo", {"text": "hello"}),
    Server(
        "switchyard auth.me",
        "benchmarks.servers:switchyard",
        "auth.me",
        {},
        needs_token=True,
    ),
    Server(
        "switchyard account.list",
        "benchmarks.servers:switchyard",
        "account.list",
        {},
        needs_token=True,
        accounts=20,
    ),
]


def body_for(server: Server, scenario: str) -> str:
    def call(call_id: int) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "method": server.method, "params": server.params, "id": call_id}

    if scenario == "single":
        return json.dumps(call(1))
    return json.dumps([call(i) for i in range(1, BATCH_SIZE + 1)])


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is missing: apt-get install wrk util-linux")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def running(server: Server, data_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    env = {
        **os.environ,
        "SWITCHYARD_DATA_DIR": str(data_dir),
        "SWITCHYARD_LOG_LEVEL": "WARNING",
        "SWITCHYARD_RATE_LIMIT_OVERRIDES": RATE_LIMIT_OVERRIDES,
    }
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)  # the embedded default: SQLite file, in-memory rate limits
    # Through benchmarks.launch: every server on the stack `switchyard serve` ships.
    command = [
        _tool("taskset"), "-c", SERVER_CPU, sys.executable, "-m", "benchmarks.launch",
        server.factory, "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    url = f"http://127.0.0.1:{port}/rpc"
    try:
        _wait_until_serving(process, url)
        yield process, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_serving(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        # A TCP connection is enough: the first call is checked by check_answers.
        with contextlib.suppress(OSError), socket.create_connection(_address(url), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError("server did not start in 30 s")


def _address(url: str) -> tuple[str, int]:
    parsed = httpx.URL(url)
    assert parsed.host
    assert parsed.port
    return parsed.host, parsed.port


def prepare_admin(data_dir: Path) -> None:
    """An admin in the server's SQLite file, made before the server starts."""
    env = {**os.environ, "SWITCHYARD_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "switchyard", "create-admin", "--email", ADMIN_EMAIL,
         "--password", ADMIN_PASSWORD],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip


def sign_in(url: str) -> str:
    answer = httpx.post(
        url,
        json={
            "jsonrpc": "2.0",
            "method": "auth.login",
            "params": {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
            "id": 1,
        },
    ).json()
    token: str = answer["result"]["accessToken"]
    return token


def create_accounts(url: str, token: str, count: int) -> None:
    batch = [
        {"jsonrpc": "2.0", "method": "account.create", "params": {"name": f"Account {i}"}, "id": i}
        for i in range(1, count + 1)
    ]
    check_answers(url, json.dumps(batch), token)


def check_answers(url: str, body: str, token: str | None) -> None:
    """Load is only worth measuring if every answer is a success."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    answer = httpx.post(url, content=body, headers=headers).json()
    answers = answer if isinstance(answer, list) else [answer]
    failed = [a for a in answers if "result" not in a]
    if failed:
        raise RuntimeError(f"the benchmark call fails: {failed[0]}")


class RssSampler:
    """Samples the server's resident memory in the background."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError, RuntimeError):
                self.samples.append((time.monotonic(), rss_bytes(self.pid)))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def wrk(
    url: str, body_file: Path, token: str | None, seconds: float, connections: int
) -> dict[str, Any]:
    env = {**os.environ, "BENCH_BODY_FILE": str(body_file), "BENCH_TOKEN": token or ""}
    output = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [_tool("taskset"), "-c", LOAD_CPU, _tool("wrk"), "-t1", f"-c{connections}",
         f"-d{round(seconds)}s", "--timeout", "30s", "--latency",
         "-s", str(HERE / "post.lua"), url],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    line = next(line for line in output.splitlines() if line.startswith("BENCH_RESULT "))
    summary: dict[str, Any] = json.loads(line.removeprefix("BENCH_RESULT "))
    if summary["socket_errors"] or summary["non_2xx"]:
        raise RuntimeError(f"wrk saw errors: {summary}")
    return summary


def measure_round(
    pid: int, url: str, body_file: Path, token: str | None, calls: int, args: argparse.Namespace
) -> Round:
    cpu_before, stolen_before = cpu_seconds(pid), stolen_seconds(int(SERVER_CPU))
    wall_before = time.monotonic()
    summary = wrk(url, body_file, token, args.seconds, args.connections)
    wall = time.monotonic() - wall_before
    cpu_share = (cpu_seconds(pid) - cpu_before) / wall
    steal_share = (stolen_seconds(int(SERVER_CPU)) - stolen_before) / wall
    requests_per_s = summary["requests"] / (summary["duration_us"] / 1e6)
    calls_per_s = requests_per_s * calls
    return Round(
        requests_per_s=requests_per_s,
        calls_per_s=calls_per_s,
        p50_ms=summary["p50_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        cpu_share=cpu_share,
        calls_per_cpu_s=calls_per_s / cpu_share,
        steal_share=steal_share,
    )


def memory_growth(pid: int, url: str, body_file: Path, token: str | None, seconds: float,
                  connections: int) -> dict[str, float]:  # fmt: skip
    """RSS of the first and last 10 seconds of one long run, and the growth between."""
    with RssSampler(pid) as sampler:
        wrk(url, body_file, token, seconds, connections)
    start = sampler.samples[0][0]
    first = [rss for at, rss in sampler.samples if at - start <= 10]
    last = [rss for at, rss in sampler.samples if at - start >= seconds - 10]
    first_mb, last_mb = statistics.mean(first) / 2**20, statistics.mean(last) / 2**20
    return {
        "seconds": seconds,
        "first_10s_mb": round(first_mb, 1),
        "last_10s_mb": round(last_mb, 1),
        "growth_percent": round((last_mb - first_mb) / first_mb * 100, 2),
    }


def prepare(server: Server, workdir: Path) -> Path:
    """The server's data directory, with an admin in its SQLite file when it needs one."""
    data_dir = workdir / server.name.replace(" ", "-").replace(".", "-")
    data_dir.mkdir()
    if server.needs_token:
        prepare_admin(data_dir)
    return data_dir


@contextlib.contextmanager
def serving(
    server: Server, data_dir: Path, *, first_start: bool
) -> Iterator[tuple[subprocess.Popen[bytes], str, str | None]]:
    """The server started, signed in to if it needs a token, its data made on first start."""
    with running(server, data_dir) as (process, url):
        token = sign_in(url) if server.needs_token else None
        if token and server.accounts and first_start:
            create_accounts(url, token, server.accounts)
        yield process, url, token


def measure_one_round(
    server: Server, scenario: str, data_dir: Path, result: Result, args: argparse.Namespace,
    workdir: Path, *, first_start: bool,
) -> None:  # fmt: skip
    """Start the server, warm it up, measure one round of ``scenario``, stop it."""
    with serving(server, data_dir, first_start=first_start) as (process, url, token):
        body = body_for(server, scenario)
        body_file = workdir / "body.json"
        body_file.write_text(body)
        check_answers(url, body, token)
        calls = 1 if scenario == "single" else BATCH_SIZE
        wrk(url, body_file, token, args.warmup, args.connections)
        for attempt in range(1, args.attempts + 1):
            with RssSampler(process.pid) as sampler:
                measured = measure_round(process.pid, url, body_file, token, calls, args)
            peak_mb = max(rss for _, rss in sampler.samples) / 2**20
            result.peak_rss_mb = max(result.peak_rss_mb, peak_mb)
            print(
                f"  round {len(result.rounds) + 1}  {server.name:<23} {scenario:<8} "
                f"{measured.calls_per_cpu_s:>10,.0f} calls/CPU-s, "
                f"{measured.steal_share:.1%} stolen",
                file=sys.stderr,
            )
            # A round during which the host gave much of the server's CPU to other
            # guests measures the neighbours, not the server: measure it again.
            if measured.steal_share <= args.max_steal or attempt == args.attempts:
                result.rounds.append(measured)
                return


def measure_memory(
    server: Server, data_dir: Path, args: argparse.Namespace, workdir: Path
) -> dict[str, float]:
    with serving(server, data_dir, first_start=False) as (process, url, token):
        body_file = workdir / "body.json"
        body_file.write_text(body_for(server, "single"))
        # Warmed up like every other measurement: caches filling in the first seconds
        # of a fresh process are not growth.
        wrk(url, body_file, token, args.warmup, args.connections)
        return memory_growth(
            process.pid, url, body_file, token, args.memory_seconds, args.connections
        )


def measure_all(
    servers: list[Server], args: argparse.Namespace, workdir: Path
) -> tuple[list[Result], dict[str, dict[str, float]]]:
    """Round by round and scenario by scenario, each server alone in turn.

    Each server is started afresh for each measurement, so that the floor's and the
    others' measurements of one scenario follow each other within seconds: the speed of
    a shared host wanders by up to 15% within a minute (here, a fixed loop pinned to one
    core ran 47 to 65 times per CPU-second), and paired ratios cancel what moves slower
    than a round.
    """
    data_dirs = {server.name: prepare(server, workdir) for server in servers}
    results = {
        server.name: {scenario: Result(server.name, scenario) for scenario in args.scenarios}
        for server in servers
    }
    started: set[str] = set()
    for _ in range(args.rounds):
        for scenario in args.scenarios:
            for server in servers:
                measure_one_round(
                    server, scenario, data_dirs[server.name], results[server.name][scenario],
                    args, workdir, first_start=server.name not in started,
                )  # fmt: skip
                started.add(server.name)
    growth: dict[str, dict[str, float]] = {}
    if args.memory_seconds:
        for server in servers:
            if server.name != FLOOR:
                growth[server.name] = measure_memory(server, data_dirs[server.name], args, workdir)
    flat = [result for by_scenario in results.values() for result in by_scenario.values()]
    return flat, growth


def main(argv: list[str] | None = None) -> int:
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
    parser.add_argument("--scenarios", nargs="+", default=["single", "batch50"])
    parser.add_argument("--servers", nargs="+", default=[s.name for s in SERVERS])
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--quick", action="store_true", help="short rounds, no memory run")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds, args.warmup, args.memory_seconds = 2, 1, 1, 0
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install wrk util-linux", file=sys.stderr)
            return 2
    chosen = [s for s in SERVERS if s.name in args.servers]
    if FLOOR not in args.servers:
        chosen.insert(0, SERVERS[0])  # ratios need the floor of the same run
    with tempfile.TemporaryDirectory(prefix="switchyard-bench-") as tmp:
        results, growth = measure_all(chosen, args, Path(tmp))
    print(table(results, growth))
    machine = {"cpus": os.cpu_count(), "python": platform.python_version()}
    settings = {
        "seconds": args.seconds,
        "rounds": args.rounds,
        "warmup": args.warmup,
        "connections": args.connections,
        "batch_size": BATCH_SIZE,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(document(results, growth, machine, settings), indent=2) + "\n"
    )
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
