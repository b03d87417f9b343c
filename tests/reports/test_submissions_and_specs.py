"""Submission states (草稿 → 已报出 → 已修改，需重新报出 → 第 2 次报送, 乡镇已审核/已退回) and form specs as data."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from tests.conftest import TEST_ACTOR, add_office_user
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.services.reports import export, specs, submissions
from villagedesk.services.reports.export import single_name


def test_draft_submitted_modified_and_resubmitted(demo_store, tmp_path):
    first = submissions.states(demo_store, "2026-10")
    assert {s.label for s in first} == {"草稿"}
    sent = export.export_set(demo_store, "2026-10", tmp_path, TEST_ACTOR)
    after = {s.key: s for s in submissions.submit(demo_store, TEST_ACTOR, sent)}
    assert after["visits"].label == "已报出（第 1 次报送）" and after["visits"].submitted_by == TEST_ACTOR.name
    row = demo_store.query("SELECT files FROM report_submissions WHERE report_key = 'visits'")[0]
    files = json.loads(row["files"])
    assert files[single_name(sent.tables[4], "xlsx")] == sent.files[single_name(sent.tables[4], "xlsx")]
    assert len(next(iter(files.values()))) == 64
    with pytest.raises(ConflictError, match="无需重新报出"):
        submissions.submit(demo_store, TEST_ACTOR, sent)

    # a visit of October is corrected (voided) after the set was sent
    visit = demo_store.query("SELECT id FROM visits WHERE visited_at LIKE '2026-10-%' AND deleted_at IS NULL LIMIT 1")
    with demo_store.transaction():
        demo_store.tombstone("visits", visit[0]["id"], TEST_ACTOR)
    now = {s.key: s for s in submissions.states(demo_store, "2026-10")}
    assert now["visits"].label == "已修改，需重新报出（第 1 次报送）"
    assert "记录 171 条 → 170 条" in now["visits"].changed
    assert "visits" in now["summary"].changed and now["roster"].label.startswith("已报出")

    again = export.export_set(demo_store, "2026-10", tmp_path, TEST_ACTOR)
    resent = {s.key: s for s in submissions.submit(demo_store, TEST_ACTOR, again)}
    assert resent["visits"].label == "已报出（第 2 次报送）" and resent["roster"].attempt == 1

    submissions.record_answer(demo_store, TEST_ACTOR, "visits", "2026-10", "returned", "请补充回访情况")
    submissions.record_answer(demo_store, TEST_ACTOR, "roster", "2026-10", "approved")
    final = {s.key: s for s in submissions.states(demo_store, "2026-10")}
    assert final["visits"].label == "已退回（第 2 次报送）" and final["visits"].answer_note == "请补充回访情况"
    assert final["roster"].label == "乡镇已审核（第 1 次报送）"
    with pytest.raises(ValidationError, match="审核结果"):
        submissions.record_answer(demo_store, TEST_ACTOR, "roster", "2026-10", "lost")


def test_a_spec_edited_under_settings_prints_on_the_form_and_can_be_reset(store, tmp_path):
    clerk = add_office_user(store, "文书小王", "clerk")
    assert specs.spec(store, "summary").number == "村网01表"
    specs.save_spec(store, clerk, "summary", {"number": "河东统01表", "approval": "河统〔2027〕3号",
                                                    "due_day": "8"})
    path = export.export_report(store, "summary", "2026-10", "xlsx", tmp_path / "r1.xlsx", TEST_ACTOR)
    text = [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row if c]
    assert "表　　号：河东统01表" in text and "批准文号：河统〔2027〕3号" in text
    assert specs.spec(store, "summary").due_day == 8 and specs.spec(store, "summary").source == "village"
    for values, field in (({"due_day": "31"}, "报送日"), ({"number": " "}, "表号"), ({"period_kind": "weekly"}, "报送周期")):
        with pytest.raises(ValidationError, match=field):
            specs.save_spec(store, clerk, "summary", values)
    assert specs.spec(store, "summary").number == "河东统01表"
    specs.reset_spec(store, clerk, "summary")
    assert specs.spec(store, "summary").number == "村网01表"


def test_the_tail_names_the_real_people(demo_store, tmp_path):
    clerk = add_office_user(demo_store, "文书小王", "clerk")
    specs.set_contact_phone(demo_store, clerk, "0817-1234567")
    path = export.export_report(demo_store, "summary", "2026-10", "xlsx", tmp_path / "r1.xlsx", TEST_ACTOR)
    tail = [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row
            if isinstance(c, str) and c.startswith("单位负责人")][0]
    people = {r["role"]: r["name"] for r in demo_store.query("SELECT name, role FROM users ORDER BY created_at DESC")}
    assert f"填表人：{TEST_ACTOR.name}" in tail and "联系电话：08171234567" in tail and "报出日期：2026 年 11 月 30 日" in tail
    if "admin" in people:
        assert f"统计负责人：{people['admin']}" in tail
    with pytest.raises(ValidationError, match="联系电话"):
        specs.set_contact_phone(demo_store, clerk, "12")


def test_the_townships_answer_is_recorded_only_by_who_prepares_or_signs_the_reports(demo_store, tmp_path):
    from villagedesk.domain.errors import PermissionDenied
    from villagedesk.services import privacy

    worker_id = demo_store.query("SELECT id FROM workers LIMIT 1")[0]["id"]
    worker = add_office_user(demo_store, "赵网格", "worker", worker_id=worker_id)
    clerk = add_office_user(demo_store, "文书小王", "clerk")
    submissions.submit(demo_store, TEST_ACTOR, export.export_set(demo_store, "2026-10", tmp_path, clerk))
    with pytest.raises(PermissionDenied, match="编制报表"):
        submissions.record_answer(demo_store, worker, "roster", "2026-10", "returned", "网格员说退回了")
    states = {s.key: s for s in submissions.states(demo_store, "2026-10")}
    assert states["roster"].label == "已报出（第 1 次报送）" and states["roster"].answer_note == ""
    refused = [line for line in privacy.audit_lines(demo_store, TEST_ACTOR, kind="拒绝操作") if line.user == "赵网格"]
    assert len(refused) == 1
    submissions.record_answer(demo_store, clerk, "roster", "2026-10", "returned", "缺联系电话")
    assert {s.key: s for s in submissions.states(demo_store, "2026-10")}["roster"].label == "已退回（第 1 次报送）"
