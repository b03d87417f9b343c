"""Workbooks from the outside world: a stale <dimension>, a zip bomb, a huge cell, XML entity tricks and formulas
without cached values are read in full or refused in Chinese, before anything is written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import TEST_ACTOR as ACTOR
from tests.register.helpers import CORRECTED, corrected_roster
from tests.register.test_import import _counts
from villagedesk.domain.errors import ValidationError
from villagedesk.services.register import importing

SHEET = "xl/worksheets/sheet1.xml"


def _rewrite(path: Path, changes: dict[str, bytes | None], out: Path | None = None) -> Path:
    """The workbook with some parts replaced (or, with a callable value, edited) as another program might."""
    out = out or path.with_name("x-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            change = changes.get(info.filename, data)
            dst.writestr(info.filename, change(data) if callable(change) else change)
    return out


def _with_dimension(path: Path, ref: str) -> Path:
    return _rewrite(path, {SHEET: lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(),
                                                     xml)})


def _file_rows(path: Path) -> int:
    """Data rows below the three title and header rows, as Excel itself (full load) sees them."""
    return load_workbook(path).active.max_row - 3


@pytest.mark.parametrize("ref", ["A1:A1", "A1:N8", "A1"])
def test_a_stale_dimension_still_reads_every_row(store, grids, tmp_path, ref):
    good = corrected_roster(tmp_path / "花名册.xlsx")
    stale = _with_dimension(good, ref)
    assert f'<dimension ref="{ref}"'.encode() in zipfile.ZipFile(stale).read(SHEET)
    sheet = importing.read_sheet(stale)
    assert len(sheet.rows) == _file_rows(good) == CORRECTED["residents"]  # the preview's count is the file's
    preview, result = importing.import_file(store, ACTOR, stale)
    assert preview.problems == [] and (result.households, result.residents) == (4, 9)


def _bomb(path: Path, megabytes: int, part: str = "xl/sharedStrings.xml") -> Path:
    """A real zip bomb: a part of `megabytes` of repeated XML, compressed about a thousandfold."""
    good = corrected_roster(path.with_name("seed.xlsx"))
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info.filename, src.read(info))
        with dst.open(part, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main">')
            chunk = b"<si><t>AAAAAAAAAAAAAAAAAAAAAAAA</t></si>" * (1 << 15)
            for _ in range(megabytes * (1 << 20) // len(chunk)):
                fh.write(chunk)
            fh.write(b"</sst>")
    return path


def test_a_zip_bomb_is_refused_from_the_zip_directory_and_nothing_changes(store, grids, tmp_path):
    bomb = _bomb(tmp_path / "花名册.xlsx", 200)
    assert bomb.stat().st_size < 2_000_000
    before = _counts(store)
    with pytest.raises(ValidationError) as exc:
        importing.import_file(store, ACTOR, bomb)
    assert exc.value.field == "文件" and "xl/sharedStrings.xml 解压后有" in exc.value.message
    assert "压缩炸弹" in exc.value.message and "未导入" in exc.value.message
    assert _counts(store) == before


def test_a_400_mb_cell_is_refused(tmp_path):
    good = corrected_roster(tmp_path / "seed.xlsx")
    path = tmp_path / "大单元格.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info))
        xml = src.read(SHEET)
        head, tail = xml.split(b"</sheetData>")
        with dst.open(SHEET, "w", force_zip64=True) as fh:
            fh.write(head + b'<row r="20"><c r="A20" t="inlineStr"><is><t>')
            for _ in range(400):
                fh.write(b"A" * (1 << 20))
            fh.write(b"</t></is></c></row></sheetData>" + tail)
    with pytest.raises(ValidationError, match=r"worksheets/sheet1.xml 解压后有 400 MB"):
        importing.read_sheet(path)


def test_a_cell_longer_than_excel_allows_is_refused_by_row_and_column(tmp_path):
    good = corrected_roster(tmp_path / "seed.xlsx")
    path = _rewrite(good, {SHEET: lambda xml: xml.replace(b"</sheetData>", b'<row r="20"><c r="K20" t="inlineStr">'
                                                         b"<is><t>" + b"9" * 40_000 + b"</t></is></c></row>"
                                                         b"</sheetData>")})
    with pytest.raises(ValidationError) as exc:
        importing.read_sheet(path)
    assert "第 20 行 K 列有 40,000 个字，超过 Excel 单元格的上限 32,767 字" in exc.value.message


XXE = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode() for p, c in zip("abcdefgh", "bcdefghi", strict=True))
          + b"]>")


@pytest.mark.parametrize("prolog, part", [(XXE, "xl/styles.xml"), (LAUGHS, "xl/styles.xml"),
                                          (LAUGHS, SHEET), (XXE, "xl/workbook.xml"),
                                          (LAUGHS.decode().encode("utf-16"), SHEET)],
                         ids=["xxe-styles", "laughs-styles", "laughs-sheet", "xxe-workbook", "laughs-utf16"])
def test_xml_entity_tricks_are_refused_in_chinese(store, grids, tmp_path, prolog, part):
    good = corrected_roster(tmp_path / "seed.xlsx")

    def poison(xml: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
        if prolog.startswith(b"\xff\xfe"):
            return prolog + body.decode().encode("utf-16-le")
        return prolog + body

    path = _rewrite(good, {part: poison})
    before = _counts(store)
    with pytest.raises(ValidationError) as exc:
        importing.import_file(store, ACTOR, path)
    assert exc.value.field == "文件" and f"{part} 含有 XML 文档类型定义" in exc.value.message
    assert _counts(store) == before


def test_a_damaged_sheet_part_is_a_chinese_refusal_not_a_traceback(tmp_path):
    good = corrected_roster(tmp_path / "seed.xlsx")
    path = _rewrite(good, {SHEET: lambda xml: xml.replace(b"</sheetData>", b"<row><c><v>1</c></row></sheetData>")})
    with pytest.raises(ValidationError, match="无法读取（文件可能已损坏）"):
        importing.read_sheet(path)


def test_formulas_without_cached_values_are_named_as_formulas(tmp_path):
    good = corrected_roster(tmp_path / "seed.xlsx")
    wb = load_workbook(good)
    wb["花名册"]["K6"] = '=CONCAT("138", "00011111")'  # openpyxl keeps no result, as some generators do
    wb.save(tmp_path / "公式.xlsx")
    with pytest.raises(ValidationError) as exc:
        importing.read_sheet(tmp_path / "公式.xlsx")
    assert '公式没有保存计算结果：第 6 行 K 列（=CONCAT("138", "00011111")）' in exc.value.message
    # the same formula with its result saved (as Excel and WPS do) reads as its value
    cached = _rewrite(tmp_path / "公式.xlsx", {SHEET: lambda xml: xml.replace(
        b'<f>CONCAT("138", "00011111")</f><v />', b'<f>CONCAT("138", "00011111")</f><v>13800011111</v>')})
    sheet = importing.read_sheet(cached)
    assert 13800011111 in sheet.rows[2][1]


@pytest.mark.slow
def test_importing_a_gigabyte_zip_bomb_stays_under_500_mb(store, grids, tmp_path, db_path):
    """The issue's bomb (a small file that inflated to 2.9 GB in 290 s), imported by the command line in its own
    process: refused from the zip directory, peak memory of the whole process asserted."""
    bomb = _bomb(tmp_path / "炸弹.xlsx", 1536)
    assert bomb.stat().st_size < 5_000_000
    # ru_maxrss would not do: Linux carries it over from the forked pytest parent across exec, so a full
    # run reported the parent's peak. VmHWM is this process's own high-water mark.
    probe = ("import json, sys\n"
             "from villagedesk import cli\n"
             "code = cli.main(sys.argv[1:])\n"
             "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
             "print(json.dumps({'rc': code, 'peak_kb': int(hwm.split()[1])}))\n")
    done = subprocess.run([sys.executable, "-c", probe, "--db", str(db_path), "import", "households", str(bomb),
                           "--user", ACTOR.name], capture_output=True, text=True, timeout=300)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rc"] != 0 and "压缩炸弹" in done.stderr and "Traceback" not in done.stderr
    assert result["peak_kb"] < 500 * 1024, result
