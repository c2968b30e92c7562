"""``proxy.*``: a user's proxy configurations, and testing them from the server."""

from __future__ import annotations

from typing import Any

from db.tables.proxy import ProxyConfigRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.partial import changes_from
from routers.samples import CREATED_AT, PROXY_ID, UPDATED_AT, USER_ID
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.base import SuccessResult
from schemas.proxy import (
    CreatedProxy,
    CreateProxyInput,
    ListProxiesInput,
    ProxyConfig,
    ProxyConfigIdInput,
    TestResult,
    UpdateProxyInput,
)
from services import proxy as proxy_service

SORT_COLUMNS = {"name": "name", "type": "type", "createdAt": "created_at"}

PROXY_CONFIG_EXAMPLE: dict[str, Any] = {
    "id": PROXY_ID,
    "userId": USER_ID,
    "name": "Work Proxy",
    "type": "SOCKS5",
    "host": "proxy.example.net",
    "port": 1080,
    "isActive": True,
    "hasCredentials": True,
    "createdAt": CREATED_AT,
    "updatedAt": UPDATED_AT,
    "lastTestedAt": "2026-11-21T08:06:00Z",
    "testResult": {"success": True, "latency": 42, "error": None},
}


def proxy_config_of(row: ProxyConfigRow) -> ProxyConfig:
    tested = row.last_tested_at is not None and row.test_success is not None
    return ProxyConfig(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        type=row.type,  # stored from the schema's ProxyType, checked again by pydantic
        host=row.host,
        port=row.port,
        is_active=row.is_active,
        # Never the credentials themselves: only whether there are any.
        has_credentials=row.username is not None or row.sealed_password is not None,
        created_at=row.created_at,
        updated_at=row.updated_at,
        last_tested_at=row.last_tested_at,
        test_result=(
            TestResult(
                success=bool(row.test_success),
                latency=row.test_latency_ms or 0,
                error=row.test_error,
            )
            if tested
            else None
        ),
    )


@(
    authed.input(ListProxiesInput)
    .output(list[ProxyConfig])
    .meta(
        summary="The caller's proxy configurations",
        description=(
            "Sorted by sortBy (createdAt by default) in order (asc by default), "
            "filtered by filter.type and filter.isActive. Credentials are never "
            "returned: hasCredentials says whether there are any."
        ),
        examples=[Example("active", {"filter": {"isActive": True}}, [PROXY_CONFIG_EXAMPLE])],
    )
    .query
)
def list_proxies(ctx: SignedInContext, params: ListProxiesInput) -> list[ProxyConfig]:
    rows = proxy_service.list_proxies(
        ctx.unit_of_work(),
        ctx.caller,
        sort_by=SORT_COLUMNS[params.sort_by],
        descending=params.order == "desc",
        proxy_type=params.filter.type if params.filter else None,
        is_active=params.filter.is_active if params.filter else None,
    )
    return [proxy_config_of(row) for row in rows]


@(
    authed.input(CreateProxyInput)
    .output(CreatedProxy)
    .meta(
        summary="Create a proxy configuration",
        description=(
            "host is an IPv4 or IPv6 address or a host name; port 1-65535. "
            "v2rayConfig is required when type is V2RAY and refused otherwise. "
            "Passwords and the v2ray configuration are stored encrypted."
        ),
        examples=[
            Example(
                "socks5",
                {
                    "name": "Work Proxy",
                    "type": "SOCKS5",
                    "host": "proxy.example.net",
                    "port": 1080,
                    "username": "user",
                    "password": "pass",
                },
                {"id": PROXY_ID, "name": "Work Proxy", "type": "SOCKS5"},
            ),
            Example(
                "v2ray",
                {
                    "name": "Trojan",
                    "type": "V2RAY",
                    "host": "edge.example.net",
                    "port": 443,
                    "v2rayConfig": {
                        "protocol": "trojan",
                        "server": "edge.example.net",
                        "port": 443,
                        "password": "correct-horse",
                        "tls": True,
                        "sni": "edge.example.net",
                        "alpn": ["h2", "http/1.1"],
                    },
                },
                {"id": PROXY_ID, "name": "Trojan", "type": "V2RAY"},
            ),
        ],
    )
    .mutation
)
def create_proxy(ctx: SignedInContext, params: CreateProxyInput) -> CreatedProxy:
    new = proxy_service.NewProxy(
        name=params.name,
        type=params.type,
        host=params.host,
        port=params.port,
        username=params.username,
        password=params.password,
        v2ray_config_json=(
            params.v2ray_config.model_dump_json(by_alias=True, exclude_none=True)
            if params.v2ray_config
            else None
        ),
    )
    row = proxy_service.create_proxy(
        ctx.unit_of_work(), ctx.caller, new, ctx.services.sealer, ctx.services.clock
    )
    return CreatedProxy.model_validate(row)


