"""The progress dashboard's rules on plain values: the completion rate (the timeline's
days are services/day_window_rules.py's, shared with the revenue chart)."""

from decimal import ROUND_HALF_UP, Decimal

# One decimal place of a percentage: 66.7.
_ONE_DECIMAL = Decimal("0.1")


def completion_rate(completed: int, total: int) -> float:
    """``completed`` of ``total`` as a percentage rounded half up to one decimal (2 of 3
    is 66.7); 0 when there are no tasks, rather than a division by zero. Computed in
    Decimal so the rounding is of the exact ratio, not of a binary float."""
    if total == 0:
        return 0.0
    rate = (Decimal(completed) * 100 / Decimal(total)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    return float(rate)
