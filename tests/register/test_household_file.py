"""一户一档: one household's file on a small village — what it holds, who may see and print it, the A4 paper."""

import datetime as dt
import subprocess

import pytest
from pypdf import PdfReader

from tests.conftest import TEST_ACTOR, add_office_user
from tests.field_work.conftest import at, build_village, id_number
from villagedesk.domain import clock
from villagedesk.domain.errors import PermissionDenied
from villagedesk.domain.field_work.disputes import DisputeDraft, PartyDraft
from villagedesk.domain.field_work.visits import FindingDraft, VisitDraft
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services.field_work import disputes, visits
from villagedesk.services.register import household_file, insurance, residents
from villagedesk.store.points.ledger import EntryDraft, append_entries

GRANDCHILD_NUMBER = id_number(90, "20150601")


@pytest.fixture
def village(store):
    """The field-work village, its key household (王德福, 独居老人) given a grandchild whose 留守儿童 spell has
    ended, the year's insurance, a visit that owes a follow-up, a dispute, and two points entries."""
    v = build_village(store)
    hid = v.key_household
    v.grandchild = residents.add_resident(store, TEST_ACTOR, hid, ResidentDraft("王小宝", GRANDCHILD_NUMBER, "孙子"))
    residents.set_categories(store, TEST_ACTOR, v.grandchild, ["left_behind_child"], on=dt.date(2024, 3, 1))
    residents.set_categories(store, TEST_ACTOR, v.grandchild, [], on=dt.date(2025, 9, 1))
    insurance.set_enrolment(store, TEST_ACTOR, [v.heads[hid]], clock.today().year, "enrolled")
    visits.record_visit(store, TEST_ACTOR, VisitDraft(v.workers[0], hid, at(3, 10, 30), "in_person", "info",
                                                      findings="屋顶漏雨", finding=FindingDraft("hazard", "屋顶漏雨")))
    other = v.households[0][1]  # a neighbour's visit is not in this file
    visits.record_visit(store, TEST_ACTOR, VisitDraft(v.workers[0], other, at(2), "phone", "info", findings="邻户情况"))
    disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(
        v.grids[0], "neighbour", "排水沟堵塞", clock.today() - dt.timedelta(days=5), "赵网格",
        (PartyDraft("王德福", v.heads[hid]), PartyDraft("李秀英", v.heads[other]))))
    with store.transaction():
        append_entries(store, TEST_ACTOR, [
            EntryDraft(v.village_id, hid, v.heads[hid], 15, "award", "河道清理", "activity", "a1"),
            EntryDraft(v.village_id, hid, v.heads[hid], -5, "deduct", "乱堆柴草", "rule", "r1")])
    return v


def test_the_file_holds_the_households_members_history_insurance_visits_disputes_and_points(store, village):
    f = household_file.household_file(store, TEST_ACTOR, village.key_household)
    assert f.unit == "河东镇 桂花村" and f.head_name == "王德福" and f.grid_name == "上湾"
    assert f.worker_name == "赵网格" and f.phone_masked == "138****0001" and f.address == "上湾 1组 1号"
    head, child = f.members
    assert (head.name, head.relation, head.age, head.categories, head.insurance) == ("王德福", "户主", 66, "独居老人",
                                                                                    "已参保")
    assert head.id_masked == "510903********" + id_number(1)[-4:]
    assert (child.name, child.age, child.categories, child.insurance) == ("王小宝", 11, "", "未登记")
    assert [(s.name, s.category, s.since, s.state) for s in f.categories] == [
        ("王德福", "独居老人", "2020-01-01", "现属"), ("王小宝", "留守儿童", "2024-03-01", "2025-09-01 移出")]
    [visit] = f.visits
    assert (visit.way, visit.purpose, visit.worker_name, visit.findings, visit.finding_kinds) == (
        "入户", "信息采集", "赵网格", "屋顶漏雨", "安全隐患")
    assert visit.when == at(3, 10, 30).strftime("%Y-%m-%d %H:%M") and f.visit_count == 1
    [follow] = f.follow_ups  # a key-population household's visit owes a second one
    assert follow.visited_on == at(3).date().isoformat() and follow.state == "待回访"
    [dispute] = f.disputes
    assert (dispute.kind, dispute.summary, dispute.parties, dispute.state) == ("邻里纠纷", "排水沟堵塞",
                                                                              "王德福、李秀英", "调解中")
    assert f.balance == 10 and [(e.delta, e.reason) for e in f.entries] == [(-5, "乱堆柴草"), (15, "河道清理")]


