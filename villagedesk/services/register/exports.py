"""Export the register's current view (filters or search as shown) to Excel, identity numbers masked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.filters import VIEWS, RegisterFilter
from villagedesk.domain.register.sensitive import SENSITIVE_MARK
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.table import Column, ReportTable
from villagedesk.services import access, village
from villagedesk.services.progress import Job, step
from villagedesk.services.register.listing import count_rows, fetch_rows, shown_columns
from villagedesk.store.connection import Store

_PAGE = 5000


def export_view(store: Store, f: RegisterFilter, path: str | Path, description: str = "",
                job: Job | None = None, today: dt.date | None = None, *, actor: Actor, full: bool = False) -> Path:
    """Every row of the view the actor may see, in the order shown; identity numbers and phones masked,
    unless `full` is asked by a user the policy lets export unmasked lists (then the file name and its
    first row say 含敏感个人信息). Every export is audited."""
    today = today or clock.today()
    actor = access.authorize(store, actor, Action.EXPORT_UNMASKED if full else Action.VIEW_REGISTER)
    path = Path(path)
    if full and SENSITIVE_MARK not in path.stem:
        path = path.with_name(f"{path.stem}（{SENSITIVE_MARK}）{path.suffix}")
    total = count_rows(store, f, actor=actor)
    rows: list[list] = []
    while len(rows) < total:
        page = fetch_rows(store, f, len(rows), _PAGE, today, mask=not full, actor=actor)
        if not page:
            break
        rows += [list(r.cells) for r in page]
        step(job, 0.8 * len(rows) / max(1, total), f"正在整理：{len(rows)}/{total}")
    unit = village.unit_name(store)
    title = ("农户花名册" if f.view == "households" else "人口花名册") + (f"（{SENSITIVE_MARK}）" if full else "")
    table = ReportTable(title, unit, f"截至 {today.isoformat()}",
                        [Column(c.title, c.kind, c.width) for c in shown_columns(store, f)], rows, totals=None,
                        notes=[f"视图：{VIEWS[f.view]}。{description}".strip(),
                               f"共 {len(rows)} 条。" + (f"{SENSITIVE_MARK}：完整身份证号和联系电话，"
                                                         f"由{actor.name}导出，请妥善保管，用后销毁。" if full else
                                                         "身份证号已隐去中间数字，联系电话已隐去中间四位（敏感个人信息）。")],
                        landscape=True)
    step(job, 0.85, "正在写入 Excel")
    result = write_xlsx(table, path)
    with store.transaction():
        store.audit(actor, "导出花名册", detail=f"{title} {len(rows)} 条，"
                                            f"{'含完整身份证号和电话' if full else '已隐去敏感信息'}：{result.name}")
    step(job, 1.0, "导出完成")
    return result
