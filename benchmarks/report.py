"""What a benchmark run measured, and how it is reported: a table and a JSON document.

Ratios are paired by round. The servers are measured round by round and scenario by
scenario, each group's floor first and then the servers answering the same call from
the same database, so each round's ratio compares measurements seconds apart on the
same machine; the median of those ratios is what the table shows. A machine whose speed
drifts over the run (other guests on the host, frequency changes) moves both sides of a
pair alike, where a ratio of whole-run medians would compare the floor's minutes with
the other servers' later ones. Each server pairs with its own floor (the echo floor for
``bench.echo``, the ``auth.me`` floor on the same database for ``auth.me``, ...), and
Switchyard's database-backed procedures pair with the FastAPI reference too.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

FLOOR = "floor"
# How a result is found: its server's name, its database (None: it reads none), its scenario.
ResultKey = tuple[str, str | None, str]


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
    database: str | None = None
    # The server whose rounds this one's ratio pairs with (on the same database).
    floor: str = FLOOR
    # The reference (FastAPI) whose rounds a second ratio pairs with, where it has any.
    reference: str | None = None
    rounds: list[Round] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    @property
    def key(self) -> ResultKey:
        return (self.server, self.database, self.scenario)

    def median(self, name: str) -> float:
        values: list[float] = [getattr(r, name) for r in self.rounds]
        return statistics.median(values)


def paired_ratio(ours: Result, theirs: Result) -> float | None:
    """The median over rounds of ours' calls/CPU-s over theirs' in the same round.

    A round in which no request completed (shorter than one request takes under the
    load) measured nothing, and neither does its pair; None if no pair is left.
    """
    paired = [
        mine.calls_per_cpu_s / other.calls_per_cpu_s
        for mine, other in zip(ours.rounds, theirs.rounds, strict=True)
        if mine.calls_per_cpu_s and other.calls_per_cpu_s
    ]
    return statistics.median(paired) if paired else None


def ratios_to(results: list[Result], attribute: str) -> dict[ResultKey, float]:
    """Per result: its paired ratio to the server named by ``attribute`` ("floor" or
    "reference"), on the same database and scenario; left out where that was not run."""
    by_key = {result.key: result for result in results}
    ratios: dict[ResultKey, float] = {}
    for result in results:
        name = getattr(result, attribute)
        other = by_key.get((name, result.database, result.scenario)) if name else None
        ratio = paired_ratio(result, other) if other is not None else None
        if ratio is not None:
            ratios[result.key] = ratio
    return ratios


def ratios_to_floor(results: list[Result]) -> dict[ResultKey, float]:
    return ratios_to(results, "floor")


def ratios_to_reference(results: list[Result]) -> dict[ResultKey, float]:
    return ratios_to(results, "reference")


def _ratio_cell(ratio: float | None) -> str:
    return f"{ratio:>7.2f}x" if ratio is not None else f"{'n/a':>8}"


# Wide enough for the longest names ("switchyard tickets.getTickets", "floor
# tickets.getTickets"), so that every row of the table lines up.
SERVER_WIDTH = 29
FLOOR_WIDTH = 24


def table(results: list[Result], growth: dict[str, dict[str, float]]) -> str:
    floor_ratios, reference_ratios = ratios_to_floor(results), ratios_to_reference(results)
    header = (
        f"| {'server':<{SERVER_WIDTH}} | {'database':<10} | {'scenario':<8} | {'req/s':>8} "
        f"| {'calls/s':>9} | {'p50 ms':>7} | {'p99 ms':>7} | {'CPU':>5} | {'calls/CPU-s':>11} "
        f"| {'vs floor':>8} | {'floor':<{FLOOR_WIDTH}} | {'vs FastAPI':>10} | {'peak RSS':>8} |"
    )
    lines = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    for r in results:
        reference = reference_ratios.get(r.key)
        lines.append(
            f"| {r.server:<{SERVER_WIDTH}} | {r.database or '-':<10} | {r.scenario:<8} "
            f"| {r.median('requests_per_s'):>8,.0f} | {r.median('calls_per_s'):>9,.0f} "
            f"| {r.median('p50_ms'):>7.2f} | {r.median('p99_ms'):>7.2f} "
            f"| {r.median('cpu_share'):>5.0%} | {r.median('calls_per_cpu_s'):>11,.0f} "
            f"| {_ratio_cell(floor_ratios.get(r.key))} | {r.floor:<{FLOOR_WIDTH}} "
            f"| {_ratio_cell(reference) if r.reference else '':>10} "
            f"| {r.peak_rss_mb:>5.0f} MB |"
        )
    empty = sum(1 for r in results for round_ in r.rounds if not round_.requests_per_s)
    if empty:
        lines.append(
            f"\nRounds that completed no request: {empty} (shorter than a request takes "
            "under the load; their ratios are n/a): give --seconds more"
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


def _rounded(ratio: float | None) -> float | None:
    return round(ratio, 3) if ratio is not None else None


def document(
    results: list[Result],
    growth: dict[str, dict[str, float]],
    machine: dict[str, Any],
    settings: dict[str, Any],
) -> dict[str, Any]:
    floor_ratios, reference_ratios = ratios_to_floor(results), ratios_to_reference(results)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "settings": settings,
        "results": [
            {
                "server": r.server,
                "scenario": r.scenario,
                "database": r.database,
                "median": {name: round(r.median(name), 3) for name in Round.__dataclass_fields__},
                "floor": r.floor,
                "ratio_to_floor": _rounded(floor_ratios.get(r.key)),
                "reference": r.reference,
                "ratio_to_reference": _rounded(reference_ratios.get(r.key)),
                "peak_rss_mb": round(r.peak_rss_mb, 1),
                "rounds": [asdict(round_) for round_ in r.rounds],
            }
            for r in results
        ],
        "memory": growth,
    }
