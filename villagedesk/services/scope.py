"""Resolving the scope once, where the app and the CLI start: which villages the figures and listings cover."""

from __future__ import annotations

from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.scope import Scope, ScopedVillage
from villagedesk.store import villages as repo
from villagedesk.store.connection import Store


def resolve_scope(store: Store, village_code: str | None = None) -> Scope:
    """The installation's village; every village for a township-style database (a township node, or a database
    holding several villages, as `demo --villages N` makes); `village_code` narrows to one of them."""
    every = Scope(tuple(ScopedVillage(r["id"], r["code"], r["name"]) for r in repo.live_villages(store)))
    if not every.villages and village_code is None and repo.township_style(store):
        return every  # a township node before its first village's package: nothing to count yet
    if not every.villages:
        raise NotFoundError("数据库还没有村庄信息，请先初始化（init）或生成演示村（demo）。")
    if village_code is not None:
        narrowed = every.of(village_code.strip())
        if narrowed is None:
            raise ValidationError("--village", f"数据库中没有区划代码为“{village_code}”的村"
                                              f"（现有：{'、'.join(every.codes)}）")
        return narrowed
    if every.single or repo.township_style(store):
        return every
    home = repo.home_village_row(store)
    return (every.of(home["code"]) if home is not None else None) or every


def village_ids(store: Store, scope: Scope | None = None) -> tuple[str, ...]:
    """The village ids a listing or report covers: `scope`'s (a page passes its context's), else resolved now."""
    return (scope or resolve_scope(store)).ids
