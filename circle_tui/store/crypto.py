"""Encryption at rest for private notes: AES-256-GCM under a per-session key.

Each session that asks for it gets a random 256-bit key. Note bodies are
sealed with AES-256-GCM under that key, with the session id and the note's
number as associated data, so a sealed body cannot be moved to another note
or session unnoticed. The key itself is stored only wrapped (AES-256-GCM
again) by a key derived from the facilitator's passphrase with Argon2id.
Deleting the wrapped key erases every note of the session for good.

`cryptography` provides both primitives (OpenSSL underneath); nothing here
is home-made cryptography.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from circle_tui.core.confidential import Confidential

# AESGCM and Argon2id are imported where they are used: a session without
# encryption never loads OpenSSL, and the console starts that much sooner.

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


STRENGTH: dict[str, int] = {"iterations": 3, "memory_kib": 64 * 1024, "lanes": 4}
"""Argon2id for new sessions (RFC 9106's second recommended option); tests lower it."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored with the wrapped key so it always opens as it was made."""

    salt: bytes
    iterations: int
    memory_kib: int
    lanes: int

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=os.urandom(SALT_BYTES), **STRENGTH)

    def within_bounds(self) -> bool:
        """Whether these could have been written by circle-tui: a damaged (or hostile) row
        must not make the app ask for a terabyte of memory or derive for a day."""
        numbers = (self.iterations, self.memory_kib, self.lanes)
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            return False
        return (
            isinstance(self.salt, bytes)
            and 8 <= len(self.salt) <= 64
            and 1 <= self.iterations <= MAX_ITERATIONS
            and 1 <= self.lanes <= MAX_LANES
            and 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB
        )


MAX_ITERATIONS = 16
MAX_LANES = 16
MAX_MEMORY_KIB = 1024 * 1024
"""Argon2id read from a journal is refused above these (1 GiB: 16 times what is used)."""


class WrongPassphrase(Exception):
    """The passphrase does not unwrap the session key."""


class Damaged(Exception):
    """A sealed body does not open with the session key: altered or moved."""


def derive(passphrase: str, params: KdfParams) -> bytes:
    """The key-encryption key for a passphrase."""
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _seal(key: bytes, plain: bytes, associated: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, associated)


def _open(key: bytes, sealed: bytes, associated: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)


def wrap_key(key: bytes, passphrase: str, params: KdfParams, session_id: str) -> bytes:
    """The session key sealed under the passphrase's key."""
    return _seal(derive(passphrase, params), key, f"{session_id}:key".encode())


def unwrap_key(wrapped: bytes, passphrase: str, params: KdfParams, session_id: str) -> bytes:
    """The session key; `Damaged` when the stored key or its parameters cannot be right."""
    from cryptography.exceptions import InvalidTag

    if not params.within_bounds() or not isinstance(wrapped, bytes):
        raise Damaged
    try:
        return _open(derive(passphrase, params), wrapped, f"{session_id}:key".encode())
    except (InvalidTag, ValueError):
        raise WrongPassphrase from None


def seal_text(key: bytes, text: Confidential, associated: str) -> bytes:
    return _seal(key, text.reveal().encode("utf-8"), associated.encode())


def open_text(key: bytes, sealed: bytes, associated: str) -> Confidential:
    from cryptography.exceptions import InvalidTag

    try:
        return Confidential(_open(key, sealed, associated.encode()).decode("utf-8"))
    except (InvalidTag, ValueError, UnicodeDecodeError):
        raise Damaged from None
