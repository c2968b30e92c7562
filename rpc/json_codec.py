"""JSON in and out: orjson for speed, the standard library where orjson falls short.

orjson limits integers to 64 bits (it reads a longer one as a float, so an id of
123456789012345678901234567890 would not be echoed unchanged, and it refuses to write
one), but JSON has no such limit. A body with a run of 19 or more digits is rare, so it
takes the standard library's exact path; the check for it runs at C speed.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson


class JsonParseError(ValueError):
    """The bytes are not a JSON document."""


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are accepted by Python's json module but are not JSON.
    raise JsonParseError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise JsonParseError(f"number {text} is out of range")
    return value


# Every digit becomes "0" and nothing else does, so 19 zeros in a row after translating
# mean a run of 19 digits: found at C speed (a regular expression takes 3x orjson's time).
_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
_LONG_RUN = b"0" * 19


def _has_long_digit_run(body: bytes) -> bool:
    return _LONG_RUN in body.translate(_DIGITS_TO_ZERO)


def parse_json(body: bytes) -> Any:
    if not _has_long_digit_run(body):
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            pass  # the standard library decides, and explains what is wrong
    try:
        # JSON over HTTP is UTF-8: decode strictly rather than let json guess UTF-16/32.
        return json.loads(
            body.decode("utf-8"), parse_constant=_refuse_constant, parse_float=_finite_float
        )
    except (ValueError, RecursionError) as exc:
        raise JsonParseError(str(exc)) from None


def dump_json(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:
        # orjson.JSONEncodeError is a TypeError: integers past 64 bits land here.
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
