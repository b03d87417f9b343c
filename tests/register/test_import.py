"""Roster import: the messy roster shows every problem by row and column and imports nothing; the corrected one
imports every row; malformed workbooks are refused by name; the template and the command line."""

import json
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook

from tests.conftest import TEST_ACTOR as ACTOR
from tests.register.helpers import (
    CORRECTED,
    MESSY_PROBLEMS,
    PIAO,
    corrected_roster,
    id_number,
    messy_roster,
)
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services import integrity, stats
from villagedesk.services.register import households, importing, search


def _counts(store):
    return tuple(store.scalar(f"SELECT count(*) FROM {t}") for t in
                 ("households", "residents", "resident_categories", "insurance_enrolments", "change_log"))


@pytest.fixture
def piao_registered(store, grids):
    """朴志 is already in the register, at another house."""
    hamlet, _group, _house, name, _rel, born, sex, seq = PIAO
    households.add_household(store, ACTOR, HouseholdDraft(grids["杨家院"], hamlet, "1", "20"),
                             [ResidentDraft(name, id_number(born, seq, sex), "户主")])


def test_messy_roster_lists_every_problem_by_row_and_column_and_imports_nothing(store, piao_registered, tmp_path):
    path = messy_roster(tmp_path / "花名册.xlsx")
    before = _counts(store)
    sheet = importing.read_sheet(path)
    assert (sheet.sheet, sheet.header_row, len(sheet.rows)) == ("花名册", 3, 10)  # two merged title rows skipped
    preview = importing.preview_import(store, sheet)
    found = {(p.row, p.column): p.message for p in preview.problems}
    assert set(found) == set(MESSY_PROBLEMS), found
    for where, word in MESSY_PROBLEMS.items():
        assert word in found[where], (where, found[where])
    assert "第 5 行 H 列（公民身份号码）：" in str(next(p for p in preview.problems if p.row == 5))
    zhang = next(h for h in preview.households if h.address == "张家湾 1组 3号")
    assert zhang.phone == "13800022222"  # full-width digits and spaces cleaned
    assert [m.fields["name"] for m in zhang.members] == ["张建国", "张浩"]  # 张浩's spaced number is accepted
    with pytest.raises(ValidationError, match="7 处问题"):
        importing.commit_import(store, ACTOR, preview)
    again, result = importing.import_file(store, ACTOR, path)
    assert result is None and len(again.problems) == 7
    assert _counts(store) == before


def test_corrected_roster_imports_every_row_and_stats_match_the_file(store, grids, tmp_path):
    path = corrected_roster(tmp_path / "花名册（改正）.xlsx")
    preview, result = importing.import_file(store, ACTOR, path)
    assert preview.problems == []
    assert (result.households, result.residents) == (CORRECTED["households"], CORRECTED["residents"])
    values = stats.compute_stats(store)
    assert values["households"] == CORRECTED["households"] and values["residents"] == CORRECTED["residents"]
    assert values["key_population_residents"] == CORRECTED["key_population"]
    assert values["insurance_enrolment_rate"] == round(CORRECTED["enrolled"] / (CORRECTED["residents"] - CORRECTED["exempt"]), 4)
    row = store.conn.execute("SELECT name, sex, birth_date, phone, residence_status FROM residents"
                             " WHERE name = '张浩'").fetchone()
    assert tuple(row) == ("张浩", "男", "1990-08-20", "", "working_away")
    hid = store.scalar("SELECT household_id FROM residents WHERE name = '单雄'")
    assert households.household_label(store, hid) == "单雄户 · 李家沟 2组 7号"
    assert "单雄" in [h.name for h in search.search(store, "shanxiong", actor=ACTOR)]
    assert integrity.check(store) == []
    again, result = importing.import_file(store, ACTOR, path)  # the same file twice: everyone is already in
    assert result is None and all("已登记在" in p.message or "已有在册农户" in p.message for p in again.problems)


def _wb(path, rows, title="花名册"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _zip_not_xlsx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    return path


@pytest.mark.parametrize("make, field, words", [
    (lambda p: p.write_text("姓名,身份证号\n张三,1") and p, "文件", "不是 Excel 工作簿"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le"))
     and p, "文件", "设置了打开密码"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600) and p, "文件", "旧版 Excel"),
    (_zip_not_xlsx, "文件", "无法作为 .xlsx 工作簿打开"),
    (lambda p: _wb(p, []), "工作表", "是空的"),
    (lambda p: _wb(p, [[f"列{i}" for i in range(200)], ["x"] * 200]), "工作表", "有 200 列"),
    (lambda p: _wb(p, [["甲", "乙"], ["1", "2"]]), "表头", "找不到表头"),
    (lambda p: _wb(p, [["姓名", "身份证号", "与户主关系", "湾"]]), "工作表", "只有表头"),
    (lambda p: p.with_name("不存在.xlsx"), "文件", "找不到"),
])
def test_malformed_workbooks_are_refused_by_name_and_nothing_changes(store, grids, tmp_path, make, field, words):
    path = make(tmp_path / "roster.xlsx")
    before = _counts(store)
    with pytest.raises(ValidationError) as exc:
        importing.import_file(store, ACTOR, path)
    assert exc.value.field == field and words in exc.value.message, exc.value.message
    assert _counts(store) == before


def test_columns_are_mapped_by_header_names_and_the_mapping_can_be_edited(store, grids, tmp_path):
    number = id_number("1970-01-01", 1)
    path = _wb(tmp_path / "r.xlsx", [["户主或成员", "公民身份号码（必填）", "关系", "自然湾", "网格"],
                                     ["王大", number, "户主", "王家院", "王家院"]])
    sheet = importing.read_sheet(path)
    assert sheet.mapping == {"id_number": 1, "relation": 2, "hamlet": 3, "grid": 4}
    preview = importing.preview_import(store, sheet)
    assert [p.message for p in preview.problems] == ["表头缺少必需的列：姓名（可在“列对应”中指定）"]
    preview = importing.preview_import(store, sheet, {**sheet.mapping, "name": 0})
    assert preview.ok and preview.households[0].members[0].fields["name"] == "王大"
    assert importing.commit_import(store, ACTOR, preview).residents == 1


def test_the_template_imports_as_it_is(store, grids, tmp_path):
    path = importing.write_template(tmp_path / "模板.xlsx")
    assert importing.sheet_names(path) == ["花名册"]
    preview, result = importing.import_file(store, ACTOR, path)
    assert preview.problems == [] and (result.households, result.residents) == (1, 3)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "villagedesk.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.slow
def test_cli_import_households(store, piao_registered, db_path, tmp_path):
    messy = messy_roster(tmp_path / "messy.xlsx")
    before = json.loads(_cli("stats", "--json", "--db", db_path).stdout)
    bad = _cli("import", "households", messy, "--db", db_path, "--user", "测试员")
    assert bad.returncode != 0
    assert "第 5 行 H 列（公民身份号码）：" in bad.stderr and "第 9 行 H 列（公民身份号码）：与第 7 行重复" in bad.stderr
    assert "有 7 处问题，未导入任何数据" in bad.stderr
    assert json.loads(_cli("stats", "--json", "--db", db_path).stdout) == before
    good = _cli("import", "households", corrected_roster(tmp_path / "good.xlsx"), "--db", db_path, "--user", "测试员")
    assert good.returncode == 0, good.stderr
    assert "已导入：4 户，9 人" in good.stdout
    after = json.loads(_cli("stats", "--json", "--db", db_path).stdout)
    assert after["households"] == before["households"] + 4 and after["residents"] == before["residents"] + 9
