"""Export the register's current view (filters or search as shown) to Excel, identity numbers masked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.register.filters import VIEWS, RegisterFilter
from villagedesk.domain.register.sensitive import MASKERS
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.table import Column, ReportTable
from villagedesk.services import village
from villagedesk.services.progress import Job, step
from villagedesk.services.register.listing import columns, count_rows, fetch_rows
from villagedesk.store.connection import Store

_PAGE = 5000


def export_view(store: Store, f: RegisterFilter, path: str | Path, description: str = "",
                job: Job | None = None, today: dt.date | None = None) -> Path:
    """Every row of the view, in the order shown; sensitive columns masked as SENSITIVE_FIELDS says."""
    today = today or clock.today()
    total = count_rows(store, f)
    rows: list[list] = []
    while len(rows) < total:
        page = fetch_rows(store, f, len(rows), _PAGE, today, mask="id_number" in MASKERS)
        if not page:
            break
        rows += [list(r.cells) for r in page]
        step(job, 0.8 * len(rows) / max(1, total), f"正在整理：{len(rows)}/{total}")
    v = village.home_village(store)
    title = "农户花名册" if f.view == "households" else "人口花名册"
    table = ReportTable(title, f"{v.township_name} {v.name}", f"截至 {today.isoformat()}",
                        [Column(c.title, c.kind, c.width) for c in columns(f.view)], rows, totals=None,
                        notes=[f"视图：{VIEWS[f.view]}。{description}".strip(),
                               f"共 {len(rows)} 条。身份证号已隐去中间数字（敏感个人信息）。"],
                        landscape=True)
    step(job, 0.85, "正在写入 Excel")
    result = write_xlsx(table, path)
    step(job, 1.0, "导出完成")
    return result
