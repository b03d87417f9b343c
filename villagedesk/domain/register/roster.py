"""The columns of a household roster (花名册): names they go by, finding the header row, mapping headers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from villagedesk.domain.text import clean_text


@dataclass(frozen=True)
class RosterField:
    key: str
    title: str
    aliases: tuple[str, ...]
    required: bool = False


ROSTER_FIELDS: tuple[RosterField, ...] = (
    RosterField("household_key", "户编号", ("户编号", "户号", "户序号", "家庭编号", "户代码")),
    RosterField("grid", "网格", ("网格", "所属网格", "微网格", "网格名称")),
    RosterField("hamlet", "湾（自然村）", ("湾", "湾（自然村）", "自然湾", "湾（沟、院）", "湾沟院", "自然村", "院落", "所在湾", "居住湾"),
                required=True),
    RosterField("group_name", "组", ("组", "村民小组", "小组", "组别", "所在组")),
    RosterField("house_number", "门牌号", ("门牌号", "门牌", "门牌号码", "住址门牌")),
    RosterField("name", "姓名", ("姓名", "成员姓名", "人员姓名"), required=True),
    RosterField("relation", "与户主关系", ("与户主关系", "关系", "家庭关系", "与户主的关系"), required=True),
    RosterField("id_number", "身份证号", ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"), required=True),
    RosterField("sex", "性别", ("性别",)),
    RosterField("birth_date", "出生日期", ("出生日期", "出生年月", "出生年月日", "生日")),
    RosterField("phone", "联系电话", ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式")),
    RosterField("residence_status", "居住状态", ("居住状态", "在家情况", "是否外出", "常住情况", "居住情况")),
    RosterField("party_member", "党员", ("党员", "是否党员", "政治面貌")),
    RosterField("categories", "重点人群", ("重点人群", "人群类别", "特殊人群", "重点人群类别")),
    RosterField("insurance", "医保参保", ("医保参保", "是否参保", "医保", "参保情况", "医保参保情况")),
    RosterField("notes", "备注", ("备注", "说明")),
)
FIELDS_BY_KEY = {f.key: f for f in ROSTER_FIELDS}
MAX_COLUMNS = 60
MAX_ROWS = 100_000
HEADER_SCAN_ROWS = 20


def normalise_header(value: object) -> str:
    """'  公民身份\\n号码（必填）* ' → '公民身份号码'."""
    text = clean_text(value).replace(" ", "")
    text = re.sub(r"[（(]\s*(必填|选填|可选|可不填)\s*[)）]|[*＊]", "", text)
    return text


def field_for_header(header: object) -> str | None:
    text = normalise_header(header)
    if not text:
        return None
    for key, aliases in _NORMALISED:
        if text in aliases:
            return key
    for key, aliases in _NORMALISED:  # a longer header that starts with a name: "身份证号码（18位）"
        if any(len(a) >= 2 and text.startswith(a) for a in aliases):
            return key
    return None


_NORMALISED = [(f.key, tuple(normalise_header(a) for a in f.aliases)) for f in ROSTER_FIELDS]


def find_header_row(rows: list[tuple]) -> int | None:
    """Index (0-based) of the row that names most roster columns, among the first rows; title rows above it."""
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = {field_for_header(v) for v in row} - {None}
        if {"name", "id_number"} & keys and len(keys) >= 3 and len(keys) > best_score:
            best, best_score = i, len(keys)
    return best


def auto_mapping(headers: Sequence[object]) -> dict[str, int]:
    """field key → column index (0-based), first matching column wins."""
    mapping: dict[str, int] = {}
    for col, header in enumerate(headers):
        key = field_for_header(header)
        if key and key not in mapping:
            mapping[key] = col
    return mapping


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
