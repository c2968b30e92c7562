"""Domain errors: what went wrong, in the service's words.

The RPC layer maps each class to an error code (middleware owns that table); services
never raise RPC errors themselves. The names are the project's error vocabulary (as
in tRPC's codes), hence no "Error" suffix (ruff N818).
"""


class DomainError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):  # noqa: N818
    """The thing asked for does not exist (or the caller may not know it does)."""


class Conflict(DomainError):  # noqa: N818
    """The change clashes with existing state, such as a taken email."""


class BadRequest(DomainError):  # noqa: N818
    """The request as a whole makes no sense, though each field is valid on its own
    (such as two tasks of one template at the same place in its sequence)."""


class InvalidCredentials(DomainError):  # noqa: N818
    """Login or setup failed; deliberately vague about which part was wrong."""


class Unauthenticated(DomainError):  # noqa: N818
    """The presented access or refresh token, or its session, is not valid."""


class PermissionDenied(DomainError):  # noqa: N818
    """The caller is known but may not do this."""


class PreconditionFailed(DomainError):  # noqa: N818
    """The system is not in a state that allows this, such as changing your own role."""


class InvalidInput(DomainError):  # noqa: N818
    """A value broke a rule the schema could not check (or that came from outside a schema)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Overloaded(DomainError):  # noqa: N818
    """The server is at capacity for this kind of work; the caller may retry later."""

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
