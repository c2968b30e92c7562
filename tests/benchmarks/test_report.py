"""The reported ratio pairs each round with the floor's round of the same time."""

from __future__ import annotations

import pytest

from benchmarks.report import FLOOR, Result, Round, ratios_to_floor, table


def _round(calls_per_cpu_s: float) -> Round:
    return Round(
        requests_per_s=calls_per_cpu_s,
        calls_per_s=calls_per_cpu_s,
        p50_ms=1.0,
        p99_ms=2.0,
        cpu_share=1.0,
        calls_per_cpu_s=calls_per_cpu_s,
    )


def _result(server: str, per_round: list[float], scenario: str = "single") -> Result:
    return Result(server, scenario, rounds=[_round(value) for value in per_round])


def test_a_machine_slowing_down_between_rounds_does_not_move_the_ratio() -> None:
    # Both servers run at 0.8 of the floor in every round while the machine halves
    # its speed: the ratio of whole-run medians would say 0.8 * 6,000 / 8,000 = 0.6.
    floor = _result(FLOOR, [10_000, 8_000, 5_000])
    ours = _result("switchyard", [8_000, 6_400, 4_000])
    ratios = ratios_to_floor([floor, ours])
    assert ratios[("switchyard", "single")] == pytest.approx(0.8)
    assert ratios[(FLOOR, "single")] == pytest.approx(1.0)


def test_the_ratio_is_the_median_of_the_rounds_ratios() -> None:
    floor = _result(FLOOR, [100, 100, 100], scenario="batch50")
    ours = _result("switchyard", [40, 90, 45], scenario="batch50")
    assert ratios_to_floor([floor, ours])[("switchyard", "batch50")] == pytest.approx(0.45)


def test_rounds_must_pair_up() -> None:
    with pytest.raises(ValueError, match=r"shorter|longer"):
        ratios_to_floor([_result(FLOOR, [100, 100]), _result("switchyard", [50])])


def test_the_table_shows_the_paired_ratio_and_the_stolen_time() -> None:
    floor = _result(FLOOR, [10_000, 5_000])
    ours = _result("switchyard", [9_000, 4_500])
    ours.rounds[1].steal_share = 0.07
    text = table([floor, ours], growth={})
    switchyard_row = next(line for line in text.splitlines() if "| switchyard" in line)
    assert "0.90x" in switchyard_row
    assert "at most 7.0%" in text
