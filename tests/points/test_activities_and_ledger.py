"""Activities from creation through notice and approval to posting; deductions, reversals and rule versions."""

import datetime as dt

import pytest

from tests.points.conftest import TODAY, award, snapshot
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.services.points import activities, ledger, rules


def test_an_activity_posts_each_participants_points_to_their_household_naming_them(pv):
    s = pv.store
    aid = activities.create_activity(s, pv.clerk, "河道清理", pv.earn.id, TODAY, [pv.grids[0]])
    added = activities.add_household(s, pv.admin, aid, pv.households[0])
    assert (added.added, added.already) == (2, 0)  # the son working away is not added
    again = activities.add_participants(s, pv.admin, aid, [pv.residents["张大山"], pv.residents["王小明"]])
    assert (again.added, again.already) == (1, 1)
    activities.publish_notice(s, pv.admin, aid, TODAY + dt.timedelta(days=3))
    with pytest.raises(ConflictError, match="公示期到"):
        activities.approve(s, pv.admin, aid)
    with pytest.raises(ConflictError, match="审核通过后才能入账"):
        activities.post(s, pv.admin, aid)
    activities.approve(s, pv.admin, aid, today=TODAY + dt.timedelta(days=3))
    assert activities.post(s, pv.admin, aid) == 3
    assert ledger.balance(s, pv.households[0]) == 20 and ledger.balance(s, pv.households[1]) == 10
    st = ledger.statement(s, pv.households[0])
    assert sorted(e.resident_name for e in st.entries) == ["张大山", "李秀英"]
    assert all(e.reason == "河道清理（环境卫生整治）" and e.delta == 10 for e in st.entries)
    assert activities.activity(s, aid).status_label == "已入账"


def test_posting_an_activity_twice_is_refused_and_nothing_changes(pv):
    aid = award(pv, ["张大山"])
    before = snapshot(pv.store)
    with pytest.raises(ConflictError, match="已入账，不能重复入账"):
        activities.post(pv.store, pv.admin, aid)
    assert snapshot(pv.store) == before
    assert ledger.balance(pv.store, pv.households[0]) == 10


def test_changing_the_list_during_notice_sends_it_back_to_draft(pv):
    s = pv.store
    aid = activities.create_activity(s, pv.clerk, "敬老", pv.earn.id, TODAY, [pv.grids[0]])
    activities.add_participants(s, pv.admin, aid, [pv.residents["张大山"], pv.residents["王小明"]])
    activities.publish_notice(s, pv.admin, aid, TODAY)
    activities.remove_participant(s, pv.admin, aid, pv.residents["王小明"])  # an objection upheld
    detail = activities.activity(s, aid)
    assert detail.status == "draft" and [p.name for p in detail.participants] == ["张大山"]
    with pytest.raises(ConflictError, match="只有公示中的活动才能审核"):
        activities.approve(s, pv.admin, aid)


def test_bad_activity_input_names_the_field(pv):
    s = pv.store
    for kwargs, field in (({"title": ""}, "活动名称"), ({"rule_id": pv.deduct.id}, "积分项目"),
                          ({"grid_ids": []}, "涉及网格"), ({"activity_date": "2026-02-30"}, "活动日期")):
        args = {"title": "清理", "rule_id": pv.earn.id, "activity_date": TODAY, "grid_ids": [pv.grids[0]], **kwargs}
        with pytest.raises(ValidationError) as exc:
            activities.create_activity(s, pv.clerk, **args)
        assert exc.value.field == field
    assert s.scalar("SELECT count(*) FROM activities") == 0


def test_a_deduction_must_be_in_the_catalogue(pv):
    s = pv.store
    before = snapshot(s)
    for rule_id in (pv.earn.id, "no-such-rule"):
        with pytest.raises(ValidationError) as exc:
            ledger.deduct(s, pv.admin, pv.residents["王小明"], rule_id)
        assert exc.value.field == "扣分项目"
    assert snapshot(s) == before
    rules.retire_rule(s, pv.admin, pv.deduct.id, TODAY - dt.timedelta(days=1))
    before = snapshot(s)
    with pytest.raises(ValidationError, match="不在有效的积分规则目录中"):
        ledger.deduct(s, pv.admin, pv.residents["王小明"], pv.deduct.id)
    assert snapshot(s) == before
    ledger.deduct(s, pv.admin, pv.residents["王小明"], pv.deduct.id, day=TODAY - dt.timedelta(days=2))
    assert ledger.balance(s, pv.households[1]) == -5


