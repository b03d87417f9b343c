"""Exporting reports: one file, or the whole set (a workbook with a sheet per report, one combined PDF and the
single files) into a folder named 村名_期间; written aside and moved in at the end, so a cancel leaves nothing."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.period import Period
from villagedesk.reports.atomic import FileWriteError, why
from villagedesk.reports.excel import clean_sheet_name, write_workbook, write_xlsx
from villagedesk.reports.pdf import write_pdf, write_pdf_set
from villagedesk.reports.table import ReportTable
from villagedesk.services.progress import Job, step
from villagedesk.services.reports.building import build_report, build_set, period_of
from villagedesk.services.village import home_village
from villagedesk.store.connection import Store

FORMATS = ("xlsx", "pdf")


@dataclass
class SetExport:
    folder: Path
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    tables: list[ReportTable] = field(default_factory=list)
    period: Period | None = None


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValidationError("格式", f"“{fmt}”不支持，应为 xlsx 或 pdf")
    return fmt


def write_table(table: ReportTable, path: Path, fmt: str) -> Path:
    return write_xlsx(table, path) if check_format(fmt) == "xlsx" else write_pdf(table, path)


def export_report(store: Store, key: str, period: str | Period, fmt: str, out: str | Path,
                  made_by: Actor | None = None) -> Path:
    """One report to one file; `made_by` is named as 填表人."""
    check_format(fmt)
    return write_table(build_report(store, key, period, made_by), Path(out), fmt)


def set_folder_name(store: Store, period: Period) -> str:
    village = home_village(store)
    label = period.label.replace("..", "至")
    return clean_sheet_name(f"{village.name if village else '村'}_{label}", None).replace(" ", "")


def single_name(table: ReportTable, ext: str) -> str:
    name = clean_sheet_name(f"{table.form.number if table.form else ''}_{table.title}".strip("_"), None)
    return f"{name}.{ext}"


def export_set(store: Store, period: str | Period, out_dir: str | Path, made_by: Actor | None = None,
               job: Job | None = None) -> SetExport:
    p = period_of(period)
    base = Path(out_dir)
    if base.exists() and not base.is_dir():
        raise FileWriteError(f"“{base}”不是文件夹")
    folder = base / set_folder_name(store, p)
    tmp = base / f".{folder.name}.part"
    step(job, 0.0, "正在汇总各表数据……")
    n = 13
    tables = build_set(store, p, made_by, each=lambda i, key: step(job, 0.3 * i / n, f"正在汇总：{key}"))
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise FileWriteError(f"无法在“{base}”中写入：{why(exc)}") from exc
    try:
        stem = f"{folder.name}_报表全套"
        write_workbook(tables, tmp / f"{stem}.xlsx",
                       before_sheet=lambda i, t: step(job, 0.3 + 0.15 * i / n, f"正在写入工作簿：{t.title}"))
        write_pdf_set(tables, tmp / f"{stem}.pdf", header=f"{tables[0].unit}　报表全套　{p.title}",
                      before_table=lambda i, t: step(job, 0.45 + 0.2 * i / n, f"正在排版 PDF：{t.title}"))
        for i, t in enumerate(tables):
            step(job, 0.65 + 0.34 * i / n, f"正在写入单表：{t.title}")
            write_xlsx(t, tmp / single_name(t, "xlsx"))
            write_pdf(t, tmp / single_name(t, "pdf"))
        files = move_in(tmp, folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    step(job, 1.0, "导出完成")
    return SetExport(folder, files, tables, p)


def move_in(tmp: Path, folder: Path) -> dict[str, str]:
    """Every file is complete before any is moved; each move is an atomic rename within the same disk."""
    names = sorted(f.name for f in tmp.iterdir())
    files = {name: sha256_of(tmp / name) for name in names}
    try:
        folder.mkdir(exist_ok=True)
        for name in names:
            os.replace(tmp / name, folder / name)
    except PermissionError as exc:
        raise FileWriteError(f"文件“{exc.filename or folder}”无法覆盖：它可能正在 WPS 或 Excel 中打开，"
                             "请关闭后重试") from exc
    except OSError as exc:
        raise FileWriteError(f"无法写入“{exc.filename or folder}”：{why(exc)}") from exc
    tmp.rmdir()
    return files


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
