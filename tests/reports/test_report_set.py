"""The report set as the township receives it: report 1 equals `stats --json`, every file shows the screen's
figures, LibreOffice opens every workbook, no Calibri, only the bundled font in the PDFs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from tests.conftest import TEST_ACTOR
from villagedesk import cli
from villagedesk.reports.table import format_cell
from villagedesk.services.reports import building, export
from villagedesk.services.reports.export import single_name

PERIODS = ["2026-10", "2026-Q3", "2026", "2026-10-01..2026-10-15", "2025-11", "last-month"]


def _stats_json(capsys, db, period: str) -> dict:
    assert cli.main(["--db", str(db), "stats", "--json", "--period", period]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("period", PERIODS)
def test_every_figure_of_report_1_equals_stats_json(exported_set, capsys, tmp_path, period):
    _, store, db = exported_set
    expected = _stats_json(capsys, db, period)
    path = export.export_report(store, "summary", period, "xlsx", tmp_path / "r1.xlsx", TEST_ACTOR)
    ws = load_workbook(path).active
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1] and re.fullmatch(r"[a-z_.]+", str(r[1]))}
    checked = 0
    for name, value in expected.items():
        if name == "workers_by_source":
            for source, count in value.items():
                assert rows[f"{name}.{source}"][2] == count
                checked += 1
            continue
        cell = rows[name][2]
        if value is None:
            assert cell == "—", name
        elif name.endswith(("_rate", "_share")):
            assert cell == pytest.approx(round(value * 100, 2)), name
        else:
            assert cell == value, name
        checked += 1
    assert checked == len(expected) + 2  # the three sources stand for one key
    last_year = _stats_json(capsys, db, building.period_of(period).same_period_last_year().label)
    assert rows["visits"][3] == last_year["visits"] and rows["visits"][4] == expected["visits"] - last_year["visits"]


def _body(ws, table) -> list[tuple]:
    """The sheet's rows between the column-code row and the notes, as the table has them."""
    values = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(values) if list(r[:len(table.codes)]) == table.codes) + 1
    n = len(table.rows) + (table.totals is not None)
    return values[start:start + n]


def _same(cell, value) -> bool:
    if value is None or value == "":
        return cell in (None, "")
    if isinstance(value, float):
        return cell == pytest.approx(value)
    return cell == value


def test_each_sheet_and_single_file_reopens_with_the_screens_figures(exported_set):
    result, _, _ = exported_set
    book = load_workbook(result.folder / f"{result.folder.name}_报表全套.xlsx")
    assert len(book.sheetnames) == len(result.tables) == 13
    for ws, table in zip(book.worksheets, result.tables, strict=True):
        single = load_workbook(result.folder / single_name(table, "xlsx")).active
        for sheet in (ws, single):
            body = _body(sheet, table)
            for got, want in zip(body, table.rows + ([table.totals] if table.totals else []), strict=True):
                assert all(_same(c, v) for c, v in zip(got, want, strict=False)), (table.title, got, want)
            assert sheet.freeze_panes and sheet.print_title_rows and sheet.page_setup.fitToWidth == 1
        assert ws["A6"].value == table.title or table.title in [c.value for c in ws[6]]


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_each_pdf_shows_the_screens_figures_and_counts_pages(exported_set):
    result, _, _ = exported_set
    combined = _pdftotext(result.folder / f"{result.folder.name}_报表全套.pdf")
    for table in result.tables:
        text = _pdftotext(result.folder / single_name(table, "pdf"))
        assert table.title in text and table.form.number in text and re.search(r"第\s*1\s*页\s*共", text)
        figures = [format_cell(v, c.kind) for row in table.rows[:30] for v, c in zip(row, table.columns, strict=True)
                   if c.kind in ("int", "money", "figure") and isinstance(v, (int, float))]
        for figure in figures:
            assert figure in text, (table.title, figure)
        assert table.title in combined
    summary = result.tables[0]
    visits = next(r for r in summary.rows if r[1] == "visits")
    assert re.search(rf"入户走访\s+visits\s+{visits[2]:,}", combined)


def test_no_workbook_names_calibri_and_every_pdf_embeds_only_the_bundled_font(exported_set):
    result, _, _ = exported_set
    for xlsx in result.folder.glob("*.xlsx"):
        with zipfile.ZipFile(xlsx) as z:
            styles = z.read("xl/styles.xml").decode("utf-8")
        assert "Calibri" not in styles and "宋体" in styles and "黑体" in styles, xlsx.name
    for pdf in result.folder.glob("*.pdf"):
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        fonts = [line.split() for line in out.splitlines()[2:]]
        assert fonts and all(f[0].endswith("WenQuanYiMicroHei-0") and f[-5] == "yes" for f in fonts), (pdf.name, out)


def test_identity_numbers_are_masked_in_the_roster(exported_set):
    result, _, _ = exported_set
    roster = load_workbook(result.folder / single_name(result.tables[1], "xlsx")).active
    ids = [c for row in roster.iter_rows(values_only=True) for c in row if isinstance(c, str) and len(c) == 18
           and c[:6].isdigit()]
    assert ids and all("********" in c for c in ids)


def test_libreoffice_opens_every_workbook_of_the_set(exported_set, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is in TEST_DEBS: installer/dev.sh installs it"
    result, _, _ = exported_set
    books = sorted(result.folder.glob("*.xlsx"))
    run = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                          "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, books)],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    converted = {p.stem for p in (tmp_path / "pdf").glob("*.pdf")}
    assert converted == {b.stem for b in books}
    text = _pdftotext(tmp_path / "pdf" / f"{result.folder.name}_报表全套.pdf")
    assert "微网格治理工作情况月报" in text and "填报单位" in text


def test_a_period_without_records_prints_the_form_with_zeros(store, tmp_path):
    result = export.export_set(store, "2026-10", tmp_path, TEST_ACTOR)
    by_key = {t.key: t for t in result.tables}
    assert any("本期无新增" in str(v) for v in by_key["disputes"].rows[0])
    for key in ("visits", "emergencies", "notices", "points", "stock", "roster"):
        assert any("本期无数据" in str(v) for v in by_key[key].rows[0]), key
    assert by_key["disputes"].totals[9] == 0
    summary = {r[1]: r[2] for r in by_key["summary"].rows}
    assert summary["visits"] == 0 and summary["follow_up_rate"] == "—"
    ws = load_workbook(result.folder / single_name(by_key["disputes"], "xlsx")).active
    assert any("本期无新增" in str(c) for row in ws.iter_rows(values_only=True) for c in row)
