"""The paging every service-center list shares: ``search?``, ``limit`` and ``offset``."""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import SnakeInput
from schemas.common import JsonInteger, NoControlCharacters

PAGE_LIMIT_DEFAULT: Final = 50
PAGE_LIMIT_MAX: Final = 100
# Far past any real list; the bound keeps the OFFSET a database accepts.
OFFSET_MAX: Final = 1_000_000
SEARCH_MAX_LENGTH: Final = 100

Search = Annotated[str, Field(min_length=1, max_length=SEARCH_MAX_LENGTH), NoControlCharacters]
Limit = Annotated[JsonInteger, Field(ge=1, le=PAGE_LIMIT_MAX)]
Offset = Annotated[JsonInteger, Field(ge=0, le=OFFSET_MAX)]


class PageInput(SnakeInput):
    """A list's filters subclass this: one page of ``limit`` rows from ``offset``,
    optionally of those matching ``search`` (case-insensitive, anywhere in the text)."""

    search: Search | None = None
    limit: Limit = PAGE_LIMIT_DEFAULT
    offset: Offset = 0
