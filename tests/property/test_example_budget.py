"""The per-procedure example budget stays within its bounds as procedures are added."""

import pytest

from tests.property.examples import BUDGETS, ExampleBudget, per_procedure_settings


def test_the_budget_is_shared_within_floor_and_ceiling() -> None:
    budget = ExampleBudget(total=1500, floor=20, ceiling=60)
    assert [budget.per_procedure(n) for n in (1, 25, 30, 75, 120)] == [60, 60, 50, 20, 20]


def test_the_ci_profile_keeps_sixty_examples_for_todays_procedures() -> None:
    assert BUDGETS["ci"].per_procedure(25) == 60


def test_an_unknown_profile_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROPERTY_PROFILE", "fast")
    with pytest.raises(ValueError, match="PROPERTY_PROFILE='fast'"):
        per_procedure_settings(25)


def test_the_profile_sets_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROPERTY_PROFILE", "dev")
    chosen = per_procedure_settings(25)
    assert (chosen.max_examples, chosen.deadline) == (BUDGETS["dev"].per_procedure(25), None)
