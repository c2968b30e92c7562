"""The correlation id of the request being served, readable anywhere below the transport.

A context variable rather than a parameter: log records, error payloads and worker
threads (``anyio.to_thread`` copies the context) all see it without being handed it.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_correlation_id() -> str | None:
    return _correlation_id.get()


def set_correlation_id(value: str | None) -> object:
    """Set the id for the current context; returns a token for :func:`reset_correlation_id`."""
    return _correlation_id.set(value)


def reset_correlation_id(token: object) -> None:
    _correlation_id.reset(token)  # type: ignore[arg-type]


class CorrelationIdFilter(logging.Filter):
    """Adds ``correlation_id`` to every log record, so every line of a request carries it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = _correlation_id.get() or "-"
        return True
