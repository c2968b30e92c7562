"""What a benchmark run measured, and how it is reported: a table and a JSON document.

Ratios to the floor are paired by round. The servers are measured round by round and
scenario by scenario (the floor, then each Switchyard server), so each round's ratio
compares measurements seconds apart on the same machine; the median of those ratios is
what the table shows. A machine whose speed drifts over the run (other guests on the host,
frequency changes) moves both sides of a pair alike, where a ratio of whole-run medians
would compare the floor's minutes with the other servers' later ones.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

FLOOR = "floor"


@dataclass
class Round:
    requests_per_s: float
    calls_per_s: float
    p50_ms: float
    p99_ms: float
    cpu_share: float
    calls_per_cpu_s: float
    # Share of the wall time the server's CPU was given to other guests of the host.
    steal_share: float = 0.0


@dataclass
class Result:
    server: str
    scenario: str
    rounds: list[Round] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    def median(self, name: str) -> float:
        values: list[float] = [getattr(r, name) for r in self.rounds]
        return statistics.median(values)


def ratios_to_floor(results: list[Result]) -> dict[tuple[str, str], float]:
    """Per (server, scenario): the median over rounds of calls/CPU-s over the floor's."""
    floors = {r.scenario: r for r in results if r.server == FLOOR}
    ratios: dict[tuple[str, str], float] = {}
    for result in results:
        floor = floors.get(result.scenario)
        if floor is None:
            continue
        paired = [
            ours.calls_per_cpu_s / theirs.calls_per_cpu_s
            for ours, theirs in zip(result.rounds, floor.rounds, strict=True)
        ]
        ratios[(result.server, result.scenario)] = statistics.median(paired)
    return ratios


def table(results: list[Result], growth: dict[str, dict[str, float]]) -> str:
    ratios = ratios_to_floor(results)
    header = (
        f"| {'server':<23} | {'scenario':<8} | {'req/s':>8} | {'calls/s':>9} | {'p50 ms':>7} "
        f"| {'p99 ms':>7} | {'CPU':>5} | {'calls/CPU-s':>11} | {'vs floor':>8} | {'peak RSS':>8} |"
    )
    lines = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    for r in results:
        ratio = ratios.get((r.server, r.scenario), 0.0)
        lines.append(
            f"| {r.server:<23} | {r.scenario:<8} | {r.median('requests_per_s'):>8,.0f} "
            f"| {r.median('calls_per_s'):>9,.0f} | {r.median('p50_ms'):>7.2f} "
            f"| {r.median('p99_ms'):>7.2f} | {r.median('cpu_share'):>5.0%} "
            f"| {r.median('calls_per_cpu_s'):>11,.0f} | {ratio:>7.2f}x | {r.peak_rss_mb:>5.0f} MB |"
        )
    steal = [round_.steal_share for r in results for round_ in r.rounds]
    if steal:
        lines.append(
            f"\nServer CPU stolen by other guests of the host during the rounds: median "
            f"{statistics.median(steal):.1%}, at most {max(steal):.1%}"
        )
    for name, numbers in growth.items():
        lines.append(
            f"\nRSS of {name} over a {numbers['seconds']:.0f} s run: "
            f"{numbers['first_10s_mb']} MB in the first 10 s, {numbers['last_10s_mb']} MB in "
            f"the last 10 s ({numbers['growth_percent']:+.2f}%)"
        )
    return "\n".join(lines)


def document(
    results: list[Result],
    growth: dict[str, dict[str, float]],
    machine: dict[str, Any],
    settings: dict[str, Any],
) -> dict[str, Any]:
    ratios = ratios_to_floor(results)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "settings": settings,
        "results": [
            {
                "server": r.server,
                "scenario": r.scenario,
                "median": {name: round(r.median(name), 3) for name in Round.__dataclass_fields__},
                "ratio_to_floor": round(ratios[(r.server, r.scenario)], 3),
                "peak_rss_mb": round(r.peak_rss_mb, 1),
                "rounds": [asdict(round_) for round_ in r.rounds],
            }
            for r in results
        ],
        "memory": growth,
    }
