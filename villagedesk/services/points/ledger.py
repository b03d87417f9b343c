"""积分台账: household accounts, deductions from the catalogue, reversals, statements and the ranking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.period import Period, current_year
from villagedesk.domain.points.receipt import display_time
from villagedesk.domain.text import clean_text
from villagedesk.services.access import listing_grids
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.points import rules
from villagedesk.services.points.common import village_id
from villagedesk.services.writes import writes
from villagedesk.store import users as user_repo
from villagedesk.store.connection import Store
from villagedesk.store.points import ledger as repo

KIND_LABELS = {"award": "加分", "deduct": "扣分", "redeem": "兑换", "reversal": "冲正"}


@dataclass(frozen=True)
class Entry:
    id: str
    at: str
    kind: str
    delta: int
    reason: str
    resident_name: str
    operator_name: str
    reversed: bool
    reverses_id: str | None
    balance_after: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def when(self) -> str:
        return display_time(self.at)


@dataclass(frozen=True)
class Account:
    household_id: str
    label: str
    grid_name: str
    balance: int
    entries: int


@dataclass(frozen=True)
class Statement:
    household_id: str
    label: str
    grid_name: str
    entries: list[Entry]
    balance: int


@dataclass(frozen=True)
class RankRow:
    rank: int
    household_id: str
    label: str
    grid_name: str
    earned: int
    balance: int


def balance(store: Store, household_id: str) -> int:
    return repo.balance(store, household_id)


def all_balances(store: Store) -> dict[str, int]:
    return repo.all_balances(store)


def accounts(store: Store, grid_id: str | None = None, search: str = "", limit: int = 2000, *,
             actor: Actor) -> list[Account]:
    """Households' points accounts, largest balance first; a worker user sees their own grids' only."""
    grids = listing_grids(store, actor, grid_id)
    return [Account(r["household_id"], r["label"], r["grid_name"], r["balance"], r["entries"])
            for r in repo.accounts(store, village_id(store), grid_id, clean_text(search), limit, grids)]


def _household(store: Store, household_id: str):
    hh = repo.household_row(store, household_id)
    if hh is None or hh["deleted_at"] is not None:
        raise NotFoundError("农户不存在。")
    return hh


def statement(store: Store, household_id: str) -> Statement:
    """Every entry of one account, oldest first, with the running balance."""
    hh = _household(store, household_id)
    running, entries = 0, []
    for r in repo.household_entries(store, household_id):
        running += r["delta"]
        entries.append(Entry(r["id"], r["at"], r["kind"], r["delta"], r["reason"], r["resident_name"] or "",
                             r["operator_name"], bool(r["reversed"]), r["reverses_id"], running))
    return Statement(household_id, hh["label"], hh["grid_name"], entries, running)


@writes
def deduct(store: Store, actor: Actor, resident_id: str, rule_id: str, reason: str = "",
           day: dt.date | None = None) -> str:
    """A deduction (扣分) for a resident, only by an item of the catalogue in force that day."""
    day = day or clock.today()
    rule = rules.rule_in_force(store, rule_id, day, "deduct", "扣分项目")
    person = repo.resident_row(store, resident_id)
    if person is None or person["deleted_at"] is not None:
        raise ValidationError("村民", "所选村民不在花名册中")
    note = clean_text(reason)
    with store.transaction():
        rows = repo.append_entries(store, actor, [repo.EntryDraft(
            person["village_id"], person["household_id"], resident_id, -rule.points, "deduct",
            rule.name + (f"：{note}" if note else ""), "rule", rule.id)])
        store.audit(actor, "扣分", "point_entries", rows[0]["id"], f"{person['name']}：{rule.name} −{rule.points} 分")
    return rows[0]["id"]


@writes
def reverse(store: Store, actor: Actor, entry_id: str, reason: str) -> str:
    """Correct a mistaken award or deduction with a reversing entry; the original stays as it was."""
    text = clean_text(reason)
    if not text:
        raise ValidationError("冲正原因", "不能为空")
    original = repo.entry(store, entry_id)
    if original is None:
        raise NotFoundError("要冲正的积分记录不存在。")
    if original["kind"] == "reversal":
        raise ConflictError("这是一条冲正记录，冲正记录不能再冲正。")
    if original["kind"] == "redeem":
        raise ConflictError("兑换扣减的积分不能冲正；当日兑换有误请作废兑换凭证。")
    with store.transaction():
        if repo.reversal_of(store, entry_id) is not None:
            raise ConflictError("该记录已经冲正过，不能重复冲正。")
        rows = repo.append_entries(store, actor, [repo.EntryDraft(
            original["village_id"], original["household_id"], original["resident_id"], -original["delta"],
            "reversal", f"冲正：{original['reason']}（{text}）", "entry", entry_id, reverses_id=entry_id)])
        store.audit(actor, "积分冲正", "point_entries", rows[0]["id"],
                    f"冲正 {original['delta']:+d} 分：{original['reason']}；原因：{text}")
    return rows[0]["id"]


def ranking(store: Store, period: Period | None = None, grid_id: str | None = None,
            limit: int = 100) -> list[RankRow]:
    """Households by points earned in the period (default: this year); equal points share a rank."""
    period = period or current_year()
    rows = repo.ranking(store, village_id(store), period.start.isoformat(), period.end.isoformat(),
                        grid_id, limit)
    out, rank, last = [], 0, None
    for i, r in enumerate(rows, 1):
        if r["earned"] != last:
            rank, last = i, r["earned"]
        out.append(RankRow(rank, r["household_id"], r["label"], r["grid_name"], r["earned"], r["balance"]))
    return out


def write_statement_pdf(store: Store, actor: Actor, household_id: str, path: str | Path) -> Path:
    """One household's points statement (对账单), for a user who may see its grid; audited."""
    from villagedesk.reports.account_statement import write_statement
    from villagedesk.services.village import home_village

    who = may_write(store, actor, "积分对账单", user_repo.household_grids(store, [household_id]))
    account = statement(store, household_id)
    return audited(store, who, "积分对账单", write_statement(home_village(store), account, path), account.label)


def write_poster_pdf(store: Store, actor: Actor, path: str | Path, period: Period | None = None,
                     grid_id: str | None = None, grid_name: str = "") -> Path:
    """The red list (红榜) of a period, the whole village's or one grid's; audited."""
    from villagedesk.reports.points_poster import write_poster
    from villagedesk.services.village import home_village

    who = may_write(store, actor, "积分红榜", None if grid_id is None else [grid_id])
    period = period or current_year()
    rows = ranking(store, period, grid_id, limit=60)
    return audited(store, who, "积分红榜", write_poster(home_village(store), period.title, grid_name, rows, path),
                   f"{period.title} {grid_name}".strip())
