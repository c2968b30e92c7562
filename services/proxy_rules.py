"""Rules of proxy configurations, on plain values: no unit of work, no database."""

from collections.abc import Set

# What the last test was a test of: change one and the result speaks of another proxy.
TESTED_FIELDS = frozenset({"host", "port", "username", "password"})


def forgets_last_test(changed: Set[str]) -> bool:
    """Whether a change of these fields makes the stored test result stale.

    Given counts, not different: the caller said the proxy is now this one."""
    return not TESTED_FIELDS.isdisjoint(changed)
