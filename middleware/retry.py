"""Running a call again when its transaction lost a race the database could not settle.

A serialisation failure, a deadlock or a busy SQLite database means the transaction
is undone (the database rolled it back, or the unit of work does on the way out):
nothing of it was kept. The call is then run again whole,
from input validation to output check, so its resolver opens a new unit of work and
reads the state anew. That is safe for every procedure: a unit of work is per call
and keeps nothing it did not commit, and the access check and the rate limit ran
once, before the first attempt, outside what is repeated. (A resolver that commits
in two transactions must make the first safe to repeat, since only the failed one
is undone; today's two-transaction resolvers, login and switch, only read in the
first.)

At most ``ATTEMPTS`` runs, with a short random pause before each new one ("full
jitter": the racers that deadlocked are unlikely to meet again at the same instant).
When the last one fails too, the TransientFailure goes out and is answered CONFLICT
("try again"). On SQLite each run has already waited up to busy_timeout (5 s) for
the write lock before failing, so a call gives up after about 15 s at most.

A plain loop rather than a retry library (tenacity, stamina): it is a dozen lines,
costs nothing on the common path (the first attempt runs inline in the call boundary,
and this module is entered only after a failure), and the decision what to retry is
``db.failures``' classification, which a library would only wrap.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any

import anyio

from db.errors import DatabaseFailure, TransientFailure
from db.failures import database_failure

logger = logging.getLogger("switchyard.retry")

# Runs of a call in all, the first included.
ATTEMPTS = 3
# The pause before the n-th new run is random in [0, BACKOFF_SECONDS * 2**(n-1)).
BACKOFF_SECONDS = 0.02


async def run_again(
    procedure: str, attempt: Callable[[], Awaitable[Any]], failure: DatabaseFailure
) -> Any:
    """After the first run of ``attempt`` failed with ``failure``: retry or raise.

    Raises ``failure`` at once unless it is transient; otherwise runs ``attempt`` again
    up to ``ATTEMPTS`` runs in all, and raises the last failure if none succeeds.
    Exceptions that are not database failures pass through unchanged.
    """
    for retry in range(1, ATTEMPTS):
        if not isinstance(failure, TransientFailure):
            break
        # The failure's text names the SQLSTATE, table and statement, never a value.
        logger.info("%s runs again (%d of %d) after: %s", procedure, retry + 1, ATTEMPTS, failure)
        await anyio.sleep(random.uniform(0, BACKOFF_SECONDS * 2 ** (retry - 1)))  # noqa: S311
        try:
            return await attempt()
        except Exception as error:
            classified = database_failure(error)
            if classified is None:
                raise
            failure = classified
    raise failure from None
