"""Rules of task templates, on plain values: no unit of work, no database."""

from collections.abc import Collection, Iterable

NO_LONGER_ACTIVE = "This template version is no longer active: it was updated or deleted"
IN_WORK = "The template is in use by tickets that are pending or in progress"
EVER_USED = "The template was used by tickets: deactivate it instead (soft_delete)"
HAS_SUCCESSORS = "Other versions derive from this template version: deactivate it instead"


def duplicate_orders(orders: Iterable[int]) -> list[int]:
    """The sequence orders given more than once, ascending."""
    seen: set[int] = set()
    repeated: set[int] = set()
    for order in orders:
        (repeated if order in seen else seen).add(order)
    return sorted(repeated)


def missing_task_types(wanted: Iterable[str], active: Collection[str]) -> list[str]:
    """The wanted task type ids that name no active task type, in the order given,
    each once."""
    return list(dict.fromkeys(task_type for task_type in wanted if task_type not in active))


def next_version(version: int) -> int:
    return version + 1


def deletion_refusal(
    *, soft: bool, in_work: bool, ever_used: bool, has_successor: bool
) -> str | None:
    """Why the template version may not be deleted (None: it may).

    Deactivating is refused only while tickets in work use it; deleting the row also
    while anything ever used it or a later version was made from it (its history)."""
    if in_work:
        return IN_WORK
    if soft:
        return None
    if ever_used:
        return EVER_USED
    if has_successor:
        return HAS_SUCCESSORS
    return None
