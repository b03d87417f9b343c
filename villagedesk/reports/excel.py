"""Render ReportTables to xlsx the way a township expects on paper, and the cell/sheet helpers every export shares.

Helpers for any export: `new_workbook` (宋体 as the workbook's default, never Calibri), `put_text` (user text
always text, a leading = + - @ neutralised), `clean_sheet_name` (no \\ / ? * [ ] :, ≤ 31 characters, unique).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from villagedesk.reports.atomic import write_atomically
from villagedesk.reports.table import ReportTable

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
FORMULA_LEADS = ("=", "+", "-", "@")
_FORMATS = {"int": "#,##0", "money": "#,##0.00", "rate": "0.0%", "date": "yyyy-mm-dd", "number": "#,##0.0",
            "code": "@", "text": "@", "sign": "@",
            "figure": "General"}
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NAME_BAD = re.compile(r"[\\/?*\[\]:]")
SIGN_ROW_HEIGHT = 28  # points: room to sign in a 签字 column
_FIGURES = {"int", "money", "rate", "number", "figure"}


# -- helpers shared by every export --------------------------------------------------------------

def new_workbook(write_only: bool = True) -> Workbook:
    """A workbook whose default (Normal) style is 宋体, so styles.xml never names Calibri."""
    wb = Workbook(write_only=write_only)
    body = Font(name=BODY_FONT, sz=11, family=3, charset=134)
    wb._fonts = IndexedList([body])  # index 0 is the default font every unstyled cell uses
    for style in wb._named_styles:
        style.font = body
    if not write_only:
        wb.active.sheet_format.defaultRowHeight = 15
    return wb


def text_value(value: Any) -> str:
    """User text as it may go into a cell: XML-illegal control characters removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def put_text(cell, value: Any) -> Any:
    """Write `value` into an openpyxl cell as text, never as a formula: a leading = + - @ is kept but
    quoted (quotePrefix), so neither Excel nor WPS evaluates it, even after the user edits the cell."""
    text = text_value(value)
    cell._value = text  # set as text directly: the value setter would guess types (and formulas) first
    cell.data_type = "s"
    if text.startswith(FORMULA_LEADS):
        cell.quotePrefix = True
    return cell


