"""Names that must be unique ignoring case: brands, task types, active templates."""


def name_key(name: str) -> str:
    """What makes two names the same: equal ignoring case ("Apple", "APPLE").

    Full case folding, so "Straße" and "STRASSE" are one name too, as Unicode's caseless
    matching says; stored in a ``name_key`` column under a unique constraint, which
    settles two creators racing."""
    return name.casefold()
