"""What becomes of an email after an attempt to deliver it: plain values in and out.

- delivered: ``sent``.
- a permanent refusal (a 5xx answer to the recipient or to the message): ``bounced``
  at once, never retried.
- a transient failure (a 4xx answer, no connection, a timeout): pending again after an
  exponential backoff, ``base * 2^n`` stretched by up to a quarter at random (so
  senders that failed together do not come back together), where n is the number of
  retries so far; once ``max_retries`` retries have failed too, ``failed``.

``retry_count`` counts the retries scheduled: an email is tried at most
``1 + max_retries`` times, and a failed one has ``retry_count == max_retries``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

# How far past the backoff a retry may be put, as a share of it.
JITTER_SHARE = 0.25


class DeliveryError(Exception):
    """An attempt that did not deliver: the server's answer (or why there was none),
    and whether trying again can help."""

    def __init__(self, answer: str, *, permanent: bool) -> None:
        super().__init__(answer)
        self.answer = answer
        self.permanent = permanent


@dataclass(frozen=True)
class Sent:
    kind: Literal["sent"] = "sent"


@dataclass(frozen=True)
class Retry:
    retry_count: int
    next_attempt_at: datetime
    error: str
    kind: Literal["retry"] = "retry"


@dataclass(frozen=True)
class Failed:
    error: str
    kind: Literal["failed"] = "failed"


@dataclass(frozen=True)
class Bounced:
    error: str
    kind: Literal["bounced"] = "bounced"


Outcome = Sent | Retry | Failed | Bounced


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int
    backoff_base: timedelta


def backoff(policy: RetryPolicy, retries_so_far: int, jitter: float) -> timedelta:
    """The wait before retry number ``retries_so_far + 1``; ``jitter`` in [0, 1)."""
    factor: float = 2**retries_so_far * (1 + JITTER_SHARE * jitter)
    return policy.backoff_base * factor


def outcome_of_failure(
    failure: DeliveryError,
    *,
    retry_count: int,
    policy: RetryPolicy,
    now: datetime,
    jitter: float,
) -> Outcome:
    """What a failed attempt at an email with ``retry_count`` retries so far leads to."""
    if failure.permanent:
        return Bounced(failure.answer)
    if retry_count >= policy.max_retries:
        return Failed(failure.answer)
    return Retry(
        retry_count=retry_count + 1,
        next_attempt_at=now + backoff(policy, retry_count, jitter),
        error=failure.answer,
    )
