"""Sign-in (PINs, waits, disabled users), managing users (grant only what one holds, keep a head), the audit chain."""

import datetime as dt
import sqlite3

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, PermissionDenied, ValidationError
from villagedesk.services import integrity, sign_in, users
from villagedesk.services.points import redemption


def _audit(store, n=1):
    from villagedesk.store import audit

    return [(r["user_name"], r["action"], r["detail"]) for r in audit.lines(store, limit=n)]


def test_a_pin_signs_in_five_wrong_ones_make_a_growing_wait_and_every_attempt_is_audited(office):
    s = office.village.store
    clock.pin(dt.datetime(2026, 11, 30, 9, 0))
    users.set_pin(s, TEST_ACTOR, office.clerk.user_id, "2580")
    assert s.scalar("SELECT pin_hash FROM user_credentials WHERE user_id = ?", (office.clerk.user_id,)) \
        .startswith("$argon2id$")  # a slow salted hash, never the PIN
    for n in range(1, 5):
        with pytest.raises(PermissionDenied, match=f"还可以再试 {5 - n} 次"):
            sign_in.sign_in(s, "李会计", "0000")
    with pytest.raises(PermissionDenied, match="请 1 分钟后再试"):
        sign_in.sign_in(s, "李会计", "0000")
    with pytest.raises(PermissionDenied, match="连续输错"):  # even the right PIN waits out the lock
        sign_in.sign_in(s, "李会计", "2580")
    clock.pin(dt.datetime(2026, 11, 30, 9, 2))
    with pytest.raises(PermissionDenied, match="请 2 分钟后再试"):  # the sixth wrong one: the wait grows
        sign_in.sign_in(s, "李会计", "1111")
    clock.pin(dt.datetime(2026, 11, 30, 9, 5))
    who = sign_in.sign_in(s, "李会计", "2580")
    assert who == Actor(office.clerk.user_id, "李会计", "clerk")
    actions = [a for _u, a, _d in _audit(s, 8)]
    assert actions == ["登录"] + ["登录失败"] * 7  # 4 + 1 wrong, 1 right but locked, 1 wrong after the wait


def test_a_disabled_user_cannot_sign_in_nor_act_and_stays_on_the_records(office):
    s = office.village.store
    users.disable_user(s, TEST_ACTOR, office.clerk.user_id, "调离")
    with pytest.raises(PermissionDenied, match="已停用"):
        sign_in.sign_in(s, "李会计", "")
    with pytest.raises(PermissionDenied, match="已停用"):
        redemption.redeem(s, office.clerk, office.village.households[0][0], [])
    assert [u.name for u in users.list_users(s) if not u.active] == ["李会计"]  # never deleted
    assert _audit(s)[0][1] == "拒绝操作"


def test_the_role_is_read_from_the_store_not_taken_from_the_caller(office):
    s = office.village.store
    with pytest.raises(PermissionDenied, match="身份不符"):  # the head's id with another name
        redemption.void(s, Actor(TEST_ACTOR.user_id, "小李"), "any", "错")
    with pytest.raises(PermissionDenied, match="没有作废兑换凭证的权限"):  # a role claimed, not held
        redemption.void(s, Actor(office.clerk.user_id, "李会计", "head"), "any", "错")
    with pytest.raises(PermissionDenied, match="不是本村登记的使用人"):
        redemption.void(s, Actor("nobody", "路人"), "any", "错")


