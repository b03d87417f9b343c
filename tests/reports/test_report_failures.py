"""Bad input to the reports: unknown report or period, the future, an unwritable folder, a file open in WPS,
a cancel half-way: a Chinese message naming the thing, and no half-written file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tests.conftest import TEST_ACTOR, add_office_user
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.reports.atomic import FileWriteError
from villagedesk.reports.excel import clean_sheet_name, new_workbook, put_text, write_xlsx
from villagedesk.reports.table import Column, ReportTable
from villagedesk.services.progress import Cancelled
from villagedesk.services.reports import export


def _cli(db, *args):
    return subprocess.run([sys.executable, "-m", "villagedesk.cli", "--db", str(db), *args],
                          capture_output=True, text=True, env={**os.environ})


def test_cli_lists_the_catalogue_and_refuses_bad_input_in_chinese(store, db_path, tmp_path):
    add_office_user(store, "李文书", "clerk")
    store.close()
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    listing = _cli(db_path, "report", "list")
    assert listing.returncode == 0 and "村网01表" in listing.stdout and len(listing.stdout.splitlines()) == 13
    for args, words in ((["report", "nosuch", "--period", "2026-10", "--out", str(tmp_path / "a.xlsx")], "nosuch"),
                        (["report", "summary", "--period", "2026-13", "--out", str(tmp_path / "a.xlsx")], "月份 13"),
                        (["report", "summary", "--period", "2027-01", "--out", str(tmp_path / "a.xlsx")], "尚未开始"),
                        (["report", "summary", "--period", "2026-10", "--out", str(tmp_path / "a.doc")], "xlsx 或 pdf"),
                        (["report", "set", "--period", "2026-10"], "--out")):
        run = _cli(db_path, *args)
        assert run.returncode != 0 and words in run.stderr and "Traceback" not in run.stderr, (args, run.stderr)
    assert not list(tmp_path.iterdir())
    # exporting is preparing the report: a named 文书/会计 (the head signs, the tool user only checks)
    nobody = _cli(db_path, "report", "summary", "--period", "2026-10", "--out", str(tmp_path / "r1.pdf"))
    assert nobody.returncode != 0 and "--user" in nobody.stderr
    head = _cli(db_path, "report", "set", "--period", "2026-10", "--out", str(tmp_path), "--user", TEST_ACTOR.name)
    assert head.returncode != 0 and "只有文书/会计可以编制报表" in head.stderr, head.stderr
    assert not list(tmp_path.iterdir())
    ok = _cli(db_path, "report", "summary", "--period", "2026-10", "--out", str(tmp_path / "r1.pdf"),
              "--user", "李文书")
    assert ok.returncode == 0 and (tmp_path / "r1.pdf").stat().st_size > 1000, ok.stderr


@pytest.fixture
def out(tmp_path):
    """A folder of its own: the store's database lives in tmp_path."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_unknown_report_and_future_period_in_the_service(store, out):
    tmp_path = out
    with pytest.raises(NotFoundError, match="nosuch"):
        export.export_report(store, "nosuch", "2026-10", "xlsx", tmp_path / "a.xlsx")
    with pytest.raises(ValidationError, match="统计期间"):
        export.export_set(store, "2027", tmp_path)
    assert not list(tmp_path.iterdir())


def test_an_unwritable_folder_and_a_full_disk_are_named(store, out, monkeypatch):
    """The suite may run as root (who may write anywhere): the refusals the OS gives are simulated."""
    import errno
    from pathlib import Path

    real_mkdir = Path.mkdir

    def refuse(self, *a, **kw):
        if "out" in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *a, **kw)
    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(FileWriteError, match="没有写入权限") as exc:
        export.export_set(store, "2026-10", out / "u盘")
    assert "u盘" in exc.value.message
    monkeypatch.setattr(Path, "mkdir", real_mkdir)

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(FileWriteError, match="磁盘已满") as exc:
        export.export_report(store, "summary", "2026-10", "pdf", out / "r1.pdf")
    assert "r1.pdf" in exc.value.message and list(out.iterdir()) == []


def test_a_file_that_is_not_a_folder_is_named(store, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with pytest.raises(FileWriteError, match="plain.txt"):
        export.export_set(store, "2026-10", plain)
    with pytest.raises(FileWriteError, match="plain.txt"):
        export.export_report(store, "summary", "2026-10", "xlsx", plain / "r.xlsx")


def test_a_file_open_in_wps_is_named_and_the_old_file_kept(store, out, monkeypatch):
    tmp_path = out
    target = tmp_path / "r1.xlsx"
    target.write_bytes(b"old")
    real_replace = os.replace

    def locked(src, dst):  # what Windows does while WPS holds the file open
        if str(dst) == str(target):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileWriteError) as exc:
        export.export_report(store, "summary", "2026-10", "xlsx", target)
    assert "r1.xlsx" in exc.value.message and "WPS" in exc.value.message
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["r1.xlsx"]


class _CancelAfter:
    def __init__(self, n: int):
        self.n, self.cancelled, self.messages = n, False, []

    def progress(self, fraction: float, message: str) -> None:
        self.messages.append(message)
        if len(self.messages) >= self.n:
            self.cancelled = True


@pytest.mark.parametrize("after", [3, 16, 30, 40])
def test_cancel_at_any_stage_leaves_no_file(demo_store, out, after):
    tmp_path = out
    with pytest.raises(Cancelled):
        export.export_set(demo_store, "2026-10", tmp_path, TEST_ACTOR, job=_CancelAfter(after))
    assert list(tmp_path.iterdir()) == []


def test_sheet_names_are_cleaned_and_the_unreached_list_of_a_slashed_title_exports(tmp_path):
    taken: set[str] = set()
    first = clean_sheet_name("2026/2027年度医保缴费通知: 请于[12月]前*缴费?\\全村", taken)
    assert first == "2026_2027年度医保缴费通知_ 请于_12月_前_缴费_" and len(first) == 31 and not set("\\/?*[]:") & set(first)
    second = clean_sheet_name("2026/2027年度医保缴费通知: 请于[12月]前*缴费?\\全村", taken)
    assert second.endswith("(2)") and len(second) <= 31 and second != first
    assert len(clean_sheet_name("长" * 40)) == 31 and clean_sheet_name("'':") == "_"
    from villagedesk.reports.unreached import UnreachedLine, build_table

    table = build_table("2026/2027年度城乡居民医保缴费", "2026-11-01 09:00",
                        [UnreachedLine("张家湾", "3 号", "张三", "13800000000")], "河东镇 桂花村", "50%")
    ws = load_workbook(write_xlsx(table, tmp_path / "u.xlsx")).active
    assert "/" not in ws.title and ws["A1"].value.endswith("2026/2027年度城乡居民医保缴费")


def test_user_text_is_never_a_formula(tmp_path):
    table = ReportTable("t", "u", "p", [Column("姓名"), Column("数", "int")],
                        [["=HYPERLINK(\"http://x\",\"点我\")", 1], ["+1+1", 2], ["-2", 3], ["@SUM(A1)", 4]])
    ws = load_workbook(write_xlsx(table, tmp_path / "f.xlsx")).active
    texts = [ws.cell(r, 1) for r in range(4, 8)]
    assert [c.value for c in texts] == ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2", "@SUM(A1)"]
    assert all(c.data_type == "s" and c.quotePrefix for c in texts)
    wb = new_workbook(write_only=False)
    cell = put_text(wb.active["A1"], "=1+1\x07")
    assert cell.value == "=1+1" and cell.data_type == "s" and cell.quotePrefix
