"""The load: wrk pinned to its own core, and what one measured stretch of it tells.

wrk is Debian's package ``wrk``; ``post.lua`` POSTs one body (a call or a batch) and
prints a JSON summary. The server's CPU time and the host's steal come from /proc
(``benchmarks/measure.py``), its memory from a sampler running beside the load.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import cpu_seconds, rss_bytes, stolen_seconds
from benchmarks.processes import LOAD_CPU, SERVER_CPU, tool
from benchmarks.report import Round

HERE = Path(__file__).resolve().parent


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

    @property
    def peak_mb(self) -> float:
        return max(rss for _, rss in self.samples) / 2**20


def wrk(
    url: str, body_file: Path, token: str | None, seconds: float, connections: int
) -> dict[str, Any]:
    env = {**os.environ, "BENCH_BODY_FILE": str(body_file), "BENCH_TOKEN": token or ""}
    output = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [tool("taskset"), "-c", LOAD_CPU, tool("wrk"), "-t1", f"-c{connections}",
         f"-d{round(seconds)}s", "--timeout", "30s", "--latency",
         "-s", str(HERE / "post.lua"), url],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    line = next(line for line in output.splitlines() if line.startswith("BENCH_RESULT "))
    summary: dict[str, Any] = json.loads(line.removeprefix("BENCH_RESULT "))
    if summary["socket_errors"] or summary["non_2xx"]:
        raise RuntimeError(f"wrk saw errors: {summary}")
    return summary


def wait_until_idle(pid: int, interval: float = 0.2, timeout: float = 60.0) -> None:
    """Return once the server has finished the work of the load before.

    wrk closes its connections when its time is up, but the server goes on with the
    requests it had started: up to one per connection, which for a batch of 50
    database calls is seconds of CPU. A round started before they end would count
    their CPU, and spend its first seconds on them, without counting their calls (a
    2-second round of such batches after a warm-up completed none).
    """
    deadline = time.monotonic() + timeout
    used = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(interval)
        before, used = used, cpu_seconds(pid)
        # Idle: at most one clock tick (10 ms on Linux) of CPU in the interval.
        if used - before <= 0.01:
            return
    raise RuntimeError(f"server {pid} still busy {timeout:.0f} s after its load ended")


def measure_round(
    pid: int, url: str, body_file: Path, token: str | None, calls: int, seconds: float,
    connections: int,
) -> Round:  # fmt: skip
    """One measured stretch of load: throughput, latency and the server's CPU per call."""
    wait_until_idle(pid)
    cpu_before, stolen_before = cpu_seconds(pid), stolen_seconds(int(SERVER_CPU))
    wall_before = time.monotonic()
    summary = wrk(url, body_file, token, seconds, connections)
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
    wait_until_idle(pid)
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
