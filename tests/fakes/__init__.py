"""In-memory stand-ins for the unit of work and its repositories (Cosmic Python style).

One module per domain, as in db/repositories/, each building on ``base.InMemoryRepository``.
They implement the stores of ``db.repositories`` and ``db.unit_of_work.UnitOfWork``, so
services run on them unchanged.
"""

from tests.fakes.clock import FakeClock
from tests.fakes.unit_of_work import FakeUnitOfWork

__all__ = ["FakeClock", "FakeUnitOfWork"]
