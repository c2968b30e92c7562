"""The two fast paths of a timestamp, held to the general ones they shortcut.

``utc_timestamp`` writes a UTC datetime with one ``isoformat`` call; any other zone goes
through a conversion to UTC first. Both must give the same text for the same instant,
whole seconds and years before 1000 included. ``UTCDateTime`` reads SQLite's stored
text with ``fromisoformat``, instead of SQLAlchemy's parser: what it stored must come
back as the same instant, aware and in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from db.column_types import UTCDateTime
from schemas.common import utc_timestamp

# Far enough from datetime's own ends that converting to any zone stays in range.
INSTANTS = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
# Whole seconds are written differently (isoformat leaves the fraction out): as likely.
WITH_OR_WITHOUT_FRACTION = st.one_of(INSTANTS, INSTANTS.map(lambda v: v.replace(microsecond=0)))
ZONES: st.SearchStrategy[tzinfo] = st.one_of(
    st.just(UTC),
    # UTC's offset, but not the UTC object: the general path, with nothing to convert.
    st.just(timezone(timedelta(0), "Z")),
    st.timedeltas(
        min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
    ).map(lambda offset: timezone(offset)),
    st.timezones(),
)
AWARE = st.builds(lambda value, zone: value.replace(tzinfo=zone), WITH_OR_WITHOUT_FRACTION, ZONES)


def written_by_hand(value: datetime) -> str:
    """The wire form, spelt out field by field: what both paths must give."""
    u = value.astimezone(UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T"
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}Z"
    )


@given(AWARE)
@settings(max_examples=500, deadline=None)
def test_the_utc_path_writes_what_the_general_path_writes(value: datetime) -> None:
    in_utc = value.astimezone(UTC)  # tzinfo is UTC: the fast path
    assert in_utc.tzinfo is UTC
    assert utc_timestamp(in_utc) == utc_timestamp(value) == written_by_hand(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 11, 21, 8, 2, 44, tzinfo=UTC),
        datetime(999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(5, 1, 1, 0, 0, 0, 7, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
    ],
)
def test_whole_seconds_and_early_years_keep_their_width(value: datetime) -> None:
    assert utc_timestamp(value) == written_by_hand(value)
    assert len(utc_timestamp(value)) == len("2026-11-21T08:02:44.000000Z")


class NoOffset(tzinfo):
    """A zone that does not know its offset: as naive as no zone at all."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


@pytest.mark.parametrize("zone", [None, NoOffset()], ids=["naive", "zone without offset"])
def test_a_datetime_without_an_offset_is_still_refused(zone: tzinfo | None) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        utc_timestamp(datetime(2026, 11, 21, 16, 2, 44, tzinfo=zone))


# Making an engine connects to nothing: it only lends its dialect.
SQLITE = create_engine("sqlite://").dialect


def stored_and_read_by_sqlalchemys_converters(value: datetime) -> Any:
    column_type = UTCDateTime().dialect_impl(SQLITE)
    store = column_type.bind_processor(SQLITE)
    read = column_type.result_processor(SQLITE, None)
    assert store is not None
    assert read is not None
    return read(store(value))


@given(AWARE)
@settings(max_examples=500, deadline=None)
def test_sqlites_stored_text_reads_back_as_the_same_utc_instant(value: datetime) -> None:
    read = stored_and_read_by_sqlalchemys_converters(value)
    assert read == value
    assert read.tzinfo is UTC
