"""A write tried from the window without freezing it: a brief wait for the write lock, then 'locked' to retry later."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from villagedesk.store import writer_note
from villagedesk.store.connection import Store

BRIEF_MS = 150  # the longest the window is held on one try; the caller retries on a timer


@contextlib.contextmanager
def brief(store: Store, ms: int = BRIEF_MS) -> Iterator[None]:
    with store.waiting_at_most(ms):
        yield


def holder(store: Store) -> str | None:
    """What the process holding the write lock said it is doing, if it is a long writer that says so
    ('导入花名册“名单.xlsx”（14:02 开始，已 3 分钟）'); None for a brief writer or none."""
    return writer_note.current(store.path)


def holder_of(db_path: Path) -> str | None:
    """The same, asked of a database file before it is opened (the command line, before it waits)."""
    return writer_note.current(Path(db_path))


def is_locked(exc: BaseException) -> bool:
    """The write found the database held by another writer and wrote nothing (its transaction never began)."""
    return getattr(exc, "kind", None) == "locked"
