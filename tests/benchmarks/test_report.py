"""The reported ratios pair each round with the same round of the server's own floor
(on the same database), and Switchyard's with the FastAPI reference's."""

from __future__ import annotations

import json

import pytest

from benchmarks.report import (
    FLOOR,
    Result,
    Round,
    document,
    ratios_to_floor,
    ratios_to_reference,
    table,
)


def _round(calls_per_cpu_s: float) -> Round:
    return Round(
        requests_per_s=calls_per_cpu_s,
        calls_per_s=calls_per_cpu_s,
        p50_ms=1.0,
        p99_ms=2.0,
        cpu_share=1.0,
        calls_per_cpu_s=calls_per_cpu_s,
    )


def _result(
    server: str,
    per_round: list[float],
    scenario: str = "single",
    *,
    database: str | None = None,
    floor: str = FLOOR,
    reference: str | None = None,
) -> Result:
    return Result(
        server,
        scenario,
        database,
        floor,
        reference,
        rounds=[_round(value) for value in per_round],
    )


def _me(server: str, per_round: list[float], database: str, **kwargs: str) -> Result:
    return _result(server, per_round, database=database, floor="floor auth.me", **kwargs)


def test_a_machine_slowing_down_between_rounds_does_not_move_the_ratio() -> None:
    # Both servers run at 0.8 of the floor in every round while the machine halves
    # its speed: the ratio of whole-run medians would say 0.8 * 6,000 / 8,000 = 0.6.
    floor = _result(FLOOR, [10_000, 8_000, 5_000])
    ours = _result("switchyard", [8_000, 6_400, 4_000])
    ratios = ratios_to_floor([floor, ours])
    assert ratios[("switchyard", None, "single")] == pytest.approx(0.8)
    assert ratios[(FLOOR, None, "single")] == pytest.approx(1.0)


def test_the_ratio_is_the_median_of_the_rounds_ratios() -> None:
    floor = _result(FLOOR, [100, 100, 100], scenario="batch50")
    ours = _result("switchyard", [40, 90, 45], scenario="batch50")
    ratios = ratios_to_floor([floor, ours])
    assert ratios[("switchyard", None, "batch50")] == pytest.approx(0.45)


def test_rounds_must_pair_up() -> None:
    with pytest.raises(ValueError, match=r"shorter|longer"):
        ratios_to_floor([_result(FLOOR, [100, 100]), _result("switchyard", [50])])


def test_each_server_pairs_with_its_own_floor_on_its_own_database() -> None:
    results = [
        _result(FLOOR, [10_000]),
        _result("switchyard", [9_000]),
        _me("floor auth.me", [2_000], "sqlite"),
        _me("switchyard auth.me", [500], "sqlite"),
        _me("floor auth.me", [1_000], "postgresql"),
        _me("switchyard auth.me", [500], "postgresql"),
    ]
    ratios = ratios_to_floor(results)
    assert ratios[("switchyard", None, "single")] == pytest.approx(0.9)
    assert ratios[("switchyard auth.me", "sqlite", "single")] == pytest.approx(0.25)
    assert ratios[("switchyard auth.me", "postgresql", "single")] == pytest.approx(0.5)


def test_switchyard_pairs_with_fastapi_on_single_calls_only() -> None:
    results = [
        _me("floor auth.me", [2_000, 2_000], "sqlite"),
        _me("switchyard auth.me", [600, 300], "sqlite", reference="fastapi auth.me"),
        _me("fastapi auth.me", [400, 400], "sqlite"),
        _me("floor auth.me", [2_000, 2_000], "sqlite", scenario="batch50"),
        _me("switchyard auth.me", [900, 900], "sqlite", scenario="batch50",
            reference="fastapi auth.me"),
    ]  # fmt: skip
    ratios = ratios_to_reference(results)
    # Paired by round: 1.5 and 0.75, whose median is 1.125 (medians alone: 450 / 400).
    assert ratios == {("switchyard auth.me", "sqlite", "single"): pytest.approx(1.125)}
    assert ratios_to_floor(results)[("fastapi auth.me", "sqlite", "single")] == 0.2


