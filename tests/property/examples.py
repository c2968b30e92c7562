"""How many examples each procedure gets in the per-procedure properties.

The per-procedure properties (``test_rpc_properties.py``) run once for every published
procedure and both callers, so with a fixed count per procedure their time would grow
with every procedure added. Instead each profile gives a budget of examples per property
and caller that the procedures share, within two bounds: the floor keeps every procedure
explored (below it a run says too little to be worth its setup), and the ceiling stops
spending where more examples of the same procedure stopped finding anything new.

With 25 procedures the "ci" budget gives each the ceiling, 60, as before; at 75 or more
each gets the floor, 20, and the tier's time grows only by 20 examples a procedure.

``PROPERTY_PROFILE`` picks the profile: "ci" (the default, so a plain run is the full
one) or "dev" (a quicker loop while editing). The profiles are registered with
hypothesis as ``property-ci`` and ``property-dev`` but never loaded globally: the other
tiers' hypothesis tests keep their own settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "PROPERTY_PROFILE"


@dataclass(frozen=True)
class ExampleBudget:
    total: int  # examples per property and caller, shared by all procedures
    floor: int  # never fewer per procedure
    ceiling: int  # never more per procedure

    def per_procedure(self, procedure_count: int) -> int:
        return min(self.ceiling, max(self.floor, self.total // max(procedure_count, 1)))


BUDGETS = {
    "ci": ExampleBudget(total=1500, floor=20, ceiling=60),
    "dev": ExampleBudget(total=250, floor=5, ceiling=10),
}

for _name in BUDGETS:
    # One app is shared by all examples (a server per example would take minutes), so an
    # example's time depends on what the others left in the database: no deadline.
    settings.register_profile(
        f"property-{_name}", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def profile_name() -> str:
    name = os.environ.get(PROFILE_VARIABLE, "ci")
    if name not in BUDGETS:
        raise ValueError(f"{PROFILE_VARIABLE}={name!r}: expected one of {sorted(BUDGETS)}")
    return name


def per_procedure_settings(procedure_count: int) -> settings:
    """Settings for one procedure's run when ``procedure_count`` procedures share the budget."""
    name = profile_name()
    examples = BUDGETS[name].per_procedure(procedure_count)
    return settings(settings.get_profile(f"property-{name}"), max_examples=examples)
