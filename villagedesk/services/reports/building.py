"""Building the report set's tables for a period and a scope (one village, or every village of a township file)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError
from villagedesk.domain.period import Period, parse_report_period
from villagedesk.domain.scope import Scope
from villagedesk.reports.catalogue import BUILDERS, REPORT_KEYS
from villagedesk.reports.forms.common import Source
from villagedesk.reports.table import ReportTable
from villagedesk.services import stats
from villagedesk.services.grids.payroll import get_payroll
from villagedesk.services.reports.specs import contact_phone, specs
from villagedesk.services.scope import resolve_scope
from villagedesk.store import villages as village_repo
from villagedesk.store.connection import Store
from villagedesk.store.reports import forms as repo


def cn_date(day) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def period_of(value: str | Period) -> Period:
    """A period a report can be made for (the future refused, in Chinese, naming 统计期间)."""
    return value if isinstance(value, Period) else parse_report_period(value)


def report_keys() -> tuple[str, ...]:
    return REPORT_KEYS


def check_key(key: str) -> str:
    if key not in BUILDERS:
        raise NotFoundError(f"报表“{key}”不存在。可用的报表：{'、'.join(REPORT_KEYS)}（villagedesk-cli report list）")
    return key


def tail_names(store: Store, village_id: str, made_by: Actor | None) -> tuple[tuple[str, str], ...]:
    """单位负责人 (the first 书记/主任), 统计负责人 and 填表人 (文书/会计; 填表人 is whoever makes it), 联系电话:
    the real users' names where the store knows them."""
    by_role: dict[str, str] = {}
    for p in repo.office_people(store, village_id):
        by_role.setdefault(p["role"], p["name"])
    filler = made_by.name if made_by is not None and made_by.user_id not in ("cli", "system") else ""
    clerk = by_role.get("clerk", "")
    return (("单位负责人", by_role.get("head", "")), ("统计负责人", clerk),
            ("填表人", filler or clerk), ("联系电话", contact_phone(store)))


def source_for(store: Store, period: Period, made_by: Actor | None = None,
               kpis: Callable[[Period], dict] | None = None, scope: Scope | None = None) -> Callable[[str], Source]:
    """Every table over the scope's villages together (default: resolve_scope's, so a township-style file reports
    all its villages); the unit names the village, or the township and the villages of a set."""
    scope = scope or resolve_scope(store)  # raises the Chinese "not initialised" message
    first = village_repo.to_village(village_repo.village_row(store, scope.villages[0].id))
    unit = f"{first.township_name} {first.name}" if scope.single else f"{first.township_name} {scope.label()}"
    vids = list(scope.ids)
    all_specs = specs(store)
    tail = tail_names(store, vids[0], made_by)
    today = clock.today()
    kpi_cache: dict[str, dict] = {}

    def kpi(p: Period) -> dict:
        if p.label not in kpi_cache:
            kpi_cache[p.label] = (kpis or (lambda q: stats.compute_stats(store, q, scope)))(p)
        return kpi_cache[p.label]

    def payrolls(months: list[str]) -> list:  # month by month, each village of the scope in turn
        return [p for p in (get_payroll(store, m, v) for m in months for v in vids) if p is not None]

    def make(key: str) -> Source:
        return Source(store=store, village_ids=vids, unit=unit, period=period,
                      spec=all_specs[key], tail=tail, reported_on=cn_date(today), today=today.isoformat(),
                      kpis=kpi, payrolls=payrolls)
    return make


def build_report(store: Store, key: str, period: str | Period, made_by: Actor | None = None,
                 scope: Scope | None = None) -> ReportTable:
    check_key(key)
    p = period_of(period)
    return BUILDERS[key](source_for(store, p, made_by, scope=scope)(key))


def build_set(store: Store, period: str | Period, made_by: Actor | None = None,
              each: Callable[[int, str], None] | None = None, scope: Scope | None = None) -> list[ReportTable]:
    """Every report of the catalogue for the period; `each(i, key)` is called before each (progress, cancel)."""
    p = period_of(period)
    make = source_for(store, p, made_by, scope=scope)
    tables = []
    for i, key in enumerate(REPORT_KEYS):
        if each is not None:
            each(i, key)
        tables.append(BUILDERS[key](make(key)))
    return tables


def fingerprint(table: ReportTable) -> str:
    """What the township received, as a hash of the figures (rows and totals; not the tail or the date)."""
    data = json.dumps([table.rows, table.totals], ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def summary_of(table: ReportTable) -> dict:
    """A short record of what was sent, to say what changed since: row count, totals, report 1's figures."""
    rows = [] if len(table.rows) == 1 and sum(v is not None for v in table.rows[0]) == 1 else table.rows
    out: dict = {"rows": len(rows), "totals": table.totals}
    if table.key == "summary":
        out["figures"] = {r[1]: r[2] for r in table.rows}
    return out
