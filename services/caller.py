"""Who is making the call, as established by `services.auth.authenticate`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Caller:
    user_id: str
    email: str
    role: str
    session_id: str
