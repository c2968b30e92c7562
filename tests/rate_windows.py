"""Filling a rate limit within one window of the limiter, so the count is exact.

Limits are counted with a sliding-window counter (``middleware.rate_limit_store``):
windows aligned to the epoch, the previous window's count weighted by how much of it
the sliding window still covers, rounded down. That estimate can let one call more
through when the calls that fill a limit straddle the boundary of two windows (for
example 20 logins at the end of one minute and 10 at the start of the next: the 31st
sees floor(20 x 0.97) + 10 = 29). A test that asserts the exact call on which a limit
refuses therefore starts its calls early enough in a window to finish inside it.
"""

from __future__ import annotations

import time

WINDOW_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def within_one_window(window: str = "minute", *, seconds_needed: float = 20.0) -> None:
    """Wait for the next window unless ``seconds_needed`` remain in the current one."""
    length = WINDOW_SECONDS[window]
    left = length - time.time() % length
    if left < seconds_needed:
        time.sleep(left + 0.05)