def test_a_floor_left_out_of_the_run_leaves_no_ratio() -> None:
    ratios = ratios_to_floor([_me("switchyard auth.me", [500], "sqlite")])
    assert ratios == {}


def test_the_table_shows_the_paired_ratio_and_the_stolen_time() -> None:
    floor = _result(FLOOR, [10_000, 5_000])
    ours = _result("switchyard", [9_000, 4_500])
    ours.rounds[1].steal_share = 0.07
    text = table([floor, ours], growth={})
    switchyard_row = next(line for line in text.splitlines() if "| switchyard" in line)
    assert "0.90x" in switchyard_row
    assert "at most 7.0%" in text


def test_the_table_names_database_floor_and_fastapi_ratio_per_row() -> None:
    results = [
        _me("floor auth.me", [2_000], "postgresql"),
        _me("switchyard auth.me", [500], "postgresql", reference="fastapi auth.me"),
        _me("fastapi auth.me", [400], "postgresql"),
    ]
    growth = {"switchyard auth.me (postgresql)": {
        "seconds": 60, "first_10s_mb": 100.0, "last_10s_mb": 101.0, "growth_percent": 1.0,
    }}  # fmt: skip
    lines = table(results, growth).splitlines()
    row = next(line for line in lines if line.startswith("| switchyard auth.me"))
    cells = [cell.strip() for cell in row.split("|")[1:-1]]
    header = [cell.strip() for cell in lines[0].split("|")[1:-1]]
    by_column = dict(zip(header, cells, strict=True))
    assert by_column["database"] == "postgresql"
    assert by_column["vs floor"] == "0.25x"
    assert by_column["floor"] == "floor auth.me"
    assert by_column["vs FastAPI"] == "1.25x"
    assert "RSS of switchyard auth.me (postgresql) over a 60 s run" in "\n".join(lines)


def test_the_longest_names_keep_the_table_lined_up() -> None:
    floor = "floor tickets.getTickets"
    results = [
        _result(floor, [300], database="postgresql", floor=floor),
        _result("switchyard tickets.getTickets", [200], database="postgresql", floor=floor),
        _me("floor auth.me", [2_000], "sqlite"),
    ]
    lines = table(results, growth={}).splitlines()[: 2 + len(results)]
    assert len({len(line) for line in lines}) == 1


def test_the_document_keeps_its_shape_and_adds_database_floor_and_reference() -> None:
    results = [
        _me("floor auth.me", [2_000], "sqlite"),
        _me("switchyard auth.me", [500], "sqlite", reference="fastapi auth.me"),
    ]
    written = json.loads(json.dumps(document(results, {}, {"cpus": 2}, {"rounds": 1})))
    assert set(written) == {"when", "machine", "settings", "results", "memory"}
    entry = written["results"][1]
    assert entry["server"] == "switchyard auth.me"
    assert entry["database"] == "sqlite"
    assert entry["floor"] == "floor auth.me"
    assert entry["ratio_to_floor"] == 0.25
    # The reference was not run: the pairing is named, its ratio is null.
    assert (entry["reference"], entry["ratio_to_reference"]) == ("fastapi auth.me", None)
    assert {"median", "peak_rss_mb", "rounds"} <= set(entry)


def test_a_round_that_completed_no_request_pairs_with_nothing() -> None:
    # A round shorter than one request takes under the load: 0 calls, not 0x the floor.
    floor = _result(FLOOR, [1_000, 1_000, 1_000], scenario="batch50")
    ours = _result("switchyard", [0, 400, 600], scenario="batch50")
    ours.rounds[0].requests_per_s = 0
    assert ratios_to_floor([floor, ours])[("switchyard", None, "batch50")] == 0.5
    never = _result("switchyard", [0], scenario="batch50")
    never.rounds[0].requests_per_s = 0
    one_floor = _result(FLOOR, [1_000], scenario="batch50")
    assert ("switchyard", None, "batch50") not in ratios_to_floor([one_floor, never])
    text = table([one_floor, never], growth={})
    row = next(line for line in text.splitlines() if line.startswith("| switchyard"))
    assert "n/a" in row
    assert "Rounds that completed no request: 1" in text
