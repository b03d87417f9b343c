"""凭证序列 at a township: which series each of a village's PCs numbers its receipts under, and a series handed to a
PC that numbers without one although it is not its village's first PC (DESIGN.md §4: receipt series are among the
records the township sends down).

Every receipt number is (village, year, series, seq). A village's first PC numbers with series ''; a second PC
paired with the primary before it had a village is handed one or two letters by the primary; a restored database
picks its own (store/node.py `OWN_SERIES`). A PC that still numbers '' but is not the village's first PC (its primary
never handed it a letter) prints numbers the first PC prints too, and only the township sees all of a village's
PCs. The rule:

- each village PC's package says which series it numbers under (manifest `sender_series`); the township records
  the latest per PC (`note_reported`);
- a PC that reported '' and is not the first PC (the node that created the village's `villages` row: the row's
  origin) is handed three letters in the township's next packages to it (`grant_for`, audited), chosen once and
  kept for good, never twice in a village; the village PC takes it on import only while it has none
  (services/sync/packages.py), so a series already in use never changes and printed receipts keep their numbers;
- the 村庄 page and `township pcs` show each PC's series and the grant, and flag two PCs of a village that report
  the same series."""

from __future__ import annotations

import re
from typing import NamedTuple

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.services.writes import writes
from villagedesk.store import township_series as repo
from villagedesk.store.connection import Store

GRANTED = re.compile(r"[A-Z]{3}")  # the township's; a village PC's own are one or two letters
_LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]

GRANT_STATES = {"": "", "pending": "已分配，待该电脑导入", "taken": "已采用", "not_taken": "未采用（该电脑已有序列）"}


def series_label(series: str | None) -> str:
    """How a series reads on the page: '' is the first series, numbered without a letter (2026-000123)."""
    if series is None:
        return "尚未报告"
    return series if series else "无字母"


def short_node(node_id: str) -> str:
    """A node id as the page shows it: its last 8 hex digits (the first ones are a timestamp, alike on PCs set
    up the same day)."""
    return node_id.replace("-", "")[-8:]


class VillagePc(NamedTuple):  # not a dataclass: see domain/actor.py
    village_code: str
    village_name: str
    node_id: str
    fingerprint: str
    first_pc: bool  # the node that created the village's record (None of the village's rows here yet: False)
    series: str | None  # what its latest package said it numbers under ('' none); None: never said
    reported_at: str | None  # when that package was written
    granted: str | None  # the series the township handed it
    granted_at: str | None
    grant_state: str  # '' (none), 'pending', 'taken', 'not_taken'
    last_package_at: str | None

    @property
    def node_short(self) -> str:
        return short_node(self.node_id)

    @property
    def series_text(self) -> str:
        text = series_label(self.series)
        return f"{text}（本村首台）" if self.first_pc and self.series == "" else text

    @property
    def grant_text(self) -> str:
        return f"{self.granted}，{GRANT_STATES[self.grant_state]}" if self.granted else "—"


class SeriesClash(NamedTuple):
    village_code: str
    village_name: str
    series: str
    nodes: tuple[str, ...]  # node ids
    message: str


class PcsView(NamedTuple):
    pcs: list[VillagePc]
    clashes: list[SeriesClash]


def village_pcs(store: Store, village_code: str | None = None) -> PcsView:
    """Each registered village PC (one village's with `village_code`): series in use, the township's grant and
    whether taken, last package; and every series two PCs of one village report alike."""
    from villagedesk.services.township.node import this_township

    this_township(store)  # a village's PC is told it is not a township
    rows = repo.village_pcs(store)
    if village_code is not None:
        code = village_code.strip()
        if code not in {r["code"] for r in rows}:
            from villagedesk.domain.errors import ValidationError

            known = "、".join(sorted({r["code"] for r in rows})) or "无"
            raise ValidationError("--village", f"本乡镇没有登记区划代码为“{village_code}”的村（已登记：{known}）")
        rows = [r for r in rows if r["code"] == code]
    pcs = [_pc(r) for r in rows]
    return PcsView(pcs, _clashes(pcs))


