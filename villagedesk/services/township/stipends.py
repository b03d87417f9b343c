"""补贴标准下发: the township sets the stipend tier table (residents → yuan a month) for the villages it chooses,
from a month on; each goes down in that village's next package, is in force there from that month (over the
village's own versions), cannot be changed there, and comes back in force as the village's own if withdrawn."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.grids.dates import month_label
from villagedesk.domain.grids.stipend import Tier, validate_tiers
from villagedesk.domain.permissions import Action
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.township.node import node_role
from villagedesk.services.writes import writes
from villagedesk.store import township as township_repo
from villagedesk.store.connection import Store
from villagedesk.store.grids import payroll as payroll_repo
from villagedesk.store.grids import stipends as repo


class SentTable(NamedTuple):
    """One tier table the township set for one village."""

    id: str
    village_code: str
    village_name: str
    month: str  # from which it is in force
    tiers: list[Tier]
    notes: str

    @property
    def text(self) -> str:
        return "，".join(t.label for t in self.tiers)


def _township_only(store: Store) -> None:
    if node_role(store) != "township":
        raise ConflictError("补贴标准下发在乡镇节点办理；本村的标准请在“网格与网格员 › 补贴发放 › 阶梯补贴标准”设置。")


def _village(store: Store, code: str) -> str:
    vid = township_repo.village_id_by_code(store, code)
    if vid is None:
        raise NotFoundError(f"下发村：“{code}”不是本乡镇已收到同步包的村")
    return vid


@writes(township=True)  # the township's own record for each village, not a change of the village's
def set_for_villages(store: Store, actor: Actor, effective_month: object, rows: list[tuple[object, object, object]],
                     village_codes: list[str], notes: object = "") -> list[str]:
    """The tier table from `effective_month` for each chosen village (a correction where the township already set
    that month for it); returns the tables' ids."""
    actor = authorize(store, actor, Action.SET_STIPENDS)
    _township_only(store)
    month = month_label(effective_month, "生效月份")
    tiers = validate_tiers(rows)
    codes = list(dict.fromkeys(c.strip() for c in village_codes if c and c.strip()))
    if not codes:
        raise ValidationError("下发村", "请至少选择一个村")
    targets = []
    for code in codes:
        vid = _village(store, code)
        locked = payroll_repo.last_locked_month(store, vid)
        if locked and month <= locked:  # as far as that village's packages have told
            raise ValidationError("生效月份", f"{code} 已锁定 {locked} 的发放表，已发放的月份不能改标准；"
                                            f"请从 {locked} 之后的月份起生效")
        targets.append((vid, code))
    text, start = clean_text(notes), f"{month}-01"
    summary = "；".join(t.label for t in tiers)
    ids = []
    with store.transaction():
        for vid, code in targets:
            same = repo.tier_table_from(store, vid, start, "township")
            if same is None:
                table_id = store.insert("stipend_tier_tables", {
                    "village_id": vid, "effective_from": start, "notes": text, "source": "township"},
                    actor, "乡镇下发补贴标准", f"{code} {month} 起：{summary}")
            else:
                table_id = same["id"]
                store.update("stipend_tier_tables", table_id, {"notes": text}, actor, "修改乡镇下发补贴标准",
                             f"{code} {month} 起：{summary}")
                for old in repo.tiers(store, table_id):
                    store.tombstone("stipend_tiers", old["id"], actor, "修改乡镇下发补贴标准")
            for t in tiers:
                store.insert("stipend_tiers", {"table_id": table_id, "min_residents": t.min_residents,
                                               "max_residents": t.max_residents, "amount_fen": t.amount_fen},
                             actor, "乡镇下发补贴标准", t.label)
            ids.append(table_id)
    return ids


@writes(township=True)
def withdraw(store: Store, actor: Actor, table_id: str) -> None:
    """Withdraw a table the township set: it goes down as withdrawn, and the village's own versions apply again."""
    actor = authorize(store, actor, Action.SET_STIPENDS)
    _township_only(store)
    row = next((r for r in repo.township_tables(store) if r["id"] == table_id), None)
    if row is None:
        raise NotFoundError("补贴标准：找不到这份乡镇下发的标准（可能已撤回）")
    month = row["effective_from"][:7]
    locked = payroll_repo.last_locked_month(store, row["village_id"])
    if locked and month <= locked:
        raise ConflictError(f"{row['village_name']} 已按这份标准锁定了 {locked} 的发放表，不能撤回；"
                            "请另设一份从以后月份起生效的标准。")
    with store.transaction():
        for old in repo.tiers(store, table_id):
            store.tombstone("stipend_tiers", old["id"], actor, "撤回乡镇下发补贴标准")
        store.tombstone("stipend_tier_tables", table_id, actor, "撤回乡镇下发补贴标准",
                        f"{row['village_code']} {month} 起")


def sent_tables(store: Store) -> list[SentTable]:
    """Every table the township set and has not withdrawn, by village then newest month first."""
    return [SentTable(r["id"], r["village_code"], r["village_name"], r["effective_from"][:7],
                      [Tier(t["min_residents"], t["max_residents"], t["amount_fen"]) for t in repo.tiers(store, r["id"])],
                      r["notes"]) for r in repo.township_tables(store)]
