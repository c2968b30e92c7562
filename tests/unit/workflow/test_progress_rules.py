"""The completion rate and the timeline's days, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from services.day_window_rules import day_window, filled
from services.workflow.progress_rules import completion_rate


def test_no_tasks_is_a_rate_of_zero() -> None:
    assert completion_rate(0, 0) == 0.0


def test_the_rate_is_a_percentage_with_one_decimal() -> None:
    assert completion_rate(2, 3) == 66.7
    assert completion_rate(1, 3) == 33.3
    assert completion_rate(3, 3) == 100.0
    assert completion_rate(0, 5) == 0.0


def test_the_rate_rounds_half_up_on_the_exact_ratio() -> None:
    # 1/8 = 12.5%, 1/16 = 6.25% -> 6.3 (half up), 1/80 = 1.25% -> 1.3.
    assert completion_rate(1, 8) == 12.5
    assert completion_rate(1, 16) == 6.3
    assert completion_rate(1, 80) == 1.3


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_the_rate_is_within_a_twentieth_of_a_percent_of_the_ratio(
    total: int, data: st.DataObject
) -> None:
    completed = data.draw(st.integers(min_value=0, max_value=total))
    rate = completion_rate(completed, total)

    assert 0.0 <= rate <= 100.0
    assert abs(rate - completed * 100 / total) <= 0.05 + 1e-9
    assert round(rate, 1) == rate


def test_the_window_is_the_last_days_up_to_today_in_utc() -> None:
    window = day_window(datetime(2026, 11, 20, 0, 30, tzinfo=UTC), 3)

    assert window.days == ["2026-11-18", "2026-11-19", "2026-11-20"]
    assert window.start == datetime(2026, 11, 18, tzinfo=UTC)
    assert window.end == datetime(2026, 11, 21, tzinfo=UTC)


def test_days_without_completions_are_zero() -> None:
    assert filled(["a", "b", "c"], {"b": 4}, 0) == [("a", 0), ("b", 4), ("c", 0)]
