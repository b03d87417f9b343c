"""报表审核 at the township: a village's submitted report set as received (its figures, and the files' sha256
recorded at 报出, checked against files the village handed over) and the township's decision — 审核通过 or 退回
with a reason — a township record that travels down in its next package to that village."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from villagedesk.domain import clock, reporting
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.domain.report_forms import attempt_label
from villagedesk.domain.scope import Scope
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.reports.specs import specs
from villagedesk.services.scope import resolve_scope
from villagedesk.services.township.node import node_role
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.reports import reviews as repo

DECISIONS = {"approved": "审核通过", "returned": "退回"}
NOT_TRAVELLING = "报表文件不随同步包传送（同步包带的是报出记录：各文件的 sha256、记录指纹和主要数字）"


class FileCheck(NamedTuple):
    name: str
    expected: str  # sha256 recorded when the village sent the set up
    found: str  # sha256 of the file handed over ('' when absent)

    @property
    def status(self) -> str:
        return "一致" if self.found == self.expected else ("缺少该文件" if not self.found else "不一致（文件被改动过）")


class Received(NamedTuple):
    """One submission attempt of a village's report, as it arrived in the village's package."""

    submission_id: str
    village_code: str
    village_name: str
    report_key: str
    number: str
    title: str
    period: str
    attempt: int
    latest: bool  # the last attempt: the one to decide
    submitted_at: str
    submitted_by: str
    files: dict[str, str]  # file name -> sha256, as recorded at 报出
    figures: dict  # the set's summary as sent (rows, totals, figures)
    decision: str  # '' (待审核) | approved | returned
    reason: str
    decided_at: str
    decided_by: str
    files_check: str

    @property
    def state_label(self) -> str:
        if self.decision == "approved":
            return "已通过"
        if self.decision == "returned":
            return "已退回"
        return "待审核" if self.latest else "已被重报取代"

    @property
    def attempt_label(self) -> str:
        return attempt_label(self.attempt)


def received(store: Store, period: Period, scope: Scope | None = None) -> list[Received]:
    """Every report the villages of `scope` sent up for the reporting periods within `period`, newest attempt
    flagged, with the township's decision where it made one."""
    scope = scope or resolve_scope(store)
    forms = specs(store)
    rows = repo.received(store, scope.ids, [p.label for p in reporting.periods_within(period)])
    last: dict[tuple, int] = {}
    for r in rows:
        key = (r["village_id"], r["report_key"], r["period"])
        last[key] = max(last.get(key, 0), r["attempt"])
    out = []
    for r in rows:
        spec = forms.get(r["report_key"])
        out.append(Received(
            r["id"], r["village_code"], r["village_name"], r["report_key"], spec.number if spec else "",
            spec.title if spec else r["report_key"], r["period"], r["attempt"],
            r["attempt"] == last[(r["village_id"], r["report_key"], r["period"])], r["submitted_at"],
            r["submitted_by"], _files(r["files"]), json.loads(r["summary"] or "{}"), r["decision"] or "",
            r["reason"] or "", r["decided_at"] or "", r["decided_by"] or "", r["files_check"] or ""))
    return sorted(out, key=lambda r: (r.village_code, r.period, r.number, r.attempt))


def _files(text: str) -> dict[str, str]:
    found = json.loads(text or "{}")
    return found if isinstance(found, dict) else {}


def check_files(store: Store, submission_id: str, folder: Path) -> list[FileCheck]:
    """Each file the submission recorded, its sha256 against the file of that name in `folder` (the set the
    village handed over on a stick or by mail)."""
    row = repo.submission(store, submission_id)
    if row is None:
        raise NotFoundError("报出记录：没有找到，可能尚未随同步包送到")
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError("报表文件夹", f"“{folder}”不是文件夹")
    out = []
    for name, expected in sorted(_files(row["files"]).items()):
        path = folder / name
        found = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        out.append(FileCheck(name, expected, found))
    return out


def _check_summary(checks: list[FileCheck] | None) -> str:
    if checks is None:
        return "未核对文件：" + NOT_TRAVELLING
    if not checks:
        return "报出记录未列文件"
    bad = [c for c in checks if c.status != "一致"]
    return f"{len(checks)} 个文件 sha256 一致" if not bad else \
        "；".join(f"{c.name}：{c.status}" for c in bad)


@writes(township=True)  # the township's own record, not a village's
def decide(store: Store, actor: Actor, submission_id: str, decision: str, reason: object = "",
           folder: Path | None = None) -> str:
    """The township's decision on a village's last submission of a report: 审核通过, or 退回 with a reason.
    With `folder`, the files handed over are checked first: one that does not match what was sent up cannot be
    approved. The decision is the township's record; it goes down in the next package to the village."""
    actor = authorize(store, actor, Action.RETURN_REPORT)
    if node_role(store) != "township":
        raise ConflictError("报表审核在乡镇节点办理：村里看到的审核结果随乡镇的同步包送来。")
    if decision not in DECISIONS:
        raise ValidationError("审核结果", f"“{decision}”应为 approved（审核通过）或 returned（退回）")
    row = repo.submission(store, submission_id)
    if row is None:
        raise NotFoundError("报出记录：没有找到，可能尚未随同步包送到")
    what = f"{row['village_name']} {row['report_key']} {row['period']} {attempt_label(row['attempt'])}"
    if row["attempt"] != row["last_attempt"]:
        raise ConflictError(f"{what}已被该村重报（{attempt_label(row['last_attempt'])}）取代，请审核最新的一次。")
    done = repo.review_of(store, submission_id)
    if done is not None:
        raise ConflictError(f"{what}已于 {done['decided_at'][:16].replace('T', ' ')} 由{done['decided_by']}"
                            f"{DECISIONS[done['decision']]}，不能重复审核；村里重报后再审核新的一次。")
    why = clean_text(reason)
    if decision == "returned" and not why:
        raise ValidationError("退回原因", "退回报表必须写明原因，村里据此修改后重报")
    if len(why) > 200:
        raise ValidationError("退回原因", "不能超过 200 个字")
    checks = None if folder is None else check_files(store, submission_id, folder)
    if decision == "approved" and checks and any(c.status != "一致" for c in checks):
        raise ValidationError("报表文件", f"{_check_summary(checks)}：与村里报出时的 sha256 不符，不能审核通过；"
                                      "请核实后退回或让村里重新报出")
    with store.transaction():
        return store.insert("report_reviews", {
            "village_id": row["village_id"], "submission_id": submission_id, "decision": decision,
            "reason": why, "decided_at": clock.now_iso(), "decided_by": actor.name,
            "files_check": _check_summary(checks)},
            actor, "报表审核", f"{what} {DECISIONS[decision]}" + (f"：{why}" if why else ""))
