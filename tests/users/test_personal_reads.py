"""Reads of one person's or household's full record ask the policy: a worker sees only their own grids' people."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk.domain.errors import PermissionDenied
from villagedesk.services import privacy
from villagedesk.services.register import households, insurance, residents


def _first_member(store, household_id):
    return households.members(store, household_id)[0][0]


def test_a_worker_opens_a_household_of_their_grid_and_is_refused_one_of_another(office):
    s, v = office.village.store, office.village
    mine, theirs = v.households[0][0], v.households[1][0]
    assert households.household_view(s, office.worker, mine).members
    assert residents.resident_view(s, office.worker, _first_member(s, mine)).name
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        households.household_view(s, office.worker, theirs)
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        residents.resident_view(s, office.worker, _first_member(s, theirs))
    refused = [line for line in privacy.audit_lines(s, TEST_ACTOR, kind="拒绝操作") if line.user == "赵网格"]
    assert len(refused) == 2  # both attempts are in the audit trail


def test_a_record_read_by_who_may_not_edit_it_has_its_numbers_masked(office):
    """A worker (and the township) reads a household masked; the head's edit form gets the numbers in full."""
    s, v = office.village.store, office.village
    mine = v.households[0][0]
    rid = _first_member(s, mine)
    number = s.scalar("SELECT id_number FROM residents WHERE id = ?", (rid,))
    phone = s.scalar("SELECT phone FROM households WHERE id = ?", (mine,))
    full = households.household_view(s, TEST_ACTOR, mine)
    assert (full.members[0].id_number, full.phone) == (number, phone) and phone
    assert residents.resident_view(s, office.clerk, rid).id_number == number
    for actor in (office.worker, office.worker._replace(role="head")):  # the role is the store's
        seen = households.household_view(s, actor, mine)
        one = residents.resident_view(s, actor, rid)
        for shown in (seen.members[0].id_number, one.id_number):
            assert shown == number[:6] + "********" + number[-4:]
        assert seen.phone == phone[:3] + "****" + phone[-4:]


def test_the_not_enrolled_list_of_a_worker_holds_only_their_grids_and_its_print_is_audited(office, tmp_path):
    s, v = office.village.store, office.village
    everyone = {g.grid_id for g in insurance.not_enrolled(s, TEST_ACTOR, 2026)}
    assert len(everyone) == 2
    assert {g.grid_id for g in insurance.not_enrolled(s, office.worker, 2026)} == {v.grids[0]}
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        insurance.not_enrolled(s, office.worker, 2026, grid_id=v.grids[1])
    pdf = insurance.write_not_enrolled_pdf(s, office.worker, 2026, tmp_path / "未参保.pdf")
    printed = privacy.audit_lines(s, TEST_ACTOR, kind="打印未参保名单")
    assert [(line.user, pdf.name in line.detail) for line in printed] == [("赵网格", True)]


def test_every_print_of_names_asks_the_policy_and_leaves_an_audit_line(office, tmp_path):
    from villagedesk.services.field_work import ledger
    from villagedesk.services.points import ledger as points_ledger

    s, v = office.village.store, office.village
    with pytest.raises(PermissionDenied, match="请先选择网格"):
        ledger.export_ledger(s, office.worker, tmp_path / "台账.xlsx", "xlsx")
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        points_ledger.write_statement_pdf(s, office.worker, v.households[1][0], tmp_path / "别人的.pdf")
    assert not (tmp_path / "台账.xlsx").exists() and not (tmp_path / "别人的.pdf").exists()
    ledger.export_ledger(s, office.worker, tmp_path / "本网格台账.xlsx", "xlsx", grid_id=v.grids[0])
    points_ledger.write_statement_pdf(s, office.worker, v.households[0][0], tmp_path / "对账单.pdf")
    points_ledger.write_poster_pdf(s, office.clerk, tmp_path / "红榜.pdf")
    lines = {(line.user, line.action, line.detail.rsplit("：", 1)[-1]) for line in privacy.audit_lines(s, TEST_ACTOR)}
    assert {("赵网格", "导出纠纷台账", "本网格台账.xlsx"), ("赵网格", "打印积分对账单", "对账单.pdf"),
            ("李会计", "打印积分红榜", "红榜.pdf")} <= lines


def test_the_visit_and_emergency_ledgers_ask_the_policy_and_leave_an_audit_line(office, tmp_path):
    from villagedesk.services.field_work import emergency_ledger, visit_ledger

    s, v = office.village.store, office.village
    with pytest.raises(PermissionDenied, match="请先选择网格"):
        visit_ledger.export_visits(s, office.worker, tmp_path / "走访.xlsx", "xlsx")
    with pytest.raises(PermissionDenied, match="本人负责的网格"):
        visit_ledger.export_visits(s, office.worker, tmp_path / "走访.xlsx", "xlsx", grid_id=v.grids[1])
    with pytest.raises(PermissionDenied, match="请先选择网格"):  # incidents span grids: the office prints them
        emergency_ledger.export_emergencies(s, office.worker, tmp_path / "突发.pdf", "pdf")
    assert not (tmp_path / "走访.xlsx").exists() and not (tmp_path / "突发.pdf").exists()
    visit_ledger.export_visits(s, office.worker, tmp_path / "本网格走访.pdf", "pdf", grid_id=v.grids[0])
    emergency_ledger.export_emergencies(s, office.clerk, tmp_path / "突发.xlsx", "xlsx")
    lines = {(line.user, line.action, line.detail.rsplit("：", 1)[-1]) for line in privacy.audit_lines(s, TEST_ACTOR)}
    assert {("赵网格", "打印走访台账", "本网格走访.pdf"), ("李会计", "导出突发事件台账", "突发.xlsx")} <= lines