def test_a_reversal_corrects_and_cannot_itself_be_reversed_or_repeated(pv):
    s = pv.store
    award(pv, ["张大山", "李秀英"])
    entry = ledger.statement(s, pv.households[0]).entries[0]
    rev = ledger.reverse(s, pv.admin, entry.id, "重复登记")
    assert ledger.balance(s, pv.households[0]) == 10
    before = snapshot(s)
    with pytest.raises(ConflictError, match="冲正记录不能再冲正"):
        ledger.reverse(s, pv.admin, rev, "再冲")
    with pytest.raises(ConflictError, match="已经冲正过"):
        ledger.reverse(s, pv.admin, entry.id, "再冲")
    with pytest.raises(ValidationError, match="冲正原因"):
        ledger.reverse(s, pv.admin, entry.id, " ")
    assert snapshot(s) == before
    rows = ledger.statement(s, pv.households[0]).entries
    assert [e.kind_label for e in rows] == ["加分", "加分", "冲正"] and rows[0].reversed


def test_a_new_rule_version_applies_from_its_date_and_old_activities_keep_theirs(pv):
    s = pv.store
    rules.new_version(s, pv.admin, pv.earn.id, 15, TODAY)
    old = activities.create_activity(s, pv.clerk, "旧活动", pv.earn.id, TODAY - dt.timedelta(days=1), [pv.grids[0]])
    new = activities.create_activity(s, pv.clerk, "新活动", pv.earn.id, TODAY, [pv.grids[0]])
    assert activities.activity(s, old).points == 10 and activities.activity(s, new).points == 15
    names = [(r.name, r.points, r.effective_from) for r in rules.catalogue(s) if r.kind == "earn"]
    assert names[0] == ("环境卫生整治", 15, TODAY.isoformat())
    with pytest.raises(ValidationError, match="已有一个版本"):
        rules.new_version(s, pv.admin, pv.earn.id, 20, TODAY)


def test_ranking_orders_households_by_points_earned_and_shares_ranks(pv):
    award(pv, ["张大山", "李秀英", "王小明", "赵一"])
    rows = ledger.ranking(pv.store)
    assert [(r.rank, r.label, r.earned) for r in rows] == [
        (1, "张大山（张家湾1号）", 20), (2, "王小明（张家湾2号）", 10), (2, "赵一（李家沟1号）", 10)]
    grid2 = ledger.ranking(pv.store, grid_id=pv.grids[1])
    assert [r.label for r in grid2] == ["赵一（李家沟1号）"]


def test_the_activity_s_creator_may_not_approve_it_and_the_attempt_is_audited(pv):
    """Four eyes on points: a head who registered the activity is refused approving it; another head approves."""
    from tests.conftest import add_office_user
    from villagedesk.domain.errors import PermissionDenied
    from villagedesk.services import privacy

    s = pv.store
    aid = activities.create_activity(s, pv.admin, "敬老", pv.earn.id, TODAY, [pv.grids[0]])
    activities.add_participants(s, pv.admin, aid, [pv.residents["张大山"]])
    activities.publish_notice(s, pv.admin, aid, TODAY)
    before = snapshot(s)
    with pytest.raises(PermissionDenied) as exc:
        activities.approve(s, pv.admin, aid)
    assert exc.value.message == (f"活动的审核人不能是发起登记人：“敬老”是{pv.admin.name}登记的，须由另一位书记/主任审核。")
    assert snapshot(s) == before and activities.activity(s, aid).status == "noticed"
    line = privacy.audit_lines(s, pv.admin, kind="拒绝操作")[0]
    assert line.user == pv.admin.name and "发起登记人" in line.detail
    other = add_office_user(s, "王主任", "head")
    activities.approve(s, other, aid)
    assert activities.activity(s, aid).status == "approved"
