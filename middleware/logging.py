"""One structured log line per call: procedure, kind, duration, outcome, caller.

The correlation id is added to every record by ``rpc.CorrelationIdFilter``. The line is
written by ``middleware.call.call_boundary``, first in every chain, so it sees the
outcome of everything after it.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from middleware.context import RequestContext
from rpc import CorrelationIdFilter

call_logger = logging.getLogger("switchyard.calls")


def log_call_outcome(ctx: RequestContext, kind: str, started: float, outcome: str) -> None:
    """The call's one log line (``started`` is a ``time.perf_counter()`` reading)."""
    if not call_logger.isEnabledFor(logging.INFO):
        return
    call_logger.info(
        "call",
        extra={
            "procedure": ctx.procedure,
            "kind": kind,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "outcome": outcome,
            "caller_id": ctx.caller.user_id if ctx.caller else None,
        },
    )


class JsonLineFormatter(logging.Formatter):
    """Formats a record as one JSON object per line, with its structured fields."""

    _FIELDS = ("procedure", "kind", "duration_ms", "outcome", "caller_id")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": getattr(record, "correlation_id", "-"),
        }
        for name in self._FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(CorrelationIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
