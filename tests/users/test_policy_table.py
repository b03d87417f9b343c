"""The issue's role table, walked for every role and every action: through the service and through the button."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QPushButton

from tests.field_work.conftest import at
from villagedesk.domain.errors import PermissionDenied, VillageDeskError
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.permissions import POLICY, ROLES, Action, can, who_may
from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.services import privacy, users
from villagedesk.services.backup import manual, restore
from villagedesk.services.field_work import visits
from villagedesk.services.grids import evaluation, payroll, stipends, workers
from villagedesk.services.points import activities, redemption, stock
from villagedesk.services.register import exports, households, listing
from villagedesk.services.reports import sending
from villagedesk.services.reports.export import SetExport
from villagedesk.services.sync import packages as sync_packages
from villagedesk.services.township import notices as township_notices
from villagedesk.services.township import review
from villagedesk.ui.widgets.gate import gates_of

A = Action
# The issue's table, written out again here (not read from the policy): H head, C clerk, W worker, T township.
TABLE = {
    A.VIEW_REGISTER: "HCWT", A.REVEAL_IDENTITY: "HCT", A.EDIT_REGISTER: "HC", A.RECORD_FIELD_WORK: "HCW",
    A.CREATE_ACTIVITY: "HCW", A.APPROVE_POINTS: "H", A.REDEEM: "HC", A.VOID_RECEIPT: "H", A.ADJUST_STOCK: "H",
    A.COMPUTE_PAYROLL: "C", A.REVIEW_PAYROLL: "CT", A.APPROVE_PAYROLL: "H", A.LOCK_PAYROLL: "H",
    A.PREPARE_REPORT: "C", A.SIGN_REPORT: "H", A.RETURN_REPORT: "T", A.EXPORT_UNMASKED: "HT", A.BACKUP: "HCT",
    A.RESTORE: "HT", A.IMPORT_SYNC: "HCT", A.EXCHANGE_SYNC: "HCT", A.MANAGE_USERS: "HT", A.VIEW_AUDIT: "HT",
    # beyond the issue's table: the roster is the office's, standards and evaluations the head's or the township's
    A.MANAGE_GRIDS: "HC", A.SET_STIPENDS: "HT", A.EVALUATE_WORKERS: "HT",
    A.ISSUE_NOTICE: "T",
}
LETTER = {"head": "H", "clerk": "C", "worker": "W", "township_admin": "T"}
TODAY = dt.date(2026, 11, 30)

# How each action is tried through its service, as `actor`; getting past the check may still fail on the
# made-up record (NotFoundError and the like): only PermissionDenied counts as refused.
SERVICE = {
    A.VIEW_REGISTER: lambda s, a, v, tmp: listing.count_rows(s, RegisterFilter("households"), actor=a),
    A.REVEAL_IDENTITY: lambda s, a, v, tmp: privacy.reveal_identity(s, a, v.heads[v.households[0][0]], "核对低保"),
    A.EDIT_REGISTER: lambda s, a, v, tmp: households.update_household(
        s, a, v.households[0][0], HouseholdDraft(grid_id=v.grids[0], hamlet="上湾", house_number="9号")),
    A.RECORD_FIELD_WORK: lambda s, a, v, tmp: visits.record_visit(
        s, a, VisitDraft(v.workers[0], v.households[0][1], at(1), "in_person", "info")),
    A.CREATE_ACTIVITY: lambda s, a, v, tmp: activities.create_activity(s, a, "河道清理", "no-rule", TODAY, [v.grids[0]]),
    A.APPROVE_POINTS: lambda s, a, v, tmp: activities.approve(s, a, "no-such-activity"),
    A.REDEEM: lambda s, a, v, tmp: redemption.redeem(s, a, v.households[0][0], []),
    A.VOID_RECEIPT: lambda s, a, v, tmp: redemption.void(s, a, "no-such-receipt", "拿错了"),
    A.ADJUST_STOCK: lambda s, a, v, tmp: stock.stocktake(s, a, "no-such-goods", 1, "盘点"),
    A.COMPUTE_PAYROLL: lambda s, a, v, tmp: payroll.compute_payroll(s, a, "2099-01"),
    A.REVIEW_PAYROLL: lambda s, a, v, tmp: payroll.review_payroll(s, a, "2026-10"),
    A.APPROVE_PAYROLL: lambda s, a, v, tmp: payroll.approve_payroll(s, a, "2026-10"),
    A.LOCK_PAYROLL: lambda s, a, v, tmp: payroll.lock_payroll(s, a, "2026-10"),
    A.EXPORT_UNMASKED: lambda s, a, v, tmp: exports.export_view(s, RegisterFilter("households"), tmp / "x.xlsx",
                                                                actor=a, full=True),
    A.MANAGE_USERS: lambda s, a, v, tmp: users.add_user(s, a, "新来的", "worker"),
    A.BACKUP: lambda s, a, v, tmp: manual.backup(s, a, where=_a_file(tmp) / "sub"),  # past the check: no folder
    A.RESTORE: lambda s, a, v, tmp: restore.restore(s.path, tmp / "no-such.vdbak", store=s, actor=a),
    A.VIEW_AUDIT: lambda s, a, v, tmp: privacy.audit_lines(s, a),
    A.IMPORT_SYNC: lambda s, a, v, tmp: sync_packages.import_file(s, a, tmp / "没有这个包.vdsync"),
    A.EXCHANGE_SYNC: lambda s, a, v, tmp: sync_packages.export_for(s, a, "没有这个节点", tmp),
    A.MANAGE_GRIDS: lambda s, a, v, tmp: workers.edit_worker(s, a, "no-such-worker", "王五", "", "", False, "cadre",
                                                             "", TODAY),
    A.SET_STIPENDS: lambda s, a, v, tmp: stipends.set_subsidy_rate(s, a, "no-such-kind", "50", TODAY),
    A.EVALUATE_WORKERS: lambda s, a, v, tmp: evaluation.evaluate(s, a, "no-such-worker", "2026-Q3", [], "keep"),
    # past the check at a village node: 报表审核 is done at the township (a Chinese refusal, not a write)
    A.RETURN_REPORT: lambda s, a, v, tmp: review.decide(s, a, "no-such-submission", "approved"),
    A.ISSUE_NOTICE: lambda s, a, v, tmp: township_notices.issue_to_villages(s, a, "通知", "", "routine", ["x"]),
    # past the check: a period not yet begun, a set without its period
    A.PREPARE_REPORT: lambda s, a, v, tmp: sending.prepare_set(s, a, "2099-01", tmp),
    A.SIGN_REPORT: lambda s, a, v, tmp: sending.sign_and_submit(s, a, SetExport(tmp, {}, [], None)),
}
# (page key, how to find the button) for each action the UI offers.
BUTTONS = {
    A.VIEW_REGISTER: ("households", lambda p: p.export_button),
    A.REVEAL_IDENTITY: ("households", lambda p: p.panel.buttons["reveal"]),
    A.EDIT_REGISTER: ("households", lambda p: p.add_button),
    A.RECORD_FIELD_WORK: ("visits", lambda p: p.visits_tab.buttons["new"]),
    A.CREATE_ACTIVITY: ("points", lambda p: p.activities.new_button),
    A.APPROVE_POINTS: ("points", lambda p: p.activities.buttons["approve"]),
    A.REDEEM: ("points_store", lambda p: p.counter.confirm_button),
    A.VOID_RECEIPT: ("points_store", lambda p: p.receipts.buttons["void"]),
    A.ADJUST_STOCK: ("points_store", lambda p: p.goods.buttons["stocktake"]),
    A.COMPUTE_PAYROLL: ("grids", lambda p: p.tab["补贴发放"].actions["compute"]),
    A.REVIEW_PAYROLL: ("grids", lambda p: p.tab["补贴发放"].actions["review"]),
    A.APPROVE_PAYROLL: ("grids", lambda p: p.tab["补贴发放"].actions["approve"]),
    A.LOCK_PAYROLL: ("grids", lambda p: p.tab["补贴发放"].actions["lock"]),
    A.MANAGE_USERS: ("settings", lambda p: p.users_box.buttons["add"]),
    A.VIEW_AUDIT: ("settings", lambda p: p.audit_export),
    A.EXPORT_UNMASKED: ("households", lambda p: p.export_full_button),
    A.IMPORT_SYNC: ("sync", lambda p: p.buttons["import"]),
    A.EXCHANGE_SYNC: ("sync", lambda p: p.buttons["export"]),
    A.BACKUP: ("settings", lambda p: p.backup_box.buttons["立即备份"]),
    A.RESTORE: ("settings", lambda p: p.backup_box.buttons["从备份恢复"]),
    A.MANAGE_GRIDS: ("grids", lambda p: p.tab["网格员"].buttons["new"]),
    A.SET_STIPENDS: ("grids", lambda p: p.tab["补贴发放"].findChild(QPushButton, "payroll-tiers")),
    A.EVALUATE_WORKERS: ("grids", lambda p: p.tab["考评"].buttons["new"]),
    A.PREPARE_REPORT: ("reports", lambda p: p.buttons["export-set"]),
    A.SIGN_REPORT: ("reports", lambda p: p.buttons["submit"]),
}
NO_BUTTON = {
    # the button is on the township's 报表审核 page, which a village's window has not: its gate is checked in
    # tests/sync/test_report_review_page.py
    A.RETURN_REPORT: "the township's 报表审核 page",
    A.ISSUE_NOTICE: "the township's 通知下发 page",
}


def _a_file(tmp):
    """A path that is a file where a folder is wanted: a backup allowed by the policy then stops there."""
    path = tmp / "a-file"
    path.write_text("x")
    return path


def test_every_action_has_its_row_its_service_probe_and_its_button():
    """A new action cannot be added to the policy without a row here and a way to try it."""
    assert set(TABLE) == set(Action) == set(POLICY)
    assert set(SERVICE) == set(Action)
    assert set(BUTTONS) | set(NO_BUTTON) == set(Action) and not set(BUTTONS) & set(NO_BUTTON)
    for action, letters in TABLE.items():
        assert {LETTER[r] for r in POLICY[action]} == set(letters), action


@pytest.mark.parametrize("claimed", ["", "head"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_by_each_service_as_the_table_says(office, role, claimed, tmp_path):
    """…with the role the store holds for the user, whatever role the caller's Actor claims."""
    s, v = office.village.store, office.village
    actor = office.by_role(role)
    actor = actor._replace(role=claimed or actor.role)
    for action, probe in SERVICE.items():
        s.conn.execute("BEGIN")
        try:
            probe(s, actor, v, tmp_path)
            outcome = "allowed"
        except PermissionDenied as exc:
            outcome = "refused"
            assert who_may(action) in exc.message, exc.message  # the refusal says who may
        except VillageDeskError:
            outcome = "allowed"  # past the check, stopped by the made-up record
        finally:
            s.conn.execute("ROLLBACK")
        expected = "allowed" if LETTER[role] in TABLE[action] else "refused"
        assert outcome == expected, f"{role} {action.name}: {outcome}"


