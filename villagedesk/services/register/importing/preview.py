"""The import preview: every row parsed and checked, every problem listed by row and column, nothing written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.identity import parse_identity
from villagedesk.domain.phone import validate_phone
from villagedesk.domain.register.categories import parse_categories, parse_insurance
from villagedesk.domain.register.dates import parse_date
from villagedesk.domain.register.household import address, clean_group, clean_house_number
from villagedesk.domain.register.resident import (
    HEAD,
    parse_relation,
    parse_residence_status,
    parse_yes_no,
    validate_name,
)
from villagedesk.domain.register.roster import FIELDS_BY_KEY, ROSTER_FIELDS, column_letter
from villagedesk.domain.text import clean_text
from villagedesk.services import village
from villagedesk.services.progress import Job, step
from villagedesk.services.register.importing.workbook import SheetData
from villagedesk.store.connection import Store
from villagedesk.store.register import households as repo


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # "D 列（身份证号）", or "" for a whole-row problem
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f" {self.column}" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class PlannedResident:
    row: int
    fields: dict  # the residents table's columns
    categories: list[str]
    insurance: str | None


@dataclass
class PlannedHousehold:
    key: str
    first_row: int
    grid_id: str | None = None
    hamlet: str = ""
    group_name: str = ""
    house_number: str = ""
    phone: str = ""
    grid_name: str = ""  # as written in the file's 网格 column
    members: list[PlannedResident] = field(default_factory=list)

    @property
    def head(self) -> PlannedResident | None:
        heads = [m for m in self.members if m.fields.get("relation") == HEAD]
        return heads[0] if len(heads) == 1 else None

    @property
    def address(self) -> str:
        return address(self.hamlet, self.group_name, self.house_number)


@dataclass
class ImportPreview:
    sheet: SheetData
    mapping: dict[str, int]
    year: int
    households: list[PlannedHousehold]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def residents(self) -> int:
        return sum(len(h.members) for h in self.households)

    @property
    def rows(self) -> int:
        return len(self.sheet.rows)


def preview_import(store: Store, sheet: SheetData, mapping: dict[str, int] | None = None, year: int | None = None,
                   default_grid_id: str | None = None, job: Job | None = None,
                   today: dt.date | None = None) -> ImportPreview:
    """Parse and check every row against the file itself and the register; nothing is written."""
    mapping = dict(sheet.mapping if mapping is None else mapping)
    year = year or (today or clock.today()).year
    problems: list[Problem] = []
    headers = sheet.headers
    missing = [f.title for f in ROSTER_FIELDS if f.required and f.key not in mapping]
    if missing:
        problems.append(Problem(sheet.header_row, "", f"表头缺少必需的列：{'、'.join(missing)}（可在“列对应”中指定）"))
        return ImportPreview(sheet, mapping, year, [], problems)

    def col(key: str) -> str:
        i = mapping[key]
        title = headers[i] if i < len(headers) and headers[i] else FIELDS_BY_KEY[key].title
        return f"{column_letter(i)} 列（{title}）"

    grids = _grid_lookup(store)
    parsed: list[tuple[int, dict, PlannedResident | None]] = []
    for n, (row_number, values) in enumerate(sheet.rows):
        cells = {key: (values[i] if i < len(values) else None) for key, i in mapping.items()}
        parsed.append(_parse_row(row_number, cells, col, problems, today))
        if n % 2000 == 0:
            step(job, 0.1 + 0.6 * n / max(1, len(sheet.rows)), f"正在检查第 {row_number} 行")
    households = _group(parsed, mapping, col, problems)
    _resolve_grids(households, grids, default_grid_id, "grid" in mapping, col, problems, parsed)
    step(job, 0.8, "正在与已登记的农户和人口核对")
    _check_register(store, households, col, problems)
    problems.sort(key=lambda p: (p.row, p.column))
    return ImportPreview(sheet, mapping, year, households, problems)


def _parse_row(row: int, cells: dict, col, problems: list[Problem], today) -> tuple[int, dict, PlannedResident | None]:
    before = len(problems)

    def attempt(key: str, fn):
        if key not in cells:
            return None
        try:
            return fn(cells[key])
        except ValidationError as exc:
            problems.append(Problem(row, col(key), exc.reason))
            return None

    name = attempt("name", lambda v: validate_name(v))
    identity = attempt("id_number", lambda v: parse_identity(v, today=today))
    relation = attempt("relation", lambda v: parse_relation(v))
    phone = attempt("phone", lambda v: validate_phone(v)) or ""
    residence = attempt("residence_status", parse_residence_status) or "living"
    party = attempt("party_member", lambda v: parse_yes_no(v, "党员")) or False
    categories = attempt("categories", parse_categories) or []
    insurance = attempt("insurance", parse_insurance)
    if identity is not None and "sex" in cells:
        sex = clean_text(cells["sex"]).replace(" ", "")
        if sex and sex not in ("男", "女"):
            problems.append(Problem(row, col("sex"), f"“{sex}”应填“男”或“女”"))
        elif sex and sex != identity.sex:
            problems.append(Problem(row, col("sex"), f"填的是“{sex}”，身份证号显示为“{identity.sex}”，请核对"))
    if identity is not None and "birth_date" in cells:
        born = attempt("birth_date", lambda v: parse_date(v, "出生日期"))
        if born is not None and born != identity.birth_date:
            problems.append(Problem(row, col("birth_date"), f"填的是 {born.isoformat()}，身份证号显示为 "
                                                            f"{identity.birth_date.isoformat()}，请核对"))
    where = {
        "household_key": clean_text(cells.get("household_key")).replace(" ", ""),
        "grid": clean_text(cells.get("grid")).replace(" ", ""),
        "hamlet": clean_text(cells.get("hamlet")).replace(" ", ""),
        "group_name": attempt("group_name", clean_group) or "",
        "house_number": attempt("house_number", clean_house_number) or "",
    }
    if not where["hamlet"]:
        problems.append(Problem(row, col("hamlet"), "不能为空"))
    if len(problems) > before:
        return row, where, None
    fields = {"name": name, "id_number": identity.number, "sex": identity.sex,
              "birth_date": identity.birth_date.isoformat(), "relation": relation, "phone": phone,
              "residence_status": residence, "party_member": 1 if party else 0,
              "notes": clean_text(cells.get("notes"))}
    return row, where, PlannedResident(row, fields, categories, insurance)


def _group(parsed, mapping: dict, col, problems: list[Problem]) -> list[PlannedHousehold]:
    """Rows into households: by 户编号 if given, else by address, else a 户主 row starts a household."""
    households: dict[str, PlannedHousehold] = {}
    incomplete: set[str] = set()  # households with a refused row: their head may be that row
    current: PlannedHousehold | None = None
    seen_ids: dict[str, int] = {}
    for row, where, person in parsed:
        if "household_key" in mapping:
            key = where["household_key"]
            if not key:
                problems.append(Problem(row, col("household_key"), "不能为空（用来区分属于哪一户）"))
                continue
        elif where["house_number"]:
            key = f"{where['hamlet']}|{where['group_name']}|{where['house_number']}"
        else:
            if person is not None and person.fields["relation"] == HEAD or current is None:
                key = f"row{row}"
            else:
                key = current.key
        home = households.get(key)
        if home is None:
            home = households[key] = PlannedHousehold(key, row, None, where["hamlet"], where["group_name"],
                                                      where["house_number"], grid_name=where["grid"])
        elif (where["hamlet"], where["group_name"], where["house_number"]) != (home.hamlet, home.group_name,
                                                                              home.house_number):
            problems.append(Problem(row, col("hamlet"), f"与同户第 {home.first_row} 行的地址（{home.address}）不一致"))
        current = home
        if person is None:
            incomplete.add(key)
            continue
        number = person.fields["id_number"]
        if number in seen_ids:
            problems.append(Problem(row, col("id_number"), f"与第 {seen_ids[number]} 行重复（同一人出现了两次）"))
            continue
        seen_ids[number] = row
        home.members.append(person)
        if person.fields["relation"] == HEAD and person.fields["phone"]:
            home.phone = person.fields["phone"]
    result = list(households.values())
    for home in result:
        heads = [m.row for m in home.members if m.fields["relation"] == HEAD]
        if home.members and not heads and home.key not in incomplete:
            where = home.address or f"第 {home.first_row} 行起"
            problems.append(Problem(home.first_row, col("relation"), f"该户（{where}）没有户主："
                                    "一户必须有一位成员的“与户主关系”为“户主”"))
        elif len(heads) > 1:
            problems.append(Problem(heads[1], col("relation"), f"该户（{home.address}）有 {len(heads)} 位户主（第 "
                                    + "、".join(map(str, heads)) + " 行），一户只能有一位户主"))
    return result


def _grid_lookup(store: Store) -> dict[str, tuple[str, str, str]]:
    """name or code → (grid id, name, status) of the home village's grids."""
    lookup: dict[str, tuple[str, str, str]] = {}
    for g in repo.grids(store, village.home_village_id(store), include_retired=True):
        for key in (g["name"], g["code"], f"{g['name']}网格"):
            if g["status"] == "active" or key not in lookup:
                lookup[key] = (g["id"], g["name"], g["status"])
    return lookup


