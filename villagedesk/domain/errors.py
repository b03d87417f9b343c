"""Typed errors whose messages are Chinese sentences a clerk can act on."""

from __future__ import annotations


class VillageDeskError(Exception):
    """Base of every error the app shows to a user; `message` is Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(VillageDeskError):
    """Bad input: names the field (and the row, for imports)."""

    def __init__(self, field: str, message: str, row: int | None = None):
        where = f"第 {row} 行，" if row is not None else ""
        super().__init__(f"{where}{field}：{message}")
        self.field = field
        self.row = row
        self.reason = message


class NotFoundError(VillageDeskError):
    """A record the user referred to does not exist (or was deleted)."""


class ConflictError(VillageDeskError):
    """The write would break a rule of the records already stored."""


class StoreError(VillageDeskError):
    """The database file cannot be used as it is (not ours, newer, damaged)."""

    kind: str | None = None  # the OS or SQLite failure it explains (store/failures.py), when it explains one


class DamagedDatabaseError(StoreError):
    """The database file is damaged, truncated or not ours: move it aside and restore a backup."""

    def __init__(self, message: str, path=None):
        super().__init__(message)
        self.path = path


class PermissionDenied(ConflictError):
    """The signed-in user's role may not do this; the message says who may."""
