"""JSON in and out: what is refused on the way in, and that writing never fails."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpc.json_codec import JsonParseError, UnpairedSurrogateError, dump_json, parse_json

BIG = 123456789012345678901234567890  # takes the standard library's path


@pytest.mark.parametrize("escape", [rb"\ud800", rb"\uDBFF", rb"\udc00", rb"\uDFFF"])
@pytest.mark.parametrize("big_int", [False, True])
def test_an_unpaired_surrogate_escape_is_refused(escape: bytes, big_int: bool) -> None:
    number = str(BIG if big_int else 1).encode()
    body = b'{"id": ' + number + b', "k": ["x' + escape + b'y"]}'

    with pytest.raises(UnpairedSurrogateError):
        parse_json(body)


def test_a_reversed_pair_is_two_unpaired_halves() -> None:
    with pytest.raises(UnpairedSurrogateError):
        parse_json(b'{"big": ' + str(BIG).encode() + rb', "s": "\udc00\ud800"}')


def test_an_unpaired_surrogate_in_a_key_is_refused() -> None:
    with pytest.raises(UnpairedSurrogateError):
        parse_json(b'{"big": ' + str(BIG).encode() + rb', "\ud800": 1}')


def test_an_unpaired_surrogate_is_a_parse_error() -> None:
    assert issubclass(UnpairedSurrogateError, JsonParseError)


@pytest.mark.parametrize("big_int", [False, True])
def test_a_pair_is_one_character(big_int: bool) -> None:
    number = str(BIG if big_int else 1).encode()
    parsed = parse_json(b'{"id": ' + number + rb', "s": "\ud83d\ude00"}')
    assert parsed["s"] == "\U0001f600"


def test_an_escaped_backslash_before_u_d800_is_text() -> None:
    parsed = parse_json(b'{"id": ' + str(BIG).encode() + rb', "s": "\\ud800"}')
    assert parsed["s"] == "\\ud800"


def test_deep_nesting_is_a_parse_error_not_a_crash() -> None:
    depth = 100_000
    with pytest.raises(JsonParseError):
        parse_json(b"[" * depth + b"]" * depth)


def test_a_lone_surrogate_is_written_escaped_as_valid_json() -> None:
    value = {"id": 1, "result": ["a\ud800b", {"\udfff": BIG}]}

    written = dump_json(value)

    assert written.isascii()
    assert json.loads(written) == value


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_anything_json_ready_is_written_as_json(value: Any) -> None:
    # Any str, surrogates included, any int: writing never fails, and reads back.
    assert json.loads(dump_json(value)) == value


def test_orjson_writes_the_common_case() -> None:
    value = {"jsonrpc": "2.0", "result": {"name": "Ada \U0001f600"}, "id": 1}
    assert dump_json(value) == orjson.dumps(value)
