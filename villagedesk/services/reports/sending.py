"""The report set as the desk makes it: read for the screen, export (who may prepare), 报出 (who may sign)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import permissions
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import PermissionDenied
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.reports.table import ReportTable
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


def export_refusal(actor: Actor) -> str | None:
    """Who prepares the set (文书/会计) may export it, and so may who signs it (书记/主任 exports what they sign)."""
    if permissions.can(actor, Action.PREPARE_REPORT) or permissions.can(actor, Action.SIGN_REPORT):
        return None
    return permissions.refusal(actor, Action.PREPARE_REPORT)


def view_set(store: Store, actor: Actor, period: str | Period, job: Job | None = None) -> SetView:
    p = period_of(period)
    why = export_refusal(actor)
    if why is not None:
        raise PermissionDenied(why)
    n = 13
    tables = build_set(store, p, actor, each=lambda i, key: step(job, i / n, f"正在汇总：{key}"))
    return SetView(p, tables, submissions.states(store, p, tables))


def prepare_set(store: Store, actor: Actor, period: str | Period, out_dir: str | Path,
                job: Job | None = None) -> export.SetExport:
    """The whole set into 村名_期间 under `out_dir`, the actor named as 填表人."""
    why = export_refusal(actor)
    if why is not None:
        raise PermissionDenied(why)
    return export.export_set(store, period, out_dir, actor, job)


@writes
def sign_and_submit(store: Store, actor: Actor, sent: export.SetExport) -> list[submissions.ReportState]:
    """报出: the 单位负责人 signs the exported set off as sent up (user, time, the files' sha256)."""
    permissions.require(actor, Action.SIGN_REPORT)
    return submissions.submit(store, actor, sent)
