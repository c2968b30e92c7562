"""Password hashing with Argon2id: 32 MiB, 3 passes, 4 lanes by default."""

from collections.abc import Callable
from functools import partial
from typing import TypeVar, cast

# libpass ships no type information; the methods used here are wrapped below with the
# types they document.
from passlib.context import CryptContext

from services.hashing_gate import HashingGate

ResultT = TypeVar("ResultT")

# A fixed input for the dummy hash; its value does not matter, only its cost does.
_DUMMY_PASSWORD = "switchyard-timing-equaliser"


class PasswordHasher:
    """Hashes and verifies passwords; with a gate, every Argon2 run goes through it.

    The server passes a :class:`HashingGate` (bounded memory and CPU under a burst of
    logins); without one, as in tests, the work runs in the calling thread.
    """

    def __init__(
        self,
        *,
        memory_cost: int = 32768,  # KiB, i.e. 32 MiB
        time_cost: int = 3,
        parallelism: int = 4,
        gate: HashingGate | None = None,
        run: Callable[[Callable[[], object]], object] | None = None,
    ) -> None:
        self._context = CryptContext(
            schemes=["argon2"],
            argon2__type="ID",
            argon2__memory_cost=memory_cost,
            argon2__rounds=time_cost,
            argon2__parallelism=parallelism,
            argon2__salt_size=16,
            argon2__digest_size=32,
        )
        self.gate = gate
        # Where an Argon2 run happens: the server hands it to a worker thread when it
        # is called on the event loop (db.call_runners.off_the_event_loop); without
        # one, as in tests and the CLI, in the calling thread.
        self._place = run
        # Made once with the current parameters, so burning time costs exactly what a
        # real verification costs.
        self._dummy_hash = self.hash(_DUMMY_PASSWORD)

    def hash(self, password: str) -> str:
        return str(self._run(lambda: self._context.hash(password)))

    def verify(self, password: str, password_hash: str) -> bool:
        try:
            return bool(self._run(lambda: self._context.verify(password, password_hash)))
        except ValueError:
            # An unrecognisable stored hash can never match; refusing the login is
            # the safe answer and must not turn into a server error.
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with other parameters than the current ones.

        Reads the parameters written in the hash: no Argon2 run, so no gate.
        """
        return bool(self._context.needs_update(password_hash))

    def burn_time(self, password: str) -> None:
        """Do the work of one verification, so an unknown email takes as long as a known one."""
        self._run(lambda: self._context.verify(password, self._dummy_hash))

    def _run(self, work: Callable[[], ResultT]) -> ResultT:
        gate = self.gate
        gated = work if gate is None else partial(gate.run, work)
        if self._place is None:
            return gated()
        return cast(ResultT, self._place(gated))
