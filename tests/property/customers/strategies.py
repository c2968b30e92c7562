"""Strategies for customers' inputs: phone numbers spelt in many ways, and emails."""

from __future__ import annotations

from hypothesis import strategies as st

PHONE_SEPARATORS = st.sampled_from(["", "", " ", "-", "(", ")", " (", ") "])


def digit_strings(min_size: int = 10, max_size: int = 15) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=min_size, max_size=max_size)


@st.composite
def spellings(draw: st.DrawFn, digits: str) -> str:
    """``digits`` as someone might type them: an optional +, separators between digits,
    at most 32 characters in all (the phone rule's limit)."""
    while True:
        plus = draw(st.sampled_from(["", "+"]))
        separated = "".join(draw(PHONE_SEPARATORS) + digit for digit in digits)
        spelt = (plus + separated).strip()
        if len(spelt) <= 32:
            return spelt
        digits_only = plus + digits
        if len(digits_only) <= 32:
            return digits_only


phones = digit_strings().flatmap(spellings)
# Emails the shared Email rule accepts (ASCII, no "script" in the local part), in any case.
emails = st.from_regex(
    r"[A-Za-z0-9]{1,12}(\.[A-Za-z0-9_+-]{1,8})?@[A-Za-z0-9]{1,10}\.[A-Za-z]{2,6}", fullmatch=True
).filter(lambda email: "script" not in email.lower())
