"""How a ticket's number is written and which year it counts in."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.tickets.number_rules import numbering_year, ticket_number
from tests.fakes.tickets.ticket import FakeTicketRepository


@pytest.mark.parametrize(
    ("year", "n", "written"),
    [
        (2026, 1, "SV-2026-001"),
        (2026, 42, "SV-2026-042"),
        (2026, 999, "SV-2026-999"),
        (2026, 1000, "SV-2026-1000"),
        (2027, 12345, "SV-2027-12345"),
    ],
)
def test_a_number_has_at_least_three_digits_and_is_never_cut(
    year: int, n: int, written: str
) -> None:
    assert ticket_number(year, n) == written


@pytest.mark.parametrize(("year", "n"), [(2026, 0), (2026, -1), (0, 1), (10000, 1)])
def test_a_number_outside_the_scheme_is_refused(year: int, n: int) -> None:
    with pytest.raises(ValueError, match="ticket"):
        ticket_number(year, n)


def test_the_year_is_utcs() -> None:
    # 2027 already in Tokyo, still 2026 in UTC; and the other way round in New York.
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    assert numbering_year(datetime(2027, 1, 1, 8, 59, tzinfo=tokyo)) == 2026
    assert numbering_year(datetime(2026, 12, 31, 19, 0, tzinfo=new_york)) == 2027
    assert numbering_year(datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)) == 2026


def test_the_fake_counts_each_year_from_one() -> None:
    tickets = FakeTicketRepository()
    assert [tickets.next_number(2026) for _ in range(3)] == [1, 2, 3]
    assert tickets.next_number(2027) == 1
    assert tickets.next_number(2026) == 4