@(
    authed.input(UpdateProxyInput)
    .output(ProxyConfig)
    .meta(
        summary="Change a proxy configuration",
        description=(
            "Fields left out stay as they are; username or password null removes "
            "it. Changing host, port or credentials forgets the last test result."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "deactivate",
                {"proxyConfigId": PROXY_ID, "isActive": False},
                {**PROXY_CONFIG_EXAMPLE, "isActive": False},
            )
        ],
    )
    .mutation
)
def update_proxy(ctx: SignedInContext, params: UpdateProxyInput) -> ProxyConfig:
    row = proxy_service.update_proxy(
        ctx.unit_of_work(),
        ctx.caller,
        params.proxy_config_id,
        ctx.services.sealer,
        changes_from(params, proxy_service.ProxyChanges),
        clock=ctx.services.clock,
    )
    return proxy_config_of(row)


@(
    authed.input(ProxyConfigIdInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a proxy configuration",
        description="Accounts that used it are detached in the same transaction.",
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("delete", {"proxyConfigId": PROXY_ID}, {"success": True})],
    )
    .mutation
)
def delete_proxy(ctx: SignedInContext, params: ProxyConfigIdInput) -> SuccessResult:
    proxy_service.delete_proxy(ctx.unit_of_work(), ctx.caller, params.proxy_config_id)
    return SuccessResult(success=True)


@(
    authed.input(ProxyConfigIdInput)
    .output(TestResult)
    .meta(
        summary="Test a proxy from the server",
        description=(
            "Connects with a timeout (SWITCHYARD_PROXY_TEST_TIMEOUT_SECONDS). SOCKS5: "
            "the greeting and username/password login; SOCKS4: CONNECT to the target "
            "(SWITCHYARD_PROXY_TEST_TARGET); HTTP and HTTPS: CONNECT to the target "
            "(HTTPS over TLS); V2RAY: TCP only. A refused connection, a timeout or a "
            "protocol error is success false with the reason in error, not a JSON-RPC "
            "error. Proxies on loopback, private or link-local addresses are refused "
            "unless SWITCHYARD_PROXY_TEST_ALLOW_PRIVATE is set. The result is kept as "
            "testResult and lastTestedAt."
        ),
        rate_limit=RateLimit(20, "hour"),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example("working", {"proxyConfigId": PROXY_ID}, {"success": True, "latency": 42}),
            Example(
                "refused",
                {"proxyConfigId": PROXY_ID},
                {
                    "success": False,
                    "latency": 3,
                    "error": "Connection refused by proxy.example.net:1080",
                },
            ),
        ],
    )
    .mutation
)
async def test_proxy(ctx: SignedInContext, params: ProxyConfigIdInput) -> TestResult:
    # Async: the network test waits on the event loop, not in a worker thread.
    result = await proxy_service.run_proxy_test(
        ctx.unit_of_work(),
        ctx.caller,
        params.proxy_config_id,
        ctx.services.sealer,
        ctx.services.proxy_probe,
        clock=ctx.services.clock,
    )
    return TestResult(success=result.success, latency=result.latency_ms, error=result.error)


router: Router[RequestContext] = Router(
    {
        "list": list_proxies,
        "create": create_proxy,
        "update": update_proxy,
        "delete": delete_proxy,
        "test": test_proxy,
    }
)
