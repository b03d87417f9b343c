"""The report set as the desk makes it: read for the screen (who prepares or signs it), export (文书/会计 prepare it),
报出 (书记/主任 sign it as 单位负责人); the role is always the store's for the signed-in user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import permissions
from villagedesk.domain.actor import Actor
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.reports.table import ReportTable
from villagedesk.services.access import authorize, refuse, signed
from villagedesk.services.progress import Job, step
from villagedesk.services.reports import export, submissions
from villagedesk.services.reports.building import build_set, period_of
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store


@dataclass
class SetView:
    """What the page shows for a period: each report's table and its submission state."""

    period: Period
    tables: list[ReportTable]
    states: list[submissions.ReportState]


def view_refusal(actor: Actor) -> str | None:
    """Who prepares the set (文书/会计) reads it, and so does who signs it (书记/主任 reads what they sign)."""
    if permissions.can(actor, Action.PREPARE_REPORT) or permissions.can(actor, Action.SIGN_REPORT):
        return None
    return permissions.refusal(actor, Action.PREPARE_REPORT)


def _reader(store: Store, actor: Actor) -> Actor:
    """The acting user as the store knows them, refused (and audited) unless they prepare or sign the reports."""
    who = signed(store, actor)
    why = view_refusal(who)
    if why is not None:
        raise refuse(store, who, why, Action.PREPARE_REPORT)
    return who


def view_set(store: Store, actor: Actor, period: str | Period, job: Job | None = None) -> SetView:
    p = period_of(period)
    who = _reader(store, actor)
    preparer = who if permissions.can(who, Action.PREPARE_REPORT) else None  # the head reads; a clerk fills it in
    n = 13
    tables = build_set(store, p, preparer, each=lambda i, key: step(job, i / n, f"正在汇总：{key}"))
    return SetView(p, tables, submissions.states(store, p, tables))


def prepare_set(store: Store, actor: Actor, period: str | Period, out_dir: str | Path,
                job: Job | None = None) -> export.SetExport:
    """The whole set into 村名_期间 under `out_dir`, the preparer (文书/会计) named as 填表人."""
    who = authorize(store, actor, Action.PREPARE_REPORT)
    return export.export_set(store, period, out_dir, who, job)


def prepare_report(store: Store, actor: Actor, key: str, period: str | Period, fmt: str, out: str | Path) -> Path:
    """One report to one file, the preparer (文书/会计) named as 填表人."""
    who = authorize(store, actor, Action.PREPARE_REPORT)
    return export.export_report(store, key, period, fmt, out, who)


def preparers(store: Store) -> list[str]:
    """The office's active users who may prepare the reports (for the page's hint when there is none)."""
    from villagedesk.services.users import list_users

    return [u.name for u in list_users(store) if u.active and u.role in permissions.POLICY[Action.PREPARE_REPORT]]


@writes
def sign_and_submit(store: Store, actor: Actor, sent: export.SetExport) -> list[submissions.ReportState]:
    """报出: the 单位负责人 signs the exported set off as sent up (user, time, the files' sha256)."""
    who = authorize(store, actor, Action.SIGN_REPORT)
    return submissions.submit(store, who, sent)