def _pc(r) -> VillagePc:
    series, granted = r["series"], r["granted"]
    state = "" if not granted else "taken" if series == granted else "not_taken" if series else "pending"
    return VillagePc(r["code"], r["village_name"] or r["code"], r["node_id"], r["fingerprint"],
                     r["first_pc"] == r["node_id"], series, r["reported_at"], granted, r["granted_at"], state,
                     r["last_in"])


def _clashes(pcs: list[VillagePc]) -> list[SeriesClash]:
    by: dict[tuple[str, str], list[VillagePc]] = {}
    for pc in pcs:
        if pc.series is not None:
            by.setdefault((pc.village_code, pc.series), []).append(pc)
    out = []
    for (code, series), same in sorted(by.items()):
        if len(same) < 2:
            continue
        names = "、".join(p.node_short for p in same)
        pending = [p for p in same if p.grant_state == "pending"]
        then = ("乡镇已分配新序列（" + "、".join(f"{p.node_short}：{p.granted}" for p in pending)
                + "），请尽快把乡镇的同步包导入该电脑，导入后即改用。") if pending else \
            "请核查这几台电脑（其中一台可能是复制来的数据库），在弄清之前只在一台上兑换。"
        out.append(SeriesClash(code, same[0].village_name, series, tuple(p.node_id for p in same),
                               f"同一村两台电脑使用同一凭证序列：{same[0].village_name}（{code}）的电脑 {names} 都用"
                               f"“{series_label(series)}”序列，各自打印的兑换凭证编号会重复。{then}"))
    return out


def note_reported(store: Store, peer_row, report) -> None:
    """At the township, inside a village PC's package import: the series its package says it numbers under."""
    if report.sender_series is None or peer_row is None or peer_row["role"] != "village":
        return
    repo.note_reported(store, peer_row["node_id"], peer_row["code"], report.sender_series,
                       report.created_at or now_iso(), now_iso(), report.package_id)


def needs_series(store: Store, peer_row) -> bool:
    """A village PC that numbers without a letter ('' in its latest package) and is not its village's first PC."""
    said = repo.reported(store, peer_row["node_id"])
    first = repo.first_pc_of(store, peer_row["code"])
    return said is not None and said["series"] == "" and first is not None and first != peer_row["node_id"]


@writes(township=True)
def grant_for(store: Store, actor: Actor, peer_row) -> str:
    """The series the township's package to this village PC hands it ('' for none): a PC that needs one gets
    three letters, chosen once (the same in every package until it reports a series), audited; one chosen
    before stays its own. Runs in its own transaction, before the package is built."""
    if peer_row["role"] != "village" or not peer_row["code"]:
        return ""
    with store.transaction():
        if not needs_series(store, peer_row):
            return ""
        held = repo.grant_of(store, peer_row["node_id"])
        if held is not None:
            return held["series"]
        code = peer_row["code"]
        series = _next_granted(repo.taken_in(store, code), code)
        repo.add_grant(store, code, series, peer_row["node_id"], now_iso(), actor.name)
        name = repo.village_name(store, code) or code
        store.audit(actor, "分配凭证序列", "township_series_grants", peer_row["node_id"],
                    f"{name}（{code}）的电脑 {short_node(peer_row['node_id'])}（指纹 {peer_row['fingerprint']}）"
                    f"使用无字母序列，却不是本村首台电脑：分配凭证序列 {series}，随发往它的同步包送达")
    return series


def _next_granted(taken: set[str], code: str) -> str:
    for a in _LETTERS:
        for b in _LETTERS:
            for c in _LETTERS:
                if a + b + c not in taken:
                    return a + b + c
    from villagedesk.domain.errors import ConflictError

    raise ConflictError(f"村 {code} 的三字母凭证序列已全部分配过，无法再分配。")