def test_a_worker_searching_finds_only_the_people_of_their_own_grids(office):
    from villagedesk.services.register import search

    s, v = office.village.store, office.village
    head_of = {hid: households.household_view(s, TEST_ACTOR, hid).members[0].name
               for grid in v.households for hid in grid}
    name_mine, name_theirs = head_of[v.households[0][0]], head_of[v.households[1][0]]
    assert {h.name for h in search.search(s, name_theirs, actor=TEST_ACTOR)} >= {name_theirs}
    assert name_theirs not in {h.name for h in search.search(s, name_theirs, actor=office.worker)}
    assert name_mine in {h.name for h in search.search(s, name_mine, actor=office.worker)}
    assert search.search(s, name_theirs, actor=office.worker, grid_id=v.grids[1]) == []


def test_a_worker_s_lists_of_visits_follow_ups_disputes_points_and_to_do_hold_only_their_grids(office):
    from tests.field_work.conftest import at
    from villagedesk.domain.field_work.visits import FindingDraft, VisitDraft
    from villagedesk.services.field_work import follow_ups, ledger, todo, visits
    from villagedesk.services.points import ledger as points_ledger

    s, v = office.village.store, office.village
    follow_ups.set_follow_up_days(s, TEST_ACTOR, 1)
    with s.transaction():  # a key population in the other grid too: its visit owes a follow-up as well
        s.insert("resident_categories", {"resident_id": v.heads[v.households[1][0]], "category": "elderly_alone",
                                         "since": "2020-01-01"}, TEST_ACTOR)
    for g in (0, 1):
        for finding in (FindingDraft("hardship", "冬季取暖困难", "care"), FindingDraft("dispute", "邻里用水纠纷")):
            visits.record_visit(s, TEST_ACTOR, VisitDraft(v.workers[g], v.households[g][0], at(1, 9 + g), "in_person",
                                                          "info", finding=finding))
    grid_of = dict(zip(v.grids, ("上湾", "下沟"), strict=True))
    mine = grid_of[v.grids[0]]
    reads = {
        "visits": lambda who: {x.grid_name for x in visits.list_visits(s, actor=who)},
        "findings": lambda who: {x.grid_name for x in visits.open_findings(s, actor=who)},
        "follow-ups": lambda who: {x.grid_name for x in follow_ups.pending(s, actor=who)},
        "disputes": lambda who: {x.grid_name for x in ledger.ledger(s, actor=who)},
        "points": lambda who: {x.grid_name for x in points_ledger.accounts(s, actor=who)},
        "to-do": lambda who: {i.title.rsplit("（", 1)[-1].rstrip("）")
                              for i in todo.todo_list(s, today=at(0).date() + dt.timedelta(days=10), actor=who).items["follow_up"]},
    }
    for name, read in reads.items():
        assert read(TEST_ACTOR) == {"上湾", "下沟"}, name
        assert read(office.clerk) == {"上湾", "下沟"}, name
        assert read(office.worker) == {mine}, name
    assert visits.count_visits(s, actor=office.worker) == 2 and visits.count_visits(s, actor=office.clerk) == 4
    assert len(todo.todo_list(s, today=at(0).date() + dt.timedelta(days=10), actor=office.worker).items["dispute"]) == 1
    for ask in (lambda: visits.list_visits(s, grid_id=v.grids[1], actor=office.worker),
                lambda: follow_ups.pending(s, grid_id=v.grids[1], actor=office.worker),
                lambda: ledger.ledger(s, grid_id=v.grids[1], actor=office.worker),
                lambda: points_ledger.accounts(s, grid_id=v.grids[1], actor=office.worker)):
        with pytest.raises(PermissionDenied, match="本人负责的网格"):
            ask()
    refused = [line for line in privacy.audit_lines(s, TEST_ACTOR, kind="拒绝操作") if line.user == "赵网格"]
    assert len(refused) == 4


def test_a_dispute_and_a_notice_s_households_are_read_for_the_user_masked_and_within_their_grids(office):
    """disputes.detail and notices.households take the user: a worker reads only their grids; numbers masked."""
    from tests.field_work.test_disputes import _open
    from tests.field_work.test_notices import _issue
    from villagedesk.services.field_work import disputes, notices

    s, v = office.village.store, office.village
    s.conn.execute("UPDATE residents SET phone = '13912345678' WHERE id = ?", (v.heads[v.households[0][0]],))
    mine, theirs = _open(s, v, 0), _open(s, v, 1)
    party = disputes.detail(s, office.worker, mine).parties[0]
    assert party.phone == "139****5678" and "********" in party.id_number
    assert disputes.detail(s, TEST_ACTOR, mine).parties[0].phone == "139****5678"  # the panel shows names only
    nid = _issue(s, v)
    assert {h.phone[3:7] for h in notices.households(s, office.worker, nid, v.grids[0])} == {"****"}
    for read in (lambda: disputes.detail(s, office.worker, theirs),
                 lambda: notices.households(s, office.worker, nid, v.grids[1])):
        with pytest.raises(PermissionDenied, match="本人负责的网格"):
            read()
