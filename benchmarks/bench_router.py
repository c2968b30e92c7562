"""``bench.echo``: a public query built with the real core and the real middleware chain.

Only the benchmark server mounts it; it is not part of the published contract.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from middleware.context import RequestContext
from routers.base import public
from rpc import Example, RateLimit, Router

# High enough never to refuse the load, so the limiter's check runs on every call.
UNLIMITED_FOR_BENCHMARKS = RateLimit(1_000_000_000, "minute")


class EchoInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str


class EchoOutput(BaseModel):
    text: str


async def echo(ctx: RequestContext, params: EchoInput) -> dict[str, str]:
    # A plain dict, as the floor builds: the core still validates it against EchoOutput
    # before answering, as it does every resolver's output.
    return {"text": params.text}


bench_router: Router[RequestContext] = Router(
    {
        "bench": Router(
            {
                "echo": public.input(EchoInput)
                .output(EchoOutput)
                .meta(
                    summary="Echo the text back (benchmarks only)",
                    rate_limit=UNLIMITED_FOR_BENCHMARKS,
                    examples=[Example("echo", {"text": "hi"}, {"text": "hi"})],
                )
                .query(echo)
            }
        )
    }
)
