"""What an attempt's failure leads to: bounced, retried after a backoff, or failed."""

from datetime import UTC, datetime, timedelta

import pytest

from services.email_delivery_rules import (
    Bounced,
    DeliveryError,
    Failed,
    Retry,
    RetryPolicy,
    backoff,
    outcome_of_failure,
)

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
POLICY = RetryPolicy(max_retries=3, backoff_base=timedelta(seconds=60))
BUSY = DeliveryError("451 4.3.0 Try later", permanent=False)
NO_SUCH_USER = DeliveryError("550 5.1.1 No such user", permanent=True)


def test_a_permanent_refusal_bounces_whatever_the_retries_left() -> None:
    for retry_count in (0, 2, 3):
        outcome = outcome_of_failure(
            NO_SUCH_USER, retry_count=retry_count, policy=POLICY, now=NOW, jitter=0.5
        )
        assert outcome == Bounced("550 5.1.1 No such user")


@pytest.mark.parametrize(("retry_count", "wait"), [(0, 60), (1, 120), (2, 240)])
def test_a_transient_failure_is_retried_after_a_doubling_backoff(
    retry_count: int, wait: int
) -> None:
    outcome = outcome_of_failure(BUSY, retry_count=retry_count, policy=POLICY, now=NOW, jitter=0)
    assert outcome == Retry(
        retry_count=retry_count + 1,
        next_attempt_at=NOW + timedelta(seconds=wait),
        error="451 4.3.0 Try later",
    )


def test_once_max_retries_retries_failed_too_the_email_fails() -> None:
    outcome = outcome_of_failure(BUSY, retry_count=3, policy=POLICY, now=NOW, jitter=0)
    assert outcome == Failed("451 4.3.0 Try later")


def test_no_retries_at_all_fails_on_the_first_transient_failure() -> None:
    policy = RetryPolicy(max_retries=0, backoff_base=timedelta(seconds=60))
    assert outcome_of_failure(BUSY, retry_count=0, policy=policy, now=NOW, jitter=0) == Failed(
        "451 4.3.0 Try later"
    )


def test_jitter_stretches_the_backoff_by_at_most_a_quarter() -> None:
    assert backoff(POLICY, 1, 0.0) == timedelta(seconds=120)
    assert backoff(POLICY, 1, 0.5) == timedelta(seconds=135)
    assert backoff(POLICY, 1, 0.999) < timedelta(seconds=150)
