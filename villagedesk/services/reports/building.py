"""Building the report set's tables for a period and the current scope (the home village until Scope lands)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError
from villagedesk.domain.period import Period, parse_report_period
from villagedesk.reports.catalogue import BUILDERS, REPORT_KEYS
from villagedesk.reports.forms.common import Source
from villagedesk.reports.table import ReportTable
from villagedesk.services import stats
from villagedesk.services.grids.payroll import get_payroll
from villagedesk.services.reports.specs import contact_phone, specs
from villagedesk.services.village import home_village, home_village_id
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
               kpis: Callable[[Period], dict] | None = None) -> Callable[[str], Source]:
    village = home_village(store)
    if village is None:
        home_village_id(store)  # raises the Chinese "not initialised" message
    vid = home_village_id(store)
    all_specs = specs(store)
    tail = tail_names(store, vid, made_by)
    today = clock.today()
    kpi_cache: dict[str, dict] = {}

    def kpi(p: Period) -> dict:
        if p.label not in kpi_cache:
            kpi_cache[p.label] = (kpis or (lambda q: stats.compute_stats(store, q)))(p)
        return kpi_cache[p.label]

    def payrolls(months: list[str]) -> list:
        return [p for p in (get_payroll(store, m) for m in months) if p is not None]

    def make(key: str) -> Source:
        return Source(store=store, village_ids=[vid], unit=f"{village.township_name} {village.name}", period=period,
                      spec=all_specs[key], tail=tail, reported_on=cn_date(today), today=today.isoformat(),
                      kpis=kpi, payrolls=payrolls)
    return make


def build_report(store: Store, key: str, period: str | Period, made_by: Actor | None = None) -> ReportTable:
    check_key(key)
    p = period_of(period)
    return BUILDERS[key](source_for(store, p, made_by)(key))


def build_set(store: Store, period: str | Period, made_by: Actor | None = None,
              each: Callable[[int, str], None] | None = None) -> list[ReportTable]:
    """Every report of the catalogue for the period; `each(i, key)` is called before each (progress, cancel)."""
    p = period_of(period)
    make = source_for(store, p, made_by)
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
