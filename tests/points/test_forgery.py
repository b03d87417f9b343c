"""Forgeries done as an attacker would, with the sqlite3 module on the file: `check` fails and names the record."""

from __future__ import annotations

import sqlite3

import pytest

from tests.points.conftest import TODAY, award
from villagedesk.domain.points.hashing import entry_hash
from villagedesk.services.integrity import check


def _attacker(pv) -> sqlite3.Connection:
    path = pv.store.path
    pv.store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def _rechain(conn: sqlite3.Connection, origin: str) -> None:
    """Recompute every hash of a chain from its start, as someone who read the source would."""
    prev = "0" * 64
    for e in conn.execute("SELECT * FROM point_entries WHERE origin = ? ORDER BY seq", (origin,)).fetchall():
        h = entry_hash(prev, e)
        conn.execute("UPDATE point_entries SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, e["id"]))
        prev = h


def _fix_balances(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM point_balances")
    conn.execute("INSERT INTO point_balances SELECT household_id, SUM(delta), count(*) FROM point_entries"
                 " GROUP BY household_id")


def _problems(pv) -> list[str]:
    from villagedesk.store import open_store
    store = open_store(pv.store.path)
    try:
        return check(store)
    finally:
        store.close()


def _entries(pv):
    return [dict(r) for r in pv.store.query("SELECT * FROM point_entries ORDER BY seq")]


def test_the_honest_village_checks_ok(pv):
    award(pv, ["张大山", "王小明"])
    assert check(pv.store) == []


@pytest.mark.parametrize("capture", [1, 0], ids=["change-log-on", "change-log-switched-off"])
def test_an_amount_edited_with_the_chain_recomputed_and_the_balance_fixed_is_named(pv, capture):
    award(pv, ["张大山", "王小明"])
    award(pv, ["王小明"], title="敬老院慰问")
    target = _entries(pv)[0]
    conn = _attacker(pv)
    conn.execute("DROP TRIGGER point_entries_no_update")
    conn.execute("UPDATE sync_state SET capture = ?", (capture,))
    conn.execute("UPDATE point_entries SET delta = 500 WHERE id = ?", (target["id"],))
    _rechain(conn, target["origin"])
    _fix_balances(conn)
    conn.execute("UPDATE sync_state SET capture = 1")
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "哈希不符" not in problems and "余额缓存" not in problems  # the chain and balances look sound
    assert f"积分台账记录 {target['id']}" in problems
    assert "+500 分" in problems and "没有对应的已入账活动参与人" in problems


def test_the_last_award_deleted_and_its_balance_fixed_is_named(pv):
    award(pv, ["张大山"])
    award(pv, ["王小明"], title="敬老院慰问")
    last = _entries(pv)[-1]
    conn = _attacker(pv)
    with pytest.raises(sqlite3.IntegrityError, match="变更日志不能删除"):
        conn.execute("DELETE FROM change_log WHERE tbl = 'point_entries' AND row_id = ?", (last["id"],))
    conn.execute("DROP TRIGGER point_entries__log_no_delete")
    conn.execute("DELETE FROM point_entries WHERE id = ?", (last["id"],))
    _fix_balances(conn)
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "哈希不符" not in problems and "序号不连续" not in problems and "余额缓存" not in problems
    assert f"积分台账记录 {last['id']}" in problems and "已被删除" in problems
    assert "敬老院慰问" in problems and "王小明没有加分记录" in problems


def test_a_thousand_point_award_inserted_in_chain_through_the_triggers_is_named(pv):
    aid = award(pv, ["张大山", "王小明"])
    head = _entries(pv)[-1]
    conn = _attacker(pv)
    row = {**head, "id": "forged-award", "seq": head["seq"] + 1, "delta": 1000, "prev_hash": head["hash"],
           "household_id": pv.households[1], "resident_id": pv.residents["王小明"], "source_id": aid}
    row["hash"] = entry_hash(row["prev_hash"], row)
    conn.execute(f"INSERT INTO point_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))  # no trigger dropped: balance and change log follow it as genuine
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "哈希不符" not in problems and "余额缓存" not in problems
    assert "积分台账记录 forged-award" in problems and "+1000 分" in problems
    assert "加分 2 次" in problems


def test_an_award_inserted_without_any_activity_is_named(pv):
    award(pv, ["张大山"])
    head = _entries(pv)[-1]
    conn = _attacker(pv)
    conn.execute("UPDATE sync_state SET capture = 0")  # and kept out of the change log
    row = {**head, "id": "forged-2", "seq": head["seq"] + 1, "delta": 1000, "prev_hash": head["hash"],
           "source_id": "no-such-activity"}
    row["hash"] = entry_hash(row["prev_hash"], row)
    conn.execute(f"INSERT INTO point_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "积分台账记录 forged-2" in problems and "在变更日志中没有记录" in problems
    assert "没有对应的已入账活动参与人" in problems


def test_stock_is_kept_per_goods_and_a_forged_stock_is_named(pv):
    assert pv.store.scalar("SELECT stock FROM goods_stock WHERE goods_id = ?", (pv.rice.id,)) == 5
    conn = _attacker(pv)
    conn.execute("UPDATE goods_stock SET stock = 50 WHERE goods_id = ?", (pv.rice.id,))
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "物资“大米(10kg)”的库存记为 50（1 笔），但库存流水合计为 5（1 笔）" in problems


def _report_text(pv, tmp_path, name: str) -> str:
    from pypdf import PdfReader

    from villagedesk.services.reports import export
    from villagedesk.store import open_store

    store = open_store(pv.store.path)
    try:
        out = export.export_report(store, "points", TODAY.strftime("%Y-%m"), "pdf", tmp_path / name)
    finally:
        store.close()
    return "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")


def test_the_points_report_prints_the_chain_head_and_a_recomputed_ledger_contradicts_it(pv, tmp_path):
    award(pv, ["张大山", "王小明"])
    head = _entries(pv)[-1]
    filed = _report_text(pv, tmp_path, "filed.pdf")
    assert f"节点 {head['origin'][:8]} 第 {head['seq']} 条 {head['hash'][:12]}" in filed
    conn = _attacker(pv)
    conn.execute("DROP TRIGGER point_entries_no_update")
    conn.execute("UPDATE point_entries SET delta = 500 WHERE seq = 1")
    _rechain(conn, head["origin"])
    _fix_balances(conn)
    conn.close()
    again = _report_text(pv, tmp_path, "again.pdf")
    assert f"第 {head['seq']} 条 {head['hash'][:12]}" not in again and f"第 {head['seq']} 条" in again


def test_the_change_log_refuses_update_and_delete(pv):
    award(pv, ["张大山"])
    conn = _attacker(pv)
    row = conn.execute("SELECT origin, seq FROM change_log WHERE tbl = 'point_entries' LIMIT 1").fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="变更日志不能修改"):
        conn.execute("UPDATE change_log SET payload = json_set(payload, '$.delta', 500)"
                     " WHERE origin = ? AND seq = ?", tuple(row))
    with pytest.raises(sqlite3.IntegrityError, match="变更日志不能删除"):
        conn.execute("DELETE FROM change_log WHERE origin = ? AND seq = ?", tuple(row))
    conn.close()
    assert _problems(pv) == []


def test_a_redeem_entry_inserted_in_chain_without_a_receipt_is_named(pv):
    from villagedesk.services.points import redemption

    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], title="敬老院慰问")
    redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    head = _entries(pv)[-1]
    conn = _attacker(pv)
    row = {**head, "id": "forged-redeem", "seq": head["seq"] + 1, "delta": -30, "prev_hash": head["hash"],
           "source_id": "no-such-receipt"}
    row["hash"] = entry_hash(row["prev_hash"], row)
    conn.execute(f"INSERT INTO point_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))  # through the triggers: balance and change log follow it
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "哈希不符" not in problems and "余额缓存" not in problems
    assert "积分台账记录 forged-redeem" in problems and "-30 分" in problems and "没有对应的兑换凭证" in problems


def test_a_receipts_stock_movement_deleted_with_the_stock_fixed_is_named(pv):
    from villagedesk.services.points import redemption

    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], title="敬老院慰问")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    conn = _attacker(pv)
    conn.execute("DROP TRIGGER stock_movements__log_no_delete")
    conn.execute("DELETE FROM stock_movements WHERE redemption_id = ?", (done.id,))
    conn.execute("UPDATE goods_stock SET stock = stock + 1, movements = movements - 1 WHERE goods_id = ?",
                 (pv.rice.id,))  # the maintained stock made to agree with the movements left
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "库存记为" not in problems  # the stock and its movements agree
    assert f"兑换凭证 {done.number} 的{pv.rice.name}兑换 1，库存出库却是 0" in problems
    assert "库存流水" in problems and "已被删除" in problems


