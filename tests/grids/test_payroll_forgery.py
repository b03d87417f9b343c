"""A locked payroll line raised by 500 yuan with its fingerprint recomputed, as an attacker would: `check` names it."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import TEST_ACTOR, payroll_office
from tests.grids.test_payroll import TODAY, october  # noqa: F401 (the fixture)
from villagedesk.domain.grids.payroll import fingerprint
from villagedesk.services.grids import payroll
from villagedesk.services.integrity import check
from villagedesk.store import open_store


@pytest.mark.parametrize("capture", [1, 0], ids=["change-log-on", "change-log-switched-off"])
def test_a_raised_locked_line_with_a_recomputed_fingerprint_is_named(store, october, capture):  # noqa: F811
    office = payroll_office(store)
    payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    payroll.review_payroll(store, office.reviewer, "2026-10")
    payroll.approve_payroll(store, office.approver, "2026-10")
    payroll.lock_payroll(store, office.approver, "2026-10")
    assert check(store) == []
    path = store.path
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("DROP TRIGGER payroll_lines__locked")
    conn.execute("DROP TRIGGER payrolls__locked")
    conn.execute("UPDATE sync_state SET capture = ?", (capture,))
    conn.execute("UPDATE payroll_lines SET stipend_fen = stipend_fen + 50000, total_fen = total_fen + 50000"
                 " WHERE worker_name = '张大山'")
    p = conn.execute("SELECT * FROM payrolls WHERE month = '2026-10'").fetchone()
    lines = [dict(r) for r in conn.execute("SELECT * FROM payroll_lines WHERE payroll_id = ?", (p["id"],))]
    conn.execute("UPDATE payrolls SET stipend_fen = stipend_fen + 50000, total_fen = total_fen + 50000,"
                 " lock_hash = ? WHERE id = ?", (fingerprint("2026-10", lines), p["id"]))
    conn.execute("UPDATE sync_state SET capture = 1")
    conn.close()
    s = open_store(path)
    try:
        problems = "\n".join(check(s))
    finally:
        s.close()
    assert "与锁定时不一致" not in problems and "合计" not in problems  # fingerprint and totals look sound
    assert "补贴发放表 2026-10" in problems and "张大山" in problems
    # whatever the change log says, the line no longer matches the tier it was computed from
    assert "张大山网格补贴为 580.00 元，与当月阶梯标准" in problems
    if capture:
        assert "锁定后，张大山的发放明细又被改动" in problems
    else:
        assert "张大山（stipend_fen）为 58000 分，变更日志记录的是 8000 分" in problems


def test_a_locked_line_forged_in_the_change_log_too_contradicts_its_days_and_tier(store, october):  # noqa: F811
    """The attacker drops the change log's guards as well and rewrites its payloads: the line still disagrees with
    the service days the payroll paid and the tier in force that month."""
    office = payroll_office(store)
    payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    payroll.review_payroll(store, office.reviewer, "2026-10")
    payroll.approve_payroll(store, office.approver, "2026-10")
    payroll.lock_payroll(store, office.approver, "2026-10")
    path = store.path
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for trigger in ("payroll_lines__locked", "payrolls__locked", "change_log_no_update", "change_log_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("UPDATE sync_state SET capture = 0")
    conn.execute("UPDATE payroll_lines SET stipend_fen = stipend_fen + 50000, subsidy_fen = subsidy_fen + 6000,"
                 " subsidy_days = subsidy_days + 1, total_fen = total_fen + 56000 WHERE worker_name = '张大山'")
    line = dict(conn.execute("SELECT * FROM payroll_lines WHERE worker_name = '张大山'").fetchone())
    conn.execute("UPDATE change_log SET payload = json_set(payload, '$.stipend_fen', ?, '$.subsidy_fen', ?,"
                 " '$.subsidy_days', ?, '$.total_fen', ?) WHERE tbl = 'payroll_lines' AND row_id = ?",
                 (line["stipend_fen"], line["subsidy_fen"], line["subsidy_days"], line["total_fen"], line["id"]))
    p = conn.execute("SELECT * FROM payrolls WHERE month = '2026-10'").fetchone()
    lines = [dict(r) for r in conn.execute("SELECT * FROM payroll_lines WHERE payroll_id = ?", (p["id"],))]
    conn.execute("UPDATE payrolls SET stipend_fen = stipend_fen + 50000, subsidy_fen = subsidy_fen + 6000,"
                 " total_fen = total_fen + 56000, lock_hash = ? WHERE id = ?", (fingerprint("2026-10", lines), p["id"]))
    conn.close()
    s = open_store(path)
    try:
        problems = "\n".join(check(s))
    finally:
        s.close()
    assert "变更日志记录的是" not in problems  # the log was made to agree
    assert "补贴发放表 2026-10 的张大山网格补贴为 580.00 元，与当月阶梯标准" in problems
    assert "补贴发放表 2026-10 的张大山应急补助为" in problems and "但该表记下发放的服务日合计" in problems
