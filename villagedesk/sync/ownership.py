"""Ownership (DESIGN.md §4): what a package between a village and its township may carry.

A village's package to the township carries only that village's rows; the township's package to a village
only that village's rows, among them the records the township wrote for it (store/sync/owners.py SENT_DOWN:
its report reviews, its evaluations), which never travel back up. Between
two PCs of one village nothing is filtered. A change the sender holds but the peer is not entitled to travels
as a placeholder (`{"o", "s", "x": 1}`: no table, no row, no content) only where a later change of the same
origin needs the sequence gap-free; the receiver passes over it. At the township, a village's package whose
rows belong to another village, are township-owned, or are records the township sent down (a village's change
of one) is refused whole."""

from __future__ import annotations

from villagedesk.domain.errors import ConflictError
from villagedesk.store import township as township_repo
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store
from villagedesk.store.sync import peers
from villagedesk.store.sync.owners import TOWNSHIP_OWNED, VillageOf

_SENT_DOWN_LABELS = {"report_forms": "乡镇下发的报表表式", "report_reviews": "报表审核结果", "evaluations": "乡镇考评", "evaluation_scores": "乡镇考评得分",
                     "notices": "乡镇通知", "notice_grids": "乡镇通知的网格",
                     "stipend_tier_tables": "乡镇下发的补贴标准", "stipend_tiers": "乡镇下发的补贴分档"}


class Refused(ConflictError):
    """A package carrying rows its sender does not own; nothing of it was imported."""


class Entitlement:
    """What one peer may be sent from this node."""

    def __init__(self, store: Store, peer: dict | None, my_role: str):
        self.filtered = False
        self.village_id: str | None = None
        self.own_origin = store.node_id
        self.only_acked_origins = False
        self.upward = False  # a village's package to its township: what the township sent down stays out
        if peer is None:
            return
        if my_role == "village" and peer["role"] == "township":
            home = villages_repo.home_village_row(store)
            self.filtered, self.village_id = True, home["id"] if home is not None else None
            self.upward = True
        elif my_role in ("township", "district"):
            self.filtered = True
            self.only_acked_origins = True  # never another village's PCs' changes
            if peer["role"] == "village":
                self.village_id = township_repo.village_id_by_code(store, peer["code"])
        self._village_of = VillageOf(store)

    def origins(self, held: dict[str, int], acked: dict[str, int]) -> dict[str, int]:
        """The origins whose changes this peer may be sent (and be told this node holds)."""
        if not self.only_acked_origins:
            return held
        return {o: s for o, s in held.items() if o == self.own_origin or o in acked}

    def allows(self, tbl: str, row: dict) -> bool:
        if not self.filtered:
            return True
        if self.upward and self._village_of.sent_down(tbl, row):
            return False
        if tbl in TOWNSHIP_OWNED:  # the township's own form specifications go down to every village, never up
            return not self.upward and self.village_id is not None and self._village_of.made_by_township_node(row)
        return self.village_id is not None and self._village_of(tbl, row) == self.village_id


def for_peer(store: Store, peer_id: str, my_role: str) -> Entitlement:
    row = peers.get(store, peer_id)
    return Entitlement(store, None if row is None else dict(row), my_role)


def is_placeholder(entry: dict) -> bool:
    return bool(entry.get("x"))


def placeholder(origin: str, seq: int) -> dict:
    return {"o": origin, "s": seq, "x": 1}


def check_received(store: Store, sender: str, my_role: str, snapshot: list[dict], entries: list[dict],
                   source: str) -> None:
    """At a township: every row a village's package brings belongs to that village (and refers to no other
    village's rows); else the whole package is refused. Run before anything is written (no backup is taken
    for it): a row's parents are looked up among the package's own rows first, then in the database."""
    peer = peers.get(store, sender)
    if my_role != "township" or peer is None or peer["role"] != "village":
        return
    brought = [(i["t"], i["p"]) for i in snapshot] + [(e["t"], e["p"]) for e in entries if not is_placeholder(e)]
    pending = {(tbl, row["id"]): row for tbl, row in brought if isinstance(row.get("id"), str)}
    expected = township_repo.village_id_by_code(store, peer["code"]) or next(
        (row["id"] for tbl, row in brought if tbl == "villages" and row.get("code") == peer["code"]), None)
    village_of = VillageOf(store, pending)
    foreign: dict[str, int] = {}
    township_made: dict[str, int] = {}
    for tbl, row in brought:
        if tbl in TOWNSHIP_OWNED or village_of.sent_down(tbl, row) or village_of.changes_sent_down(tbl, row):
            township_made[tbl] = township_made.get(tbl, 0) + 1
        elif expected is None or village_of(tbl, row) != expected:
            foreign[tbl] = foreign.get(tbl, 0) + 1
    if township_made:
        what = "、".join(f"{_SENT_DOWN_LABELS.get(tbl, tbl)} {n} 条" for tbl, n in sorted(township_made.items()))
        raise Refused(f"“{source}”来自 {peer['name']}（{peer['code']}），却带有乡镇下发的记录（{what}）："
                      "乡镇的审核结果、考评、通知、报表表式和补贴标准由乡镇录入，村里不能修改或回传。未导入任何内容。")
    if foreign:
        what = "、".join(f"{tbl} {n} 条" for tbl, n in sorted(foreign.items()))
        raise Refused(f"“{source}”来自 {peer['name']}（{peer['code']}），却带有不属于该村的记录（{what}）："
                      "村的同步包只能带本村的记录。未导入任何内容。")


def lacking(store: Store, peer_id: str, my_role: str, held: dict[str, int], acked: dict[str, int]) -> int:
    """How many changes this node holds that the peer may be sent and has not acknowledged (数据同步's 对方尚缺):
    between a village and its township, only what ownership lets through is counted."""
    import json

    from villagedesk.store.sync import log

    entitled = for_peer(store, peer_id, my_role)
    count = 0
    for origin, through in entitled.origins(held, acked).items():
        start = acked.get(origin, 0)
        if through <= start:
            continue
        if not entitled.filtered or not acked:  # never heard from: its first package is a snapshot anyway
            count += through - start
            continue
        count += sum(1 for _o, _s, tbl, _r, _op, payload, *_rest in log.entries_after(store, origin, start, through)
                     if entitled.allows(tbl, json.loads(payload)))
    return count
