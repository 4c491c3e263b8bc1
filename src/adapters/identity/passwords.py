"""Argon2id password hashes (argon2-cffi's defaults, RFC 9106's second recommendation)."""

import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Checked when the username is unknown, so a miss costs as long as a wrong password.
_DECOY_HASH = _hasher.hash("not a password anyone has")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    try:
        _hasher.verify(password_hash or _DECOY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def digest(secret: str) -> str:
    """SHA-256 of a high-entropy random secret (client secrets, codes, refresh tokens)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def digest_matches(expected_digest: str | None, secret: str) -> bool:
    if expected_digest is None:
        return False
    return hmac.compare_digest(expected_digest, digest(secret))
