"""The customers' end-to-end server: the module's own, with the unsubscribe page's limits
raised, so the many calls of these tests from one address never reach them (the limits
themselves are tested on servers of their own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import LiveServer, make_settings, serve

RAISED_LIMITS = "customers.getByEmail=1000/minute,customers.updateEmailPreferences=1000/minute"


@pytest.fixture(scope="module")
def server(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    settings = make_settings(
        module_database_url,
        tmp_path_factory.mktemp("e2e-data"),
        rate_limit_overrides=RAISED_LIMITS,
    )
    with serve(settings) as live:
        yield live
