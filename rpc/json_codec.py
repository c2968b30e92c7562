"""JSON in and out: orjson for speed, the standard library where orjson falls short.

orjson limits integers to 64 bits (it reads a longer one as a float, so an id of
123456789012345678901234567890 would not be echoed unchanged, and it refuses to write
one), but JSON has no such limit. A body with a run of 19 or more digits is rare, so it
takes the standard library's exact path; the check for it runs at C speed.

A string escape may name half of a UTF-16 surrogate pair alone (``"\\ud800"``): the
JSON grammar allows it, but it is no Unicode character, cannot be written as UTF-8, and
so no answer echoing it could be sent. orjson refuses such a body; the standard
library's path refuses it too (:class:`UnpairedSurrogateError`), so a request holding
one is refused whole before any of it runs, as a body of invalid UTF-8 is.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import orjson


class JsonParseError(ValueError):
    """The bytes are not a JSON document."""


class UnpairedSurrogateError(JsonParseError):
    """A string in the document holds half a surrogate pair: no Unicode text."""


UNPAIRED_SURROGATE = (
    "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800), "
    "which is not a Unicode character"
)


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


# An escape of a code point in the surrogate range (D800-DFFF), paired or not.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


def _holds_unpaired_surrogate(value: Any) -> bool:
    # json.loads joins each escaped pair into one character, so a surrogate left in a
    # string is an unpaired one, and strict UTF-8 encoding refuses it (at C speed).
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_json(body: bytes) -> Any:
    if not _has_long_digit_run(body):
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            pass  # the standard library decides, and explains what is wrong
    try:
        # JSON over HTTP is UTF-8: decode strictly rather than let json guess UTF-16/32.
        value = json.loads(
            body.decode("utf-8"), parse_constant=_refuse_constant, parse_float=_finite_float
        )
    except (ValueError, RecursionError) as exc:
        raise JsonParseError(str(exc)) from None
    # orjson refused the body or never saw it: only here can a lone surrogate be in it.
    if _SURROGATE_ESCAPE.search(body) and _holds_unpaired_surrogate(value):
        raise UnpairedSurrogateError(UNPAIRED_SURROGATE)
    return value


def dump_json(value: Any) -> bytes:
    """``value`` as JSON in UTF-8; this never fails for JSON-ready values.

    orjson first; integers past 64 bits take the standard library. A string holding an
    unpaired surrogate (no request can bring one in: see the module's doc) is written
    escaped, in ASCII: still valid JSON, where UTF-8 could not carry it.
    """
    try:
        return orjson.dumps(value)
    except TypeError:
        pass  # orjson.JSONEncodeError is a TypeError
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":")).encode()
