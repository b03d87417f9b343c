"""PINs and passwords: what is acceptable, and their slow salted hash (argon2id from argon2-cffi)."""

from __future__ import annotations

import functools

from villagedesk.domain.errors import ValidationError

MIN_LENGTH, MAX_LENGTH = 4, 64


def validate_pin(pin: object, field: str = "PIN") -> str:
    text = "" if pin is None else str(pin)
    if len(text) < MIN_LENGTH:
        raise ValidationError(field, f"至少 {MIN_LENGTH} 位")
    if len(text) > MAX_LENGTH:
        raise ValidationError(field, f"不能超过 {MAX_LENGTH} 位")
    if text.strip() != text:
        raise ValidationError(field, "首尾不能有空格")
    return text


@functools.cache
def _hasher():
    from argon2 import PasswordHasher  # imported on first use: start-up does not pay for it

    # OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 30 ms on an old office PC.
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_pin(pin: str) -> str:
    return _hasher().hash(pin)


def verify_pin(stored_hash: str, pin: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def lock_minutes(failures: int, free_tries: int = 5) -> int:
    """Minutes to wait after `failures` wrong PINs in a row: none for the first tries, then 1, 2, 4 … up to a day."""
    if failures < free_tries:
        return 0
    return min(2 ** (failures - free_tries), 24 * 60)
