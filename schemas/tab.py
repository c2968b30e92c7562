"""``tab.*``: the browser contract's names (camelCase)."""

from typing import Annotated

from pydantic import Field

from schemas.base import CamelInput, CamelOutput
from schemas.browser import BrowserUrl
from schemas.common import JsonBoolean, JsonInteger, JsonNumber, NoControlCharacters, Timestamp
from schemas.fields import NotNull, ResourceId, not_null
from schemas.limits import TAB_TITLE_MAX_LENGTH

Title = Annotated[str, Field(max_length=TAB_TITLE_MAX_LENGTH), NoControlCharacters]
# PostgreSQL's integer column: the largest scroll offset it holds.
ScrollPosition = Annotated[JsonInteger, Field(ge=0, le=2_147_483_647)]
ZoomLevel = Annotated[JsonNumber, Field(ge=0.25, le=5)]


class BrowserTab(CamelOutput):
    id: str
    account_id: str
    title: str
    url: str
    is_active: bool
    is_incognito: bool
    scroll_position_x: int
    scroll_position_y: int
    zoom_level: float
    created_at: Timestamp
    last_accessed_at: Timestamp
    favicon: str | None = None
    thumbnail: str | None = None


class ListTabsInput(CamelInput):
    account_id: ResourceId


class CreateTabInput(CamelInput):
    account_id: ResourceId
    url: BrowserUrl | None = None
    is_incognito: JsonBoolean = False


class UpdateTabInput(CamelInput):
    tab_id: ResourceId
    title: Annotated[Title | None, NotNull] = not_null()
    url: Annotated[BrowserUrl | None, NotNull] = not_null()
    is_active: Annotated[JsonBoolean | None, NotNull] = not_null()
    scroll_position_x: Annotated[ScrollPosition | None, NotNull] = not_null()
    scroll_position_y: Annotated[ScrollPosition | None, NotNull] = not_null()
    zoom_level: Annotated[ZoomLevel | None, NotNull] = not_null()


class TabIdInput(CamelInput):
    tab_id: ResourceId
