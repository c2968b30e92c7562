"""Rules of brands, on plain values."""


def name_key(name: str) -> str:
    """What makes two brand names the same: equal ignoring case ("Apple", "APPLE").

    Full case folding, so "Straße" and "STRASSE" are one brand; stored in ``name_key``
    under a unique constraint, which settles two creators racing."""
    return name.casefold()