def clean_sheet_name(name: str, taken: set[str] | None = None) -> str:
    """Excel's rules: none of \\ / ? * [ ] :, not blank, at most 31 characters, unique in the workbook
    (case-insensitively); a leading or trailing apostrophe is dropped."""
    text = _NAME_BAD.sub("_", text_value(name)).strip().strip("'") or "Sheet"
    text = text[:31]
    if taken is None:
        return text
    lowered = {t.lower() for t in taken}
    candidate, n = text, 1
    while candidate.lower() in lowered:
        n += 1
        suffix = f"({n})"
        candidate = text[:31 - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


# -- rendering a ReportTable ---------------------------------------------------------------------

def write_xlsx(table: ReportTable, path: str | Path) -> Path:
    """One table, one sheet; written atomically (temp file, then rename)."""
    return write_workbook([table], path)


def write_workbook(tables: Iterable[ReportTable], path: str | Path,
                   before_sheet: Callable[[int, ReportTable], None] | None = None) -> Path:
    """Several tables, a sheet each. `before_sheet` may raise (a cancel): no file is left behind."""
    tables = list(tables)

    def write(tmp: Path) -> None:
        wb = new_workbook()
        taken: set[str] = set()
        try:
            for i, table in enumerate(tables):
                if before_sheet is not None:
                    before_sheet(i, table)
                sheet = SheetWriter(wb, table, clean_sheet_name(table.sheet or table.title, taken))
                sheet.write()
                sheet.ws.close()  # finished: its rows are on disk, and a later cancel leaves no open writer
        except BaseException:
            for ws in wb.worksheets:  # the write-only sheets' temporary files
                if getattr(ws, "_writer", None) is not None:
                    ws._writer.cleanup()
            raise
        wb.save(tmp)
    return write_atomically(path, write)


class _ReportSheet(WriteOnlyWorksheet):
    """A write-only sheet fed rows of ready cells: openpyxl's `append` would first try every cell as a value
    and catch the ValueError, then make a fresh spare cell, for each of half a million cells."""

    def _values_to_row(self, values, row_idx):
        for column, cell in enumerate(values, 1):
            if cell is not None:
                cell.row, cell.column = row_idx, column
                yield cell


class _ReadyCell(Cell):
    """A cell that shares its prototype's style and knows its style id (openpyxl would hash the style into
    the workbook's list again for every cell written)."""

    __slots__ = ("style_id", "has_style")

    def __init__(self, ws, style, style_id: int, has_style: bool):
        self.parent, self._style, self.style_id, self.has_style = ws, style, style_id, has_style  # type: ignore[misc,assignment]
        self.row = self.column = None  # type: ignore[misc,assignment]
        self._value = self._hyperlink = self._comment = None  # type: ignore[misc,assignment]
        self.data_type = "n"  # type: ignore[misc,assignment]


class _Styles:
    """Style prototypes built once per sheet; cells share their style (and its id in the workbook)."""

    def __init__(self, ws):
        self.ws = ws
        self._cache: dict[str, list] = {}  # key -> [style, its id (taken on first use), has a style]

    def cell(self, value: Any, key: str, kind: str = "text") -> Cell:
        proto = self._cache.get(key + kind)
        if proto is None:
            style = self._make(key, kind)._style
            proto = self._cache[key + kind] = [style, None, any(style)]
        text = None
        if value is not None and value != "" and not (kind in _FIGURES and type(value) in (int, float)):
            text = text_value(value)
            if text.startswith(FORMULA_LEADS):  # quoted: a style of its own, the prototype's left as it is
                style = StyleArray(proto[0])
                style.quotePrefix = True
                cell = _ReadyCell(self.ws, style, self._style_id(style), True)
                cell._value, cell.data_type = text, "s"  # type: ignore[misc,assignment]
                return cell
        if proto[1] is None:
            proto[1] = self._style_id(proto[0])
        cell = _ReadyCell(self.ws, *proto)
        if text is not None:
            cell._value, cell.data_type = text, "s"  # type: ignore[misc,assignment]
        elif value is not None and value != "":
            cell._value = value  # type: ignore[misc,assignment]  # a plain number needs none of openpyxl's type guessing (data_type stays 'n')
        return cell

    def _style_id(self, style) -> int:
        # taken when the cell is made, in the order the cells are written: the ids openpyxl would give them
        return self.ws.parent._cell_styles.add(style) if any(style) else 0

    def _make(self, key: str, kind: str) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws)
        right = kind in _FIGURES
        if key == "title":
            c.font = Font(name=TITLE_FONT, sz=18)
            c.alignment = Alignment(horizontal="center", vertical="center")
        elif key in ("mark", "left", "centre", "right"):
            c.font = Font(name=BODY_FONT, sz=10)
            c.alignment = Alignment(horizontal={"mark": "left", "left": "left", "centre": "center",
                                                "right": "right"}[key], vertical="center")
        elif key in ("head", "code"):
            c.font = Font(name=TITLE_FONT if key == "head" else BODY_FONT, sz=10)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            c.border = BORDER
            if key == "head":
                c.fill = PatternFill("solid", fgColor="F2F2F2")
        elif key in ("body", "total"):
            c.font = Font(name=TITLE_FONT if key == "total" else BODY_FONT, sz=10)
            c.alignment = Alignment(horizontal="right" if right else "left", vertical="center",
                                    wrap_text=not right)
            c.border = BORDER
            c.number_format = _FORMATS.get(kind, "General")
        elif key == "note":
            c.font = Font(name=BODY_FONT, sz=10)
            c.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        return c