def test_a_follow_up_past_its_day_says_how_late_it_is(store, village):
    due = household_file.household_file(store, TEST_ACTOR, village.key_household).follow_ups[0].due_on
    later = dt.date.fromisoformat(due) + dt.timedelta(days=4)
    [follow] = household_file.household_file(store, TEST_ACTOR, village.key_household, today=later).follow_ups
    assert follow.state == "逾期 4 天"


def _audit(store, action):
    return store.query("SELECT user_name, detail FROM audit_log WHERE action = ? ORDER BY id", (action,))


def test_a_worker_sees_and_prints_only_their_own_grids_files_refused_and_audited_otherwise(store, village, tmp_path):
    own = add_office_user(store, "赵网格", "worker", worker_id=village.workers[0])
    other = add_office_user(store, "孙网格", "worker", worker_id=village.workers[1])
    assert household_file.household_file(store, own, village.key_household).head_name == "王德福"
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        household_file.household_file(store, other, village.key_household)
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        household_file.write_pdf(store, other, village.key_household, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    refused = [r for r in _audit(store, "拒绝操作") if r["user_name"] == "孙网格"]
    assert len(refused) == 2 and all("查看花名册" in r["detail"] for r in refused)
    household_file.write_pdf(store, own, village.key_household, tmp_path / "own.pdf")
    [(who, detail)] = [(r["user_name"], r["detail"]) for r in _audit(store, "打印一户一档")]
    assert who == "赵网格" and "王德福户" in detail and "own.pdf" in detail


def test_the_a4_print_shows_members_masked_numbers_balance_and_visit_in_the_bundled_font(store, village, tmp_path):
    path = household_file.write_pdf(store, TEST_ACTOR, village.key_household, tmp_path / "file.pdf")
    reader = PdfReader(path)
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    for expected in ("一户一档", "填报单位：河东镇桂花村", f"打印日期：{clock.today().isoformat()}", "王德福", "王小宝",
                     "孙子", "510903********" + GRANDCHILD_NUMBER[-4:], "独居老人", "留守儿童", "2025-09-01移出",
                     "当前余额10分", "河道清理", "屋顶漏雨", "排水沟堵塞", "调解中", "138****0001",
                     f"第1页共{len(reader.pages)}页"):
        assert expected in text, expected
    assert "邻户情况" not in text  # the neighbour's visit
    data = path.read_bytes()
    for full in (GRANDCHILD_NUMBER, id_number(1), "13800000001"):
        assert full not in text and full.encode() not in data
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    listed = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert listed and all("WenQuanYi" in name for name in listed), fonts


def test_from_the_households_page_alt_d_opens_the_file_and_saves_its_pdf(make_window, store, village, tmp_path,
                                                                       monkeypatch, messages):
    from PySide6.QtCore import Qt

    from tests.ui.keyboard import Keyboard
    from villagedesk.ui.pages.households import files
    from villagedesk.ui.pages.households.household_file_dialog import HouseholdFileDialog

    window = make_window(store)
    page = window.show_page("households")
    opened = []
    page.panel.dialog_opener = lambda dialog: (opened.append(dialog), dialog.show())
    page.select_household(village.key_household)
    assert page.panel.title.text().startswith("王德福户")
    Keyboard().alt(Qt.Key.Key_D)  # 一户一档(&D)…
    [dialog] = opened
    assert isinstance(dialog, HouseholdFileDialog) and dialog.isVisible()
    shown = dialog.text.toPlainText()
    for expected in ("一户一档", "王德福", "王小宝", "510903********" + GRANDCHILD_NUMBER[-4:], "2025-09-01 移出",
                     "屋顶漏雨", "排水沟堵塞", "当前余额 10 分", "待回访"):
        assert expected in shown, expected
    assert GRANDCHILD_NUMBER not in shown
    pdf = tmp_path / "一户一档.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: pdf)
    dialog.pdf_button.click()
    assert dialog.last_saved == pdf and "王小宝" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert messages[-1][0] == "一户一档" and "已保存为 PDF" in messages[-1][1]
    assert len(_audit(store, "打印一户一档")) == 1
    dialog.accept()


def test_the_cli_prints_a_file_named_by_a_search_and_lists_the_households_a_vague_name_matches(
        store, village, db_path, tmp_path, capsys):
    from villagedesk import cli

    out = tmp_path / "王德福.pdf"
    code = cli.main(["household-file", "王德福", "--out", str(out), "--db", str(db_path), "--user", "测试员"])
    assert code == 0 and "王德福户" in capsys.readouterr().out
    assert "王小宝" in "".join(p.extract_text() for p in PdfReader(out).pages)
    vague = tmp_path / "上湾.pdf"
    code = cli.main(["household-file", "上湾", "--out", str(vague), "--db", str(db_path), "--user", "测试员"])
    err = capsys.readouterr().err
    assert code == 1 and "对应 3 户" in err and "李秀英户" in err and village.households[0][2] in err
    assert not vague.exists()
    code = cli.main(["household-file", "没有这户", "--out", str(vague), "--db", str(db_path), "--user", "测试员"])
    assert code == 1 and "找不到农户“没有这户”" in capsys.readouterr().err
    by_id = cli.main(["household-file", village.households[1][0], "--out", str(vague), "--db", str(db_path),
                      "--user", "测试员"])
    assert by_id == 0 and "陈长林" in "".join(p.extract_text() for p in PdfReader(vague).pages)


def test_at_the_township_a_village_household_s_file_names_its_own_village(tmp_path):
    from tests.sync.township import ADMIN, demo_village, pair, send, township_node

    township = township_node(tmp_path / "township.db")
    guihua = demo_village(tmp_path / "guihua.db", households=12)
    try:
        pair(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
        send(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
        hid = township.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
        f = household_file.household_file(township, ADMIN, hid)
        assert f.unit == "河东镇 桂花村" and f.members
        path = household_file.write_pdf(township, ADMIN, hid, tmp_path / "乡镇.pdf")
        assert "填报单位：河东镇桂花村" in "".join(p.extract_text() for p in PdfReader(path).pages).replace(" ", "")
    finally:
        guihua.close()
        township.close()


def test_at_26_pt_on_a_1024_screen_the_file_opens_inside_it_and_scrolls_down_never_sideways(
        make_window, store, village, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from villagedesk.ui import screen_fit

    area = QRect(0, 0, 1024, 768 - 40)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    window = make_window(store)
    window.zoom(26 - int(window.settings.value("window/point_size", 13)))
    page = window.show_page("households")
    opened = []
    page.panel.dialog_opener = lambda dialog: (opened.append(dialog), dialog.show())
    page.select_household(village.key_household)
    page.panel.buttons["file"].click()
    [dialog] = opened
    QApplication.processEvents()
    frame = dialog.frameGeometry()
    assert area.contains(frame.topLeft()) and frame.right() <= area.right() and frame.bottom() <= area.bottom()
    assert dialog.text.font().pointSize() == 26
    assert dialog.text.verticalScrollBar().maximum() > 0 and dialog.text.horizontalScrollBar().maximum() == 0
    assert dialog.pdf_button.isVisible() and dialog.pdf_button.width() >= dialog.pdf_button.sizeHint().width()
    dialog.accept()


def test_printing_the_file_sends_its_pages_to_the_printer_and_only_a_confirmed_print_is_audited(
        make_window, store, village, tmp_path, monkeypatch, messages):
    from PySide6.QtPrintSupport import QPrinter

    from villagedesk.ui.pages.households import household_file_dialog

    for days_ago in range(4, 34):  # enough visits for a second page
        visits.record_visit(store, TEST_ACTOR, VisitDraft(village.workers[0], village.key_household, at(days_ago),
                                                          "phone", "info", findings=f"电话问候 {days_ago}"))
    window = make_window(store)
    page = window.show_page("households")
    opened = []
    page.panel.dialog_opener = lambda dialog: (opened.append(dialog), dialog.show())
    page.select_household(village.key_household)
    page.panel.buttons["file"].click()
    [dialog] = opened
    monkeypatch.setattr(household_file_dialog, "ask_printer", lambda parent: None)  # 取消
    dialog.print_button.click()
    assert _audit(store, "打印一户一档") == []
    paper = tmp_path / "printer.pdf"

    def printer(parent):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(paper))
        return p

    monkeypatch.setattr(household_file_dialog, "ask_printer", printer)
    dialog.print_button.click()
    pages = len(PdfReader(household_file.write_pdf(store, TEST_ACTOR, village.key_household, tmp_path / "a.pdf")).pages)
    assert pages == 2 and paper.exists() and len(PdfReader(paper).pages) == pages
    assert messages[-1] == ("一户一档", f"已送打印机，共 {pages} 页。本次打印已记入操作记录。")
    [(who, detail), _saved] = [(r["user_name"], r["detail"]) for r in _audit(store, "打印一户一档")]
    assert who == "测试员" and "（打印）" in detail
    dialog.accept()