def test_a_refused_attempt_is_audited_and_changes_nothing(office):
    s = office.village.store
    before = s.scalar("SELECT count(*) FROM change_log")
    with pytest.raises(PermissionDenied, match="只有书记/主任可以作废兑换凭证"):
        redemption.void(s, office.clerk, "any", "拿错了")
    assert s.scalar("SELECT count(*) FROM change_log") == before
    line = privacy.audit_lines(s, office.head)[0]
    assert (line.user, line.action) == ("李会计", "拒绝操作") and "作废兑换凭证" in line.detail


@pytest.mark.parametrize("role", ROLES)
def test_each_roles_buttons_are_enabled_or_disabled_with_the_reason(make_window, office, role):
    actor = office.by_role(role)
    window = make_window(office.village.store, actor)
    for action, (key, find) in BUTTONS.items():
        page = window.show_page(key)
        button = find(page)
        gate = next(g for g in gates_of(window) if g.button is button)
        assert gate.action is action
        if can(actor, action):
            assert button.isEnabled() == gate.wanted, f"{role} {action.name}"
        else:
            assert not button.isEnabled(), f"{role} {action.name}"
            assert who_may(action) in button.toolTip() and actor.name in button.toolTip()


def test_a_head_alone_can_reach_every_village_action_by_adding_a_user_it_may_grant():
    """A single-user office (one 书记/主任, PIN off) cannot prepare reports or compute and review a payroll: those are
    the clerk's (and four eyes need a second person anyway). Each such action is held by a role the head may grant,
    so the office adds a 文书/会计 under 系统设置 › 用户; only the township's own actions stay out of reach."""
    from villagedesk.domain.actor import Actor
    from villagedesk.domain.permissions import GRANTABLE, HEAD, NODE_ACTIONS, TOWNSHIP_ADMIN

    head = Actor("h", "王书记", HEAD)
    out_of_reach = {a for a in Action if not can(head, a)}
    assert out_of_reach == {A.COMPUTE_PAYROLL, A.REVIEW_PAYROLL, A.PREPARE_REPORT, A.RETURN_REPORT, A.ISSUE_NOTICE}
    for action in out_of_reach:
        grantable = set(GRANTABLE[HEAD]) & POLICY[action]
        township_only = POLICY[action] == {TOWNSHIP_ADMIN} and action in NODE_ACTIONS["township"]
        assert grantable or township_only, action