def test_a_deduction_larger_than_its_rule_inserted_in_chain_is_named(pv):
    from villagedesk.services.points import ledger

    award(pv, ["张大山"])
    ledger.deduct(pv.store, pv.admin, pv.residents["王小明"], pv.deduct.id)
    head = _entries(pv)[-1]
    assert (head["kind"], head["delta"]) == ("deduct", -5)
    conn = _attacker(pv)
    row = {**head, "id": "forged-deduct", "seq": head["seq"] + 1, "delta": -100, "prev_hash": head["hash"]}
    row["hash"] = entry_hash(row["prev_hash"], row)
    conn.execute(f"INSERT INTO point_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))  # the same rule, twenty times its points, through the triggers
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "哈希不符" not in problems and "余额缓存" not in problems
    assert "积分台账记录 forged-deduct" in problems and "-100 分" in problems and "积分规则" in problems
    assert head["id"] not in problems  # the genuine deduction is not named


def test_a_participant_and_award_added_after_posting_through_the_triggers_is_named(pv):
    """The attacker adds 李秀英 to a posted activity and gives her the activity's points, through every trigger:
    participant, award, chain, balance and change log all agree, but the log shows both came after the posting."""
    aid = award(pv, ["张大山"])
    head = _entries(pv)[-1]
    part = dict(pv.store.query("SELECT * FROM activity_participants WHERE activity_id = ?", (aid,))[0])
    conn = _attacker(pv)
    fake = {**part, "id": "forged-participant", "resident_id": pv.residents["李秀英"]}
    conn.execute(f"INSERT INTO activity_participants ({', '.join(fake)}) VALUES ({', '.join('?' * len(fake))})",
                 tuple(fake.values()))
    row = {**head, "id": "forged-late-award", "seq": head["seq"] + 1, "prev_hash": head["hash"],
           "resident_id": pv.residents["李秀英"]}
    row["hash"] = entry_hash(row["prev_hash"], row)
    conn.execute(f"INSERT INTO point_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "哈希不符" not in problems and "余额缓存" not in problems and "没有对应的已入账活动参与人" not in problems
    assert "积分台账记录 forged-late-award" in problems and "是事后添加的" in problems
    assert head["id"] not in problems  # the genuine award is not named


@pytest.mark.parametrize("on_receipt", [True, False], ids=["on-a-real-receipt", "on-no-receipt"])
def test_goods_taken_out_as_a_redemption_no_receipt_lists_is_named(pv, on_receipt):
    """Oil taken out of stock by a 'redemption' movement through every trigger (stock, change log): no receipt
    issued it, so the goods left the store unaccounted for."""
    from villagedesk.services.points import redemption

    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], title="敬老院慰问")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    out = dict(pv.store.query("SELECT * FROM stock_movements WHERE redemption_id = ?", (done.id,))[0])
    conn = _attacker(pv)
    fake = {**out, "id": "forged-outflow", "goods_id": pv.oil.id, "quantity": -1,
            "redemption_id": done.id if on_receipt else None}
    conn.execute(f"INSERT INTO stock_movements ({', '.join(fake)}) VALUES ({', '.join('?' * len(fake))})",
                 tuple(fake.values()))
    conn.close()
    problems = "\n".join(_problems(pv))
    assert "库存记为" not in problems  # goods_stock followed the movement
    assert "库存流水 forged-outflow" in problems and pv.oil.name in problems and "物资出入库无据可查" in problems


def test_goods_returned_to_stock_for_a_receipt_never_voided_are_named(pv):
    from villagedesk.services.points import redemption

    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], title="敬老院慰问")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    out = dict(pv.store.query("SELECT * FROM stock_movements WHERE redemption_id = ?", (done.id,))[0])
    conn = _attacker(pv)
    back = {**out, "id": "forged-return", "kind": "void_return", "quantity": 1}
    conn.execute(f"INSERT INTO stock_movements ({', '.join(back)}) VALUES ({', '.join('?' * len(back))})",
                 tuple(back.values()))
    conn.close()
    problems = "\n".join(_problems(pv))
    assert f"库存流水 forged-return（{pv.rice.name} +1，作废退回）：兑换凭证 {done.number} 并未作废" in problems
