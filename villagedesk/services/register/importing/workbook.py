"""Opening a roster workbook safely: refuse what is not an xlsx, encrypted, a zip bomb, a DTD, empty or far too wide."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.register.roster import MAX_COLUMNS, MAX_ROWS, auto_mapping, find_header_row

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
FILE_FIELD = "文件"
# The zip directory is read before openpyxl opens anything: a roster of MAX_ROWS rows fits well within these.
MAX_PART_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PARTS = 2000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
_PROLOG_LIMIT = 64 * 1024
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


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
    _check_parts(path)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def _check_parts(path: Path) -> None:
    """Sizes from the zip directory (zipfile never inflates a part past its declared size), then each XML part's
    prolog: OOXML has no DTD, so a DOCTYPE or ENTITY (XXE, billion laughs) is refused before any parser sees it."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise ValidationError(FILE_FIELD, f"“{name}”里有 {len(infos):,} 个部件，不像花名册工作簿，未导入")
            for info in infos:
                if info.file_size > MAX_PART_BYTES:
                    raise ValidationError(FILE_FIELD, f"“{name}”中的 {info.filename} 解压后有 {_mb(info.file_size)}，"
                                          f"超过花名册工作簿的上限 {_mb(MAX_PART_BYTES)}（文件异常或是恶意的压缩炸弹），"
                                          "未导入；请把花名册另存为新文件，或分成几个文件后再导入")
            total = sum(i.file_size for i in infos)
            if total > MAX_TOTAL_BYTES:
                raise ValidationError(FILE_FIELD, f"“{name}”解压后共有 {_mb(total)}，超过花名册工作簿的上限 "
                                      f"{_mb(MAX_TOTAL_BYTES)}（文件异常或是恶意的压缩炸弹），未导入")
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")) and _has_dtd(z, info):
                    raise ValidationError(FILE_FIELD, f"“{name}”中的 {info.filename} 含有 XML 文档类型定义（DTD/实体），"
                                          "正常的 Excel 工作簿不会有，可能是恶意文件，未导入")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise ValidationError(FILE_FIELD, f"“{name}”无法作为 .xlsx 工作簿打开（文件可能已损坏）：{exc}") from None


def _has_dtd(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (everything before its root element) declares a DOCTYPE or an ENTITY."""
    with z.open(info) as fh:
        head = fh.read(_PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\0" or head[:1] == b"\0":
        head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        return True
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.S)
    return _ELEMENT.search(body) is None and len(head) >= _PROLOG_LIMIT  # a prolog this long hides something


def _sheets_with_formulas(path: Path) -> bool:
    """Whether any worksheet part has a formula element (the parts were size-checked already)."""
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with z.open(info) as fh:
                    tail = b""
                    while chunk := fh.read(1 << 20):
                        if _FORMULA.search(tail + chunk):
                            return True
                        tail = chunk[-64:]
    return False


def _open(path: Path, data_only: bool = True, checked: bool = False):
    from openpyxl import load_workbook

    if not checked:
        _check_file(path)
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ValidationError(FILE_FIELD, f"“{path.name}”无法作为 .xlsx 工作簿打开（文件可能已损坏）：{exc}") from None


def sheet_names(path: str | Path) -> list[str]:
    wb = _open(Path(path))
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_sheet(path: str | Path, sheet: str | None = None) -> SheetData:
    """Read a sheet (the first if none named), find its header row below any merged title rows.

    Every row is read whatever the sheet's <dimension> says (WPS and others leave a stale or A1:A1 one)."""
    path = Path(path)
    wb = _open(path)
    try:
        name = sheet or wb.sheetnames[0]
        if name not in wb.sheetnames:
            raise ValidationError("工作表", f"“{path.name}”中没有名为“{name}”的工作表")
        raw = _rows(path, wb[name], name)
    finally:
        wb.close()
    if raw and _sheets_with_formulas(path):
        _refuse_uncached_formulas(path, name, raw)
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


def _rows(path: Path, ws, name: str) -> list[tuple]:
    """Every row of the sheet, padded to one width; a damaged part or an oversized cell refused in Chinese."""
    from openpyxl.utils import get_column_letter

    ws.reset_dimensions()
    raw: list[tuple] = []
    try:
        for values in ws.iter_rows(values_only=True):
            if len(values) > MAX_COLUMNS and any(v not in (None, "") for v in values[MAX_COLUMNS:]):
                width = max(i for i, v in enumerate(values, 1) if v not in (None, ""))
                raise ValidationError("工作表", f"“{name}”有 {width} 列，超过花名册的上限 {MAX_COLUMNS} 列；"
                                      "请检查是否选错了工作表，或删去无关的列")
            for col, v in enumerate(values, 1):
                if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                    raise ValidationError("工作表", f"“{name}”第 {len(raw) + 1} 行 {get_column_letter(col)} 列有 "
                                          f"{len(v):,} 个字，超过 Excel 单元格的上限 {MAX_CELL_CHARS:,} 字，未导入")
            raw.append(values[:MAX_COLUMNS])
            if len(raw) > MAX_ROWS + 50:
                raise ValidationError("工作表", f"“{name}”超过 {MAX_ROWS:,} 行，请分成几个文件导入")
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet part: expat, zlib or openpyxl errors, never a traceback
        raise ValidationError(FILE_FIELD, f"“{path.name}”的工作表“{name}”无法读取（文件可能已损坏）："
                              f"{type(exc).__name__}") from None
    width = max((len(r) for r in raw), default=0)
    return [r + (None,) * (width - len(r)) for r in raw]


def _refuse_uncached_formulas(path: Path, name: str, raw: list[tuple]) -> None:
    """A formula whose result the file does not keep (written by a program that never calculated it) reads as
    empty: name it, rather than import a blank where the sheet shows a value."""
    from openpyxl.utils import get_column_letter

    wb = _open(path, data_only=False, checked=True)
    try:
        ws = wb[name]
        ws.reset_dimensions()
        found = []
        for r, formulas in enumerate(ws.iter_rows(values_only=True, max_row=len(raw)), 1):
            for c, f in enumerate(formulas[:MAX_COLUMNS], 1):
                if isinstance(f, str) and f.startswith("=") and c <= len(raw[r - 1]) and raw[r - 1][c - 1] is None:
                    found.append(f"第 {r} 行 {get_column_letter(c)} 列（{f[:40]}）")
            if len(found) >= 5:
                break
    except Exception as exc:
        raise ValidationError(FILE_FIELD, f"“{path.name}”的工作表“{name}”无法读取（文件可能已损坏）："
                              f"{type(exc).__name__}") from None
    finally:
        wb.close()
    if found:
        raise ValidationError("工作表", f"“{name}”中有公式没有保存计算结果：{'、'.join(found)}。"
                              "请在 Excel 或 WPS 中打开、保存后再导入，或把这些公式复制后“粘贴为数值”")
