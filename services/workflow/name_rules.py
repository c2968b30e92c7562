"""Names that must be unique ignoring case (task types, active templates)."""


def name_key(name: str) -> str:
    """What two names that differ only in case share: the casefolded name (so "STRASSE"
    and "straße" are one name too, as Unicode's caseless matching says)."""
    return name.casefold()
