"""Checks run inside the write lock: a second writer (another desk, a sync import) that commits between a page's
click and the write's BEGIN IMMEDIATE is seen by the check, so the write is refused and nothing is written."""

from __future__ import annotations

import contextlib

import pytest

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.field_work.disputes import DisputeDraft, MediationDraft, PartyDraft
from villagedesk.domain.field_work.emergencies import EmergencyDraft
from villagedesk.domain.field_work.notices import NoticeDraft
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.services.field_work import disputes, emergencies, notices, visits
from villagedesk.store import open_store


@contextlib.contextmanager
def second_writer_before_begin(store, write):
    """Run `write(other_store)` on a second connection to the same file, committed just as `store` starts its
    BEGIN IMMEDIATE (before it holds the lock): what a check made before BEGIN would miss."""
    other = open_store(store.path)
    fired = []

    def saw(sql: str) -> None:
        if sql == "BEGIN IMMEDIATE" and not fired:
            fired.append(sql)
            write(other)

    store.conn.set_trace_callback(saw)
    try:
        yield fired
    finally:
        store.conn.set_trace_callback(None)
        other.close()
    assert fired, "the write never began a transaction"


def _count(store, table):
    return store.scalar(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")


def test_a_visit_to_a_household_moved_away_meanwhile_is_refused(store, village):
    hid = village.households[0][0]
    before = _count(store, "visits")
    draft = VisitDraft(village.workers[0], hid, at(1), "in_person", "info")
    with second_writer_before_begin(store, lambda o: _with(o, lambda: o.update(
            "households", hid, {"status": "moved_away"}, TEST_ACTOR))), \
            pytest.raises(ValidationError, match="已不是在册农户"):
        visits.record_visit(store, TEST_ACTOR, draft)
    assert _count(store, "visits") == before


def test_a_mediation_on_a_dispute_closed_meanwhile_is_refused(store, village):
    a, b = village.households[0][0], village.households[0][1]
    did = disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(
        village.grids[0], "neighbour", "两家因排水沟堵塞发生争吵。", at(10).date(), village.worker_names[0],
        (PartyDraft(village.head_names[a], village.heads[a]), PartyDraft(village.head_names[b], village.heads[b])),
        village.workers[0]))
    disputes.record_mediation(store, TEST_ACTOR, did, MediationDraft(at(5).date(), "赵网格", "agreed", "现场查看",
                                                                     "一、清理排水沟。"))
    before = _count(store, "mediations")
    close = lambda o: disputes.set_outcome(o, TEST_ACTOR, did, "resolved_in_grid", at(4).date())  # noqa: E731
    with second_writer_before_begin(store, close), pytest.raises(ConflictError, match="网格内调解已结束"):
        disputes.record_mediation(store, TEST_ACTOR, did, MediationDraft(at(3).date(), "赵网格", "failed", "再次调解"))
    assert _count(store, "mediations") == before


def test_an_action_on_an_emergency_closed_meanwhile_is_refused(store, village):
    eid = emergencies.open_emergency(store, TEST_ACTOR, EmergencyDraft("flood", "上湾山洪", at(3, 22),
                                                                       (village.grids[0],)))
    before = _count(store, "emergency_actions")
    close = lambda o: emergencies.close_emergency(o, TEST_ACTOR, eid, at(2, 8), "handled")  # noqa: E731
    with second_writer_before_begin(store, close), pytest.raises(ConflictError, match="已关闭"):
        emergencies.add_action(store, TEST_ACTOR, eid, at(2, 9), "转移完毕")
    assert _count(store, "emergency_actions") == before


def test_a_household_reached_by_another_desk_meanwhile_is_not_marked_twice(store, village):
    nid = notices.issue_notice(store, TEST_ACTOR, NoticeDraft("防汛预警：今夜有暴雨", "请低洼处农户做好转移准备。",
                                                              "urgent", at(1, 8), tuple(village.grids), "village"))
    hid = village.households[0][0]
    reach = lambda o: notices.mark_reached(o, TEST_ACTOR, nid, hid, "phone", at(1, 9))  # noqa: E731
    with second_writer_before_begin(store, reach), pytest.raises(ConflictError, match="不能重复标记"):
        notices.mark_reached(store, TEST_ACTOR, nid, hid, "in_person", at(1, 9, 30))
    assert _count(store, "notice_reaches") == 1


def _with(other, write):
    with other.transaction():
        write()
