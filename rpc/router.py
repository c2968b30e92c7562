"""Routers: nested maps of procedures that flatten to dotted names.

    app_router = Router({"auth": auth_router, "profile": profile_router})
    app_router.procedures["auth.login"]

Names are checked when the router is built, so a duplicate or a reserved name stops the
server at start-up rather than shadowing a method at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar, Union

from rpc.procedure import Procedure, SyncRunner

ContextT = TypeVar("ContextT")

# JSON-RPC reserves method names that begin with "rpc." for the protocol itself.
RESERVED_NAMESPACE = "rpc"
_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class RouterDefinitionError(ValueError):
    """The router cannot be served as defined (a duplicate or invalid name)."""


Entry = Union[Procedure[ContextT], "Router[ContextT]"]


class Router(Generic[ContextT]):
    def __init__(self, entries: Mapping[str, Entry[ContextT]]) -> None:
        flat: dict[str, Procedure[ContextT]] = {}
        for key, entry in entries.items():
            _check_segment(key)
            children: list[tuple[str, Procedure[ContextT]]]
            if isinstance(entry, Router):
                children = [(f"{key}.{name}", proc) for name, proc in entry.procedures.items()]
            else:
                children = [(key, entry)]
            for name, procedure in children:
                _add(flat, name, procedure)
        self.procedures: Mapping[str, Procedure[ContextT]] = flat

    def __iter__(self) -> Iterator[Procedure[ContextT]]:
        return iter(self.procedures.values())

    def __len__(self) -> int:
        return len(self.procedures)

    def with_sync_runner(self, runner: SyncRunner) -> Router[ContextT]:
        """The same procedures, their sync resolvers run by ``runner``.

        The app's choice, made once at start-up: where a blocking call costs least
        depends on its database (``db.call_runners``), which the routers do not know.
        """
        result: Router[ContextT] = Router({})
        result.procedures = {
            name: procedure.running_sync_resolvers_with(runner)
            for name, procedure in self.procedures.items()
        }
        return result


def merge_routers(*routers: Router[ContextT]) -> Router[ContextT]:
    """One router holding the procedures of all; a name defined twice is an error."""
    merged: dict[str, Procedure[ContextT]] = {}
    for router in routers:
        for name, procedure in router.procedures.items():
            _add(merged, name, procedure)
    result: Router[ContextT] = Router({})
    result.procedures = merged
    return result


def _check_segment(key: str) -> None:
    if not _SEGMENT.match(key):
        raise RouterDefinitionError(
            f"invalid router key {key!r}: use a letter followed by letters, digits or '_'"
        )


def _add(flat: dict[str, Procedure[ContextT]], name: str, procedure: Procedure[ContextT]) -> None:
    if name.split(".", 1)[0] == RESERVED_NAMESPACE:
        raise RouterDefinitionError(
            f"procedure name {name!r} is reserved: JSON-RPC keeps the 'rpc.' prefix "
            "for protocol methods"
        )
    if name in flat:
        raise RouterDefinitionError(f"procedure name {name!r} is defined twice")
    flat[name] = procedure.named(name)
