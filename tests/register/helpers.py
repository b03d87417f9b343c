"""Test data for the register: grids, valid identity numbers, and the messy and corrected roster workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import TEST_ACTOR
from villagedesk.domain.identity import check_digit
from villagedesk.domain.register.resident import ResidentDraft

GRIDS = (("01", "张家湾", "active"), ("02", "李家沟", "active"), ("03", "王家院", "active"),
         ("04", "杨家院", "active"), ("05", "老村委", "retired"))


def add_grids(store) -> dict[str, str]:
    """The grids of the test village: name → id (老村委 is retired)."""
    vid = store.scalar("SELECT id FROM villages")
    ids = {}
    with store.transaction():
        for code, name, status in GRIDS:
            ids[name] = store.insert("grids", {"village_id": vid, "code": code, "name": name, "status": status,
                                               "retired_on": "2025-01-01" if status == "retired" else None},
                                     TEST_ACTOR)
    return ids


def id_number(born: str, seq: int, sex: str = "男", region: str = "510903") -> str:
    """A valid 18-digit identity number for a birth date 'YYYY-MM-DD'."""
    odd = seq * 2 + (1 if sex == "男" else 0)
    first17 = f"{region}{born.replace('-', '')}{odd % 1000:03d}"
    return first17 + check_digit(first17)


def wrong_check(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def family(head: str, spouse: str, child: str, seq: int) -> list[ResidentDraft]:
    return [ResidentDraft(head, id_number("1961-03-02", seq), "户主", "13800001111"),
            ResidentDraft(spouse, id_number("1963-07-15", seq, "女"), "配偶"),
            ResidentDraft(child, id_number("1990-08-20", seq + 1), "子", "", "working_away")]


ROSTER_HEADERS = ("序号", "网格", "自然湾", "组", "门牌号", "姓名", "与户主关系", "公民身份号码", "性别", "出生日期",
                  "联系电话", "居住情况", "重点人群", "医保参保")

# People of the roster: (hamlet/grid, group, house, name, relation, born, sex, seq).
ZHANG = ("张家湾", "1", "3", "张建国", "户主", "1958-03-02", "男", 101)
LI = ("张家湾", "1", "3", "李秀英", "配偶", "1960-05-11", "女", 102)
HAO = ("张家湾", "1", "3", "张浩", "子", "1990-08-20", "男", 103)
SHAN = ("李家沟", "2", "7", "单雄", "户主", "1962-04-05", "男", 104)
ZENG = ("李家沟", "2", "7", "曾小芳", "女", "1995-10-01", "女", 105)
XIE = ("王家院", "3", "1", "解放", "户主", "1949-10-01", "男", 106)
OU = ("王家院", "3", "1", "区敏", "配偶", "1970-01-13", "女", 107)
QIU = ("杨家院", "1", "9", "仇英", "子", "1985-06-30", "男", 108)
QIU_FATHER = ("杨家院", "1", "9", "仇德", "户主", "1955-02-14", "男", 109)
PIAO = ("杨家院", "1", "12", "朴志", "户主", "1966-12-12", "男", 110)


def _row(i, person, *, id_value=None, born_value=None, phone="", residence="在家", categories="", insurance="已参保"):
    hamlet, group, house, name, relation, born, sex, seq = person
    number = id_number(born, seq, sex)
    return (i, hamlet, hamlet, group, house, name, relation, number if id_value is None else id_value, sex,
            born if born_value is None else born_value, phone, residence, categories, insurance)


def _write(path: Path, rows: list[tuple]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    n = len(ROSTER_HEADERS)
    ws.cell(1, 1, "桂花村农户花名册（2026 年）")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(2, 1, "填报单位：桂花村村民委员会　　填报日期：2026 年 3 月")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    for c, title in enumerate(ROSTER_HEADERS, 1):
        ws.cell(3, c, title)
    for r, row in enumerate(rows, 4):
        for c, value in enumerate(row, 1):
            ws.cell(r, c, value)
    wb.create_sheet("说明").cell(1, 1, "本表由村委会填报")
    wb.save(path)
    return path


def messy_roster(path: Path) -> Path:
    """Merged title rows, an identity number stored as a number, mixed date formats, a duplicate person, …"""
    rows = [
        _row(1, ZHANG, born_value=dt.datetime(1958, 3, 2), phone="１３８ ０００２ ２２２２"),  # full-width, spaces
        _row(2, LI, id_value=float(id_number("1960-05-11", 102, "女"))),  # row 5: Excel made it a number
        _row(3, HAO, id_value=" " + id_number("1990-08-20", 103)[:10] + " " + id_number("1990-08-20", 103)[10:] + " ",
             born_value="1990.08.20", residence="外出务工"),  # stray spaces, dotted date: fine
        _row(4, SHAN, born_value="1962年4月5日", categories="低保、残疾人"),
        _row(5, ZENG, id_value=wrong_check(id_number("1995-10-01", 105, "女")), born_value="1995/10/1"),  # row 8
        _row(6, SHAN, born_value="1962-04-05"),  # row 9: the same person again
        _row(7, XIE, id_value="5.10903E+17"),  # row 10: scientific notation as text
        _row(8, OU, born_value="1970/13/01"),  # row 11: no 13th month
        _row(9, QIU),  # row 12: 杨家院 1组 9号 has no head
        _row(10, PIAO),  # row 13: already in the register (the test registers him first)
    ]
    return _write(path, rows)


MESSY_PROBLEMS = {  # (row, column) → a word the message must contain
    (5, "H 列（公民身份号码）"): "数字",
    (8, "H 列（公民身份号码）"): "校验位",
    (9, "H 列（公民身份号码）"): "与第 7 行重复",
    (10, "H 列（公民身份号码）"): "科学计数法",
    (11, "J 列（出生日期）"): "不是有效日期",
    (12, "G 列（与户主关系）"): "没有户主",
    (13, "H 列（公民身份号码）"): "已登记在",
}


def corrected_roster(path: Path) -> Path:
    """The same roster with every problem put right: 4 households, 9 residents."""
    rows = [
        _row(1, ZHANG, born_value=dt.datetime(1958, 3, 2), phone="１３８ ０００２ ２２２２"),
        _row(2, LI, born_value="1960-5-11"),
        _row(3, HAO, born_value="1990.08.20", residence="外出务工", insurance="未参保"),
        _row(4, SHAN, born_value="1962年4月5日", categories="低保、残疾人"),
        _row(5, ZENG, born_value="1995/10/1", insurance="无需参保"),
        _row(6, XIE, categories="独居老人"),
        _row(7, OU, born_value="1970-01-13"),
        _row(8, QIU_FATHER),
        _row(9, QIU),
    ]
    return _write(path, rows)


CORRECTED = {"households": 4, "residents": 9, "key_population": 2, "enrolled": 7, "exempt": 1}
