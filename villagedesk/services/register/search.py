"""One search box: residents and households by name, pinyin, identity-number tail, phone or address."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.services.access import visible_grids
from villagedesk.services.progress import Job, step
from villagedesk.store.connection import Store
from villagedesk.store.register import search_index
from villagedesk.store.register import search_query as q


@dataclass(frozen=True)
class SearchHit:
    """A resident found (kind 'resident') or a household found by its address or phone (kind 'household')."""

    kind: str  # "household" | "resident"
    household_id: str
    resident_id: str | None
    name: str  # the resident, or the head for a household hit
    address: str  # "张家湾 1组 12号"
    grid_id: str
    grid_name: str
    id_tail: str  # last 4 characters of the identity number

    @property
    def label(self) -> str:
        tail = f" · 身份证尾号 {self.id_tail}" if self.id_tail else ""
        who = self.name if self.kind == "resident" else f"{self.name}户"
        return f"{who} · {self.address} · {self.grid_name}{tail}"


def ensure_index(store: Store, job: Job | None = None) -> None:
    """Compute keys for rows changed since the last search (a sync import, an older database)."""
    if search_index.pending(store):
        total = max(1, search_index.backlog(store))
        with store.transaction():
            search_index.refresh(store, lambda done: step(job, min(done / total, 1.0),
                                                          f"正在建立搜索索引：{done:,}/{total:,}"))


def index_backlog(store: Store) -> int:
    """Rows whose search keys are still to be computed (a page starts a job for many of them)."""
    return search_index.backlog(store) if search_index.pending(store) else 0


def search(store: Store, text: str, *, actor: Actor, grid_id: str | None = None, limit: int = 50,
           include_inactive: bool = False) -> list[SearchHit]:
    """Hits for what was typed, best first: name, pinyin, id/phone tail, phone, address.

    Several words separated by spaces must all match (the person's own keys or their household's).
    Moved-out or deceased residents and households no longer in the register are left out unless
    `include_inactive`. A worker finds only the people of their own grids (as the register lists them).
    """
    tokens = [t for t in (text or "").split() if q.prefixes_for(t)]
    if not tokens or limit <= 0:
        return []
    visible = visible_grids(store, actor)
    grid_ids = [grid_id] if grid_id else visible
    if visible is not None and grid_ids is not None:
        grid_ids = [g for g in grid_ids if g in visible]
    if grid_ids == []:
        return []
    ensure_index(store)
    tokens.sort(key=len, reverse=True)
    first, others = tokens[0], tokens[1:]
    wanted = limit if not others else limit * 40
    entities = q.find_entities(store, q.prefixes_for(first), grid_ids=grid_ids,
                               include_inactive=include_inactive, limit=wanted)
    if others:
        # "zs 张家湾": a household found by one word stands for its members too; every word must match.
        found = {e["n"] for e in entities}
        homes = [e["household_id"] for e in entities if e["kind"] == "household"]
        entities += [m for m in q.member_entities(store, homes, include_inactive) if m["n"] not in found]
        entities = _all_tokens_match(store, entities, others)
        entities.sort(key=lambda e: e["kind"] != "resident")
        entities = entities[:limit]
    return _hits(store, entities)


def _all_tokens_match(store: Store, entities: list, others: list[str]) -> list:
    home_terms = q.household_terms(store, list({e["household_id"] for e in entities}))
    kept = []
    for e in entities:
        terms = e["terms"].split("\n") + home_terms.get(e["household_id"], "").split("\n")
        if all(any(t.startswith(p) for p in q.prefixes_for(tok) for t in terms) for tok in others):
            kept.append(e)
    return kept


def _hits(store: Store, entities: list) -> list[SearchHit]:
    return [SearchHit(e["kind"], e["household_id"], e["ref"] if e["kind"] == "resident" else None, e["name"],
                      e["address"], e["grid_id"], e["grid_name"], e["id_tail"]) for e in entities]
