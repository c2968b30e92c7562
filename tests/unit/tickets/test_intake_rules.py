"""Which template a new ticket takes its tasks from, on plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from services.tickets.template_rules import choose_template, service_type_for

T0 = datetime(2026, 3, 1, tzinfo=UTC)
PRODUCT = "product-1"


@dataclass(frozen=True)
class Candidate:
    id: str
    product_type: str | None
    created_at: datetime = T0


@pytest.mark.parametrize(
    ("warranty_type", "service_type"),
    [("warranty", "warranty"), ("goodwill", "warranty"), ("paid", "paid")],
)
def test_the_service_type_of_each_warranty_type(warranty_type: str, service_type: str) -> None:
    assert service_type_for(warranty_type) == service_type


def test_no_candidate_no_template() -> None:
    assert choose_template([], PRODUCT) is None


def test_the_product_models_own_wins_over_a_newer_generic_one() -> None:
    generic = Candidate("a", None, T0 + timedelta(days=9))
    specific = Candidate("z", PRODUCT, T0)

    assert choose_template([generic, specific], PRODUCT) == specific


def test_a_generic_one_serves_when_the_model_has_none() -> None:
    generic = Candidate("g", None)

    assert choose_template([generic], PRODUCT) == generic


def test_another_models_template_is_never_chosen() -> None:
    assert choose_template([Candidate("o", "product-2")], PRODUCT) is None


def test_among_equals_the_newest_then_the_lowest_id() -> None:
    older = Candidate("a", PRODUCT, T0)
    newer_b = Candidate("b", PRODUCT, T0 + timedelta(seconds=1))
    newer_c = Candidate("c", PRODUCT, T0 + timedelta(seconds=1))

    assert choose_template([older, newer_c, newer_b], PRODUCT) == newer_b
    assert choose_template([newer_c, older], PRODUCT) == newer_c
