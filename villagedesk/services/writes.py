"""@writes: a write service's result carries the changes its transaction made (`result.changes`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at start-up: typing's generics cost the first paint time
    from collections.abc import Callable
    from typing import Any, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])


def writes(fn: F | None = None, *, township: bool = False):
    """Mark `fn(store, ...)` a write service: the store notes the tables it writes, its result carries them.

    The store's write helpers note every table and row they touch, so a service cannot forget one; a write
    nested inside another (a service calling a service) counts in both. At a township (or district) node the
    villages' records are read-only (the permission policy's node rule): a write service runs there only if
    marked `@writes(township=True)` (sync, pairing, users, sign-in, setting the node up)."""
    if fn is None:
        return lambda f: _wrap(f, township)
    return _wrap(fn, township)


def _wrap(fn, township: bool):
    @functools.wraps(fn)
    def write(*args, **kwargs):
        from villagedesk.domain import changes  # not at import: the app's start-up does not need it

        store = args[0] if args else kwargs["store"]
        if not township:
            _refuse_at_a_township_node(store, fn, args, kwargs)
        with store.collecting() as written:
            result = fn(*args, **kwargs)
        return changes.with_changes(result, changes.from_tables(written))

    write.writes = True  # type: ignore[attr-defined]
    write.at_township = township  # type: ignore[attr-defined]
    return write


def _refuse_at_a_township_node(store, fn, args, kwargs) -> None:
    role = store.__dict__.get("_node_role")
    if role is None:
        from villagedesk.store import node

        role = store.__dict__["_node_role"] = node.role(store.conn)
    if role == "village":
        return
    from villagedesk.domain.actor import SYSTEM
    from villagedesk.domain.permissions import node_refusal
    from villagedesk.services.access import refuse

    actor = kwargs.get("actor", args[1] if len(args) > 1 else SYSTEM)
    raise refuse(store, actor if hasattr(actor, "user_id") else SYSTEM, node_refusal(role))


def is_write(fn: object) -> bool:
    return getattr(fn, "writes", False) is True