class SheetWriter:
    """Lays one ReportTable out on a write-only sheet: 法定标识 block, title, unit/period/measure line,
    header with column codes (frozen, repeated on printed pages), body, totals, notes and the tail."""

    def __init__(self, wb: Workbook, table: ReportTable, title: str):
        self.t = table
        self.ws = _ReportSheet(parent=wb, title=title)
        wb._add_sheet(self.ws)
        self.st = _Styles(self.ws)
        self.n = max(1, len(table.columns))
        self.row = 0

    def write(self) -> None:
        t, ws = self.t, self.ws
        # A write-only sheet writes its views, columns and sheet properties with the first row: set them first.
        header_first = (5 if t.form is not None else 0) + 2 + 1
        header_last = header_first + (1 if t.codes else 0)
        for c, col in enumerate(t.columns, 1):
            ws.column_dimensions[get_column_letter(c)].width = max(6, col.width * 1.8)
        ws.freeze_panes = f"A{header_last + 1}"
        ws.print_title_rows = f"{header_first}:{header_last}"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.orientation = "landscape" if t.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.oddFooter.center.font = BODY_FONT
        if t.form is not None:
            self._mark()
        self._line([(t.title, "title", 1, self.n)], height=32 if t.form else 24)
        self._unit_line()
        self._line([(col.title, "head", c, c) for c, col in enumerate(t.columns, 1)], height=30, each=True)
        if t.codes:
            self._line([(code, "code", c, c) for c, code in enumerate(t.codes, 1)], each=True)
        assert self.row == header_last, (self.row, header_last)
        height = SIGN_ROW_HEIGHT if t.signing else None
        for row in t.rows:
            self._data(row, "body", height)
        if t.totals is not None:
            self._data(t.totals, "total", None)
        if t.notes:
            self.row += 1
            self.ws.append([])  # a blank row between the table and its notes
        for note in t.notes:
            self._line([(note, "note", 1, self.n)], height=_note_height(note, self.t))
        self._tail()

    # -- pieces --
    def _mark(self) -> None:
        f = self.t.form
        assert f is not None  # only forms carry the 法定标识 block
        first = max(1, self.n - 2) if self.n >= 4 else 1
        for text in (f"表　　号：{f.number}", f"制表机关：{f.authority}", f"批准文号：{f.approval}",
                     f"有效期至：{f.valid_until}"):
            self._line([(text, "mark", first, self.n)])
        self._line([])

    def _unit_line(self) -> None:
        t, n = self.t, self.n
        unit, period = f"填报单位：{t.unit}", f"统计期：{t.period}"
        measure = f"计量单位：{t.form.measure}" if t.form is not None and t.form.measure else ""
        if n >= 3:
            a, b = max(1, n // 3), max(2, n - n // 3)
            self._line([(unit, "left", 1, a), (period, "centre", a + 1, b), (measure, "right", b + 1, n)])
        else:
            self._line([("　".join(x for x in (unit, period, measure) if x), "left", 1, n)])

    def _tail(self) -> None:
        t = self.t
        if t.form is not None:
            parts = [f"{label}：{name or '　' * 4}" for label, name in t.form.tail]
            parts.append(f"报出日期：{t.form.reported_on or '　' * 6}")
            self.row += 1
            self.ws.append([])  # a blank row between the notes and the names
            self._line([("　　".join(parts), "note", 1, self.n)], height=24)
        elif t.signatures:
            self._line([("　　　　".join(f"{s}：__________" for s in t.signatures), "note", 1, self.n)])

    def _line(self, pieces: list[tuple[Any, str, int, int]], height: float | None = None,
              each: bool = False) -> None:
        """One row of merged pieces (value, style, first column, last column); every cell of a merged
        range is written with the piece's style, so borders show on all of it."""
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        cells: list[Any] = [None] * self.n
        for value, key, first, last in pieces:
            if first > last:
                continue
            for c in range(first, last + 1):
                cells[c - 1] = self.st.cell(value if c == first else None, key)
            if last > first and not each:
                self.ws.merged_cells.add(f"{get_column_letter(first)}{self.row}:{get_column_letter(last)}{self.row}")
        self.ws.append(cells)

    def _data(self, row: list, key: str, height: float | None) -> None:
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append([self.st.cell(v, key, col.kind) for v, col in zip(row, self.t.columns, strict=True)])


def _note_height(note: str, table: ReportTable) -> float | None:
    width = sum(c.width for c in table.columns) * 1.8
    lines = max(1, int(len(note) * 2 / max(width, 1)) + 1)
    return 15 * lines if lines > 1 else None
