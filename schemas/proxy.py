"""``proxy.*``: the browser contract's names (camelCase). Credentials go in, never out."""

from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from schemas.base import CamelInput, CamelOutput
from schemas.browser import Host, Port, ProxyType, SortOrder
from schemas.common import JsonBoolean, NoControlCharacters, Timestamp
from schemas.fields import Name, NotNull, ResourceId, not_null
from schemas.limits import PROXY_USERNAME_MAX_LENGTH

Username = Annotated[
    str, Field(min_length=1, max_length=PROXY_USERNAME_MAX_LENGTH), NoControlCharacters
]
Secret = Annotated[str, Field(min_length=1, max_length=255), NoControlCharacters]
Uuid = Annotated[
    str,
    Field(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
]
Cipher = Annotated[str, Field(min_length=1, max_length=64), NoControlCharacters]
AlpnId = Annotated[str, Field(min_length=1, max_length=32), NoControlCharacters]
# What each v2ray protocol cannot work without.
V2RAY_REQUIRED: dict[str, tuple[str, ...]] = {
    "vmess": ("uuid",),
    "vless": ("uuid",),
    "trojan": ("password",),
    "shadowsocks": ("password", "cipher"),
}


class V2rayConfig(CamelInput):
    protocol: Literal["vmess", "vless", "trojan", "shadowsocks"]
    server: Host
    port: Port
    uuid: Uuid | None = None
    password: Secret | None = None
    cipher: Cipher | None = None
    tls: JsonBoolean | None = None
    sni: Host | None = None
    alpn: Annotated[list[AlpnId], Field(max_length=16)] | None = None

    @model_validator(mode="after")
    def _protocol_fields(self) -> "V2rayConfig":
        missing = [name for name in V2RAY_REQUIRED[self.protocol] if getattr(self, name) is None]
        if missing:
            raise PydanticCustomError(
                "v2ray_incomplete",
                "{protocol} needs {missing}",
                {"protocol": self.protocol, "missing": " and ".join(missing)},
            )
        return self


class CreateProxyInput(CamelInput):
    name: Name
    type: ProxyType
    host: Host
    port: Port
    username: Username | None = None
    password: Secret | None = None
    v2ray_config: V2rayConfig | None = Field(default=None, alias="v2rayConfig")

    @model_validator(mode="before")
    @classmethod
    def _always_check_v2ray(cls, data: Any) -> Any:
        # V2RAY requires the field and the other types refuse it, so it must be checked
        # even when left out: as an explicit null, so the error names it by its alias.
        if isinstance(data, dict) and "v2rayConfig" not in data:
            return {**data, "v2rayConfig": None}
        return data

    @field_validator("v2ray_config")
    @classmethod
    def _v2ray_only(cls, value: V2rayConfig | None, info: ValidationInfo) -> V2rayConfig | None:
        proxy_type = info.data.get("type")
        if proxy_type == "V2RAY" and value is None:
            raise PydanticCustomError("missing", "is required when type is V2RAY")
        if proxy_type not in (None, "V2RAY") and value is not None:
            raise PydanticCustomError("unexpected", "is only allowed when type is V2RAY")
        return value


class CreatedProxy(CamelOutput):
    id: str
    name: str
    type: ProxyType


class TestResult(CamelOutput):
    __test__ = False  # not a pytest test class, despite the name

    success: bool
    latency: int
    error: str | None = None


class ProxyConfig(CamelOutput):
    id: str
    user_id: str
    name: str
    type: ProxyType
    host: str
    port: int
    is_active: bool
    has_credentials: bool
    created_at: Timestamp
    updated_at: Timestamp
    last_tested_at: Timestamp | None
    test_result: TestResult | None


class ProxyFilter(CamelInput):
    type: ProxyType | None = None
    is_active: JsonBoolean | None = None


class ListProxiesInput(CamelInput):
    sort_by: Literal["name", "type", "createdAt"] = "createdAt"
    order: SortOrder = "asc"
    filter: ProxyFilter | None = None


class UpdateProxyInput(CamelInput):
    proxy_config_id: ResourceId
    name: Annotated[Name | None, NotNull] = not_null()
    host: Annotated[Host | None, NotNull] = not_null()
    port: Annotated[Port | None, NotNull] = not_null()
    # null removes the stored username / password.
    username: Username | None = None
    password: Secret | None = None
    is_active: Annotated[JsonBoolean | None, NotNull] = not_null()


class ProxyConfigIdInput(CamelInput):
    proxy_config_id: ResourceId
