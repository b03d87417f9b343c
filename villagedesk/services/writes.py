"""@writes: a write service's result carries the changes its transaction made (`result.changes`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at start-up: typing's generics cost the first paint time
    from collections.abc import Callable
    from typing import Any, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])


def writes(fn: F) -> F:
    """Mark `fn(store, ...)` a write service: the store notes the tables it writes, its result carries them.

    The store's write helpers note every table and row they touch, so a service cannot forget one; a write
    nested inside another (a service calling a service) counts in both."""

    @functools.wraps(fn)
    def write(*args, **kwargs):
        from villagedesk.domain import changes  # not at import: the app's start-up does not need it

        store = args[0] if args else kwargs["store"]
        with store.collecting() as written:
            result = fn(*args, **kwargs)
        return changes.with_changes(result, changes.from_tables(written))

    write.writes = True  # type: ignore[attr-defined]
    return write  # type: ignore[return-value]


def is_write(fn: object) -> bool:
    return getattr(fn, "writes", False) is True
