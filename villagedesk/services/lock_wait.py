"""A write tried from the window without freezing it: a brief wait for the write lock, then 'locked' to retry later."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from villagedesk.store.connection import Store

BRIEF_MS = 150  # the longest the window is held on one try; the caller retries on a timer


@contextlib.contextmanager
def brief(store: Store, ms: int = BRIEF_MS) -> Iterator[None]:
    with store.waiting_at_most(ms):
        yield


def is_locked(exc: BaseException) -> bool:
    """The write found the database held by another writer and wrote nothing (its transaction never began)."""
    return getattr(exc, "kind", None) == "locked"
