"""The texts and bounds of a ticket's part lines, on plain values."""

from decimal import Decimal

from services.tickets import parts_rules

BOUND = Decimal("9999999999.99")


def test_more_on_the_ticket_takes_fewer_gives_back() -> None:
    assert parts_rules.stock_delta(2, 5) == -3
    assert parts_rules.stock_delta(5, 1) == 4
    assert parts_rules.stock_delta(3, 3) == 0
    assert parts_rules.reason_for("SV-2026-001", -3) == "Used on ticket SV-2026-001"
    assert parts_rules.reason_for("SV-2026-001", 4) == "Returned from ticket SV-2026-001"


def test_comments_write_money_with_two_places() -> None:
    assert parts_rules.added_text("Screen", 3, Decimal("0.1"), Decimal("0.3")) == (
        "Part added: Screen, 3 x 0.10 = 0.30"
    )
    assert parts_rules.removed_text("Battery", 1, Decimal("5"), Decimal("5")) == (
        "Part removed: Battery, 1 x 5.00 = 5.00 (returned to stock)"
    )


def test_a_change_names_only_what_changed() -> None:
    both = parts_rules.changed_text(
        "Screen",
        old_quantity=1,
        new_quantity=2,
        old_price=Decimal("10.00"),
        new_price=Decimal("9.50"),
        old_total=Decimal("10.00"),
        new_total=Decimal("19.00"),
    )
    assert both == (
        "Part changed: Screen, quantity 1 → 2, unit price 10.00 → 9.50; total 10.00 → 19.00"
    )
    price_only = parts_rules.changed_text(
        "Screen",
        old_quantity=2,
        new_quantity=2,
        old_price=Decimal("10.00"),
        new_price=Decimal("9.50"),
        old_total=Decimal("20.00"),
        new_total=Decimal("19.00"),
    )
    assert "quantity" not in price_only