def test_grant_only_what_one_holds_and_never_remove_the_last_head(office):
    s = office.village.store
    with pytest.raises(PermissionDenied, match="只有书记/主任、乡镇管理员可以管理使用人"):
        users.add_user(s, office.clerk, "新人", "clerk")
    with pytest.raises(PermissionDenied, match="不能授予“乡镇管理员”"):
        users.add_user(s, TEST_ACTOR, "新人", "township_admin")
    with pytest.raises(ConflictError, match="最后一位在用的书记/主任"):
        users.change_role(s, TEST_ACTOR, TEST_ACTOR.user_id, "clerk")
    with pytest.raises(ConflictError, match="最后一位在用的书记/主任"):
        users.disable_user(s, TEST_ACTOR, TEST_ACTOR.user_id, "退休")
    refused = [(u, a, d) for u, a, d in _audit(s, 4) if a == "拒绝操作"]  # each refusal is in the trail
    assert [u for u, _a, _d in refused] == ["测试员", "测试员", "测试员", "李会计"]
    assert "最后一位在用的书记/主任" in refused[0][2] and "不能授予“乡镇管理员”" in refused[2][2]
    with pytest.raises(ValidationError, match="已是使用人"):
        users.add_user(s, TEST_ACTOR, "李会计", "clerk")
    assert sorted(u.role for u in users.list_users(s)) == ["clerk", "head", "township_admin", "worker"]
    users.add_user(s, TEST_ACTOR, "王主任", "head")
    users.change_role(s, TEST_ACTOR, TEST_ACTOR.user_id, "clerk")  # now another head remains
    assert _audit(s)[0][1:] == ("修改使用人角色", "测试员：书记/主任 → 文书/会计")


def test_check_verifies_the_audit_trail_is_unbroken_and_it_cannot_be_edited(office):
    s = office.village.store
    assert integrity.check(s) == []
    for sql in ("UPDATE audit_log SET detail = 'x' WHERE id = 2", "DELETE FROM audit_log WHERE id = 2"):
        with pytest.raises(sqlite3.DatabaseError, match="操作记录只能追加"):
            s.conn.execute(sql)
    s.conn.execute("DROP TRIGGER audit_log_no_update")  # someone with the sqlite3 tool edits a line
    s.conn.execute("UPDATE audit_log SET user_name = '王书记' WHERE id = 3")
    assert any("第 3 条的内容被改动过" in p for p in integrity.check(s))
    s.conn.execute("DROP TRIGGER audit_log_no_delete")
    s.conn.execute("DELETE FROM audit_log WHERE id = 5")
    problems = integrity.check(s)
    assert any("序号不连续" in p for p in problems) and any("第 6 条与上一条接不上" in p for p in problems)


def test_a_worker_sees_and_records_only_their_own_grids(office):
    from tests.field_work.conftest import at
    from villagedesk.domain.field_work.visits import VisitDraft
    from villagedesk.domain.register.filters import RegisterFilter
    from villagedesk.services.field_work import visits
    from villagedesk.services.points import activities
    from villagedesk.services.register import listing

    s, v = office.village.store, office.village
    everyone = RegisterFilter("households")
    assert listing.count_rows(s, everyone, actor=TEST_ACTOR) == 6
    assert listing.count_rows(s, everyone, actor=office.worker) == 3
    mine = {r.id for r in listing.fetch_rows(s, everyone, 0, 50, actor=office.worker)}
    assert mine == set(v.households[0])
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        visits.record_visit(s, office.worker, VisitDraft(v.workers[1], v.households[1][0], at(1), "in_person", "info"))
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        activities.create_activity(s, office.worker, "清理", "r", "2026-11-30", [v.grids[1]])
    visits.record_visit(s, office.worker, VisitDraft(v.workers[0], v.households[0][0], at(1), "in_person", "info"))


def test_phones_are_masked_in_lists_unless_an_authorised_user_asks(office, tmp_path):
    from openpyxl import load_workbook

    from villagedesk.domain.register.filters import RegisterFilter
    from villagedesk.services.register import exports, listing

    s = office.village.store
    row = listing.fetch_rows(s, RegisterFilter("households"), 0, 1, actor=TEST_ACTOR)[0]
    assert row.cells[4] == "138****0001"
    path = exports.export_view(s, RegisterFilter("residents", status=None), tmp_path / "人口.xlsx",
                               actor=TEST_ACTOR, full=True)
    assert "含敏感个人信息" in path.name
    ws = load_workbook(path).active
    assert "含敏感个人信息" in ws["A1"].value
    assert _audit(s)[0][1] == "导出花名册" and "含完整身份证号" in _audit(s)[0][2]
    with pytest.raises(PermissionDenied, match="导出含完整身份证号的名单"):
        exports.export_view(s, RegisterFilter("residents"), tmp_path / "x.xlsx", actor=office.clerk, full=True)