def _resolve_grids(households, grids, default_grid_id, has_grid_column, col, problems, parsed) -> None:
    for home in households:
        name = home.grid_name
        found = grids.get(name) if name else None
        if name and found is None:
            problems.append(Problem(home.first_row, col("grid"), f"找不到名为“{name}”的网格"))
            continue
        if found is None:
            found = grids.get(home.hamlet) or next((g for g in grids.values() if g[0] == default_grid_id), None)
        if found is None:
            where = col("grid") if has_grid_column else col("hamlet")
            problems.append(Problem(home.first_row, where, f"不知道“{home.hamlet}”属于哪个网格：请填写“网格”列，"
                                    "或在导入时选择默认网格"))
            continue
        if found[2] != "active":
            problems.append(Problem(home.first_row, col("grid") if has_grid_column else col("hamlet"),
                                    f"“{found[1]}”网格已撤销，不能导入到已撤销的网格"))
            continue
        home.grid_id = found[0]


def _check_register(store: Store, households: list[PlannedHousehold], col, problems: list[Problem]) -> None:
    people = [m for h in households for m in h.members]
    village_id = village.home_village_id(store)
    found = repo.residents_by_id_number(store, village_id, [m.fields["id_number"] for m in people])
    for m in people:
        if m.fields["id_number"] in found:
            r = found[m.fields["id_number"]]
            problems.append(Problem(m.row, col("id_number"), f"已登记在 {r['head_name']}户"
                                    f"（{address(r['hamlet'], r['group_name'], r['house_number'])}）的 {r['name']} 名下，"
                                    "一个人不能同时在两户"))
    taken = repo.active_addresses(store, village_id)
    for h in households:
        other = taken.get((h.hamlet, h.group_name, h.house_number)) if h.house_number else None
        if other is not None:
            problems.append(Problem(h.first_row, col("house_number"), f"{h.address} 已有在册农户（{other}户）"))
