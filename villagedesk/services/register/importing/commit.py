"""Committing a clean preview: every household, resident, category and enrolment in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.ids import new_id
from villagedesk.domain.permissions import Action
from villagedesk.services.access import authorize
from villagedesk.services.progress import Job, step
from villagedesk.services.register.importing.preview import ImportPreview, _check_register, preview_import
from villagedesk.services.register.importing.workbook import read_sheet
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.register import search_index

_CHUNK = 5000


@dataclass(frozen=True)
class ImportResult:
    households: int
    residents: int
    categories: int
    enrolments: int


@writes
def commit_import(store: Store, actor: Actor, preview: ImportPreview, job: Job | None = None,
                  today: dt.date | None = None) -> ImportResult:
    """All or nothing: a preview with any problem is refused, and so is one the register has since overtaken."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    if not preview.ok:
        raise ValidationError("花名册", f"还有 {len(preview.problems)} 处问题，未导入任何数据；请改正后重新检查")
    if not preview.households:
        raise ValidationError("花名册", "没有可导入的农户")
    today = today or clock.today()
    households, residents, categories, enrolments = [], [], [], []
    for h in preview.households:
        hid = new_id()
        ids = [new_id() for _ in h.members]
        head = next(i for i, m in zip(ids, h.members, strict=True) if m.fields["relation"] == "户主")
        households.append({"id": hid, "grid_id": h.grid_id, "head_resident_id": head, "hamlet": h.hamlet,
                           "group_name": h.group_name, "house_number": h.house_number, "phone": h.phone,
                           "status": "active", "status_reason": "", "notes": ""})
        for rid, m in zip(ids, h.members, strict=True):
            residents.append({"id": rid, "household_id": hid, **m.fields})
            categories += [{"id": new_id(), "resident_id": rid, "category": c, "since": today.isoformat(),
                            "notes": "花名册导入"} for c in m.categories]
            if m.insurance:
                enrolments.append({"id": new_id(), "resident_id": rid, "year": preview.year, "status": m.insurance,
                                   "recorded_on": today.isoformat(), "notes": "花名册导入"})
    with store.transaction(holding=f"导入花名册“{Path(preview.sheet.path).name}”，{len(households)} 户"):
        late: list = []
        _check_register(store, preview.households, lambda key: "", late)
        if late:
            raise ConflictError("检查之后登记簿已有变化，未导入任何数据：" + "；".join(str(p) for p in late[:5]))
        total = len(households) + len(residents)
        done = 0
        for table, rows in (("households", households), ("residents", residents),
                            ("resident_categories", categories), ("insurance_enrolments", enrolments)):
            for i in range(0, len(rows), _CHUNK):
                store.insert_many(table, rows[i:i + _CHUNK], actor)
                done += len(rows[i:i + _CHUNK]) if table in ("households", "residents") else 0
                step(job, 0.1 + 0.6 * done / max(1, total), f"正在写入：{done}/{total}")
        step(job, 0.75, "正在建立搜索索引")
        search_index.refresh(store)
        store.audit(actor, "导入花名册", detail=f"{Path(preview.sheet.path).name}「{preview.sheet.sheet}」："
                    f"{len(households)} 户，{len(residents)} 人")
    step(job, 1.0, "导入完成")
    return ImportResult(len(households), len(residents), len(categories), len(enrolments))


@writes
def import_file(store: Store, actor: Actor, path: str | Path, sheet: str | None = None, year: int | None = None,
                default_grid_id: str | None = None, job: Job | None = None) -> tuple[ImportPreview, ImportResult | None]:
    """Read, check and (only if every row is clean) import a roster; the preview tells what was wrong."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    step(job, 0.0, "正在读取工作簿")
    data = read_sheet(path, sheet)
    preview = preview_import(store, data, year=year, default_grid_id=default_grid_id, job=job)
    if not preview.ok:
        return preview, None
    return preview, commit_import(store, actor, preview, job)
