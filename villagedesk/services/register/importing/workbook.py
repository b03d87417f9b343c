"""Opening a roster workbook safely: refuse what is not an xlsx, encrypted, empty or far too wide."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.register.roster import MAX_COLUMNS, MAX_ROWS, auto_mapping, find_header_row

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
FILE_FIELD = "文件"


@dataclass
class SheetData:
    """One sheet read into memory: its header row found, and the rows below it."""

    path: str
    sheet: str
    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    rows: list[tuple[int, tuple]]  # (1-based row number, cell values) of the non-empty rows below the header
    mapping: dict[str, int] = field(default_factory=dict)  # field key → 0-based column, guessed from headers


def _check_file(path: Path) -> None:
    name = path.name
    if not path.exists():
        raise ValidationError(FILE_FIELD, f"找不到“{path}”")
    if path.is_dir():
        raise ValidationError(FILE_FIELD, f"“{name}”是文件夹，请选择 .xlsx 文件")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        data = path.read_bytes()
        if _ENCRYPTED_MARK in data:
            raise ValidationError(FILE_FIELD, f"“{name}”设置了打开密码（已加密），无法读取；请在 Excel 中取消密码、"
                                  "另存为 .xlsx 后再导入")
        raise ValidationError(FILE_FIELD, f"“{name}”是旧版 Excel（.xls）格式，请在 Excel 中“另存为” .xlsx 后再导入")
    if not zipfile.is_zipfile(path):
        raise ValidationError(FILE_FIELD, f"“{name}”不是 Excel 工作簿（.xlsx），请选择 .xlsx 文件")


def _open(path: Path):
    from openpyxl import load_workbook

    _check_file(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ValidationError(FILE_FIELD, f"“{path.name}”无法作为 .xlsx 工作簿打开（文件可能已损坏）：{exc}") from None


def sheet_names(path: str | Path) -> list[str]:
    wb = _open(Path(path))
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_sheet(path: str | Path, sheet: str | None = None) -> SheetData:
    """Read a sheet (the first if none named), find its header row below any merged title rows."""
    path = Path(path)
    wb = _open(path)
    try:
        name = sheet or wb.sheetnames[0]
        if name not in wb.sheetnames:
            raise ValidationError("工作表", f"“{path.name}”中没有名为“{name}”的工作表")
        ws = wb[name]
        raw: list[tuple] = []
        for values in ws.iter_rows(values_only=True):
            if len(values) > MAX_COLUMNS and any(v not in (None, "") for v in values[MAX_COLUMNS:]):
                width = max(i for i, v in enumerate(values, 1) if v not in (None, ""))
                raise ValidationError("工作表", f"“{name}”有 {width} 列，超过花名册的上限 {MAX_COLUMNS} 列；"
                                      "请检查是否选错了工作表，或删去无关的列")
            raw.append(values)
            if len(raw) > MAX_ROWS + 50:
                raise ValidationError("工作表", f"“{name}”超过 {MAX_ROWS:,} 行，请分成几个文件导入")
    finally:
        wb.close()
    while raw and all(v in (None, "") for v in raw[-1]):
        raw.pop()
    if not raw:
        raise ValidationError("工作表", f"“{name}”是空的，没有任何内容")
    header_index = find_header_row(raw)
    if header_index is None:
        raise ValidationError("表头", f"在“{name}”的前 20 行中找不到表头（应有“姓名”“身份证号”“与户主关系”等列名）")
    headers = ["" if v is None else str(v).strip() for v in raw[header_index]]
    rows = [(header_index + 2 + i, values) for i, values in enumerate(raw[header_index + 1:])
            if any(v not in (None, "") and str(v).strip() for v in values)]
    if not rows:
        raise ValidationError("工作表", f"“{name}”只有表头，没有数据行")
    return SheetData(str(path), name, header_index + 1, headers, rows, auto_mapping(headers))
