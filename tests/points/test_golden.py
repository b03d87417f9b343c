"""Known answers for the ledger chain and the receipt check value, written out here, not computed by our code.

The hashes below were computed once, outside the project, with nothing but hashlib over the canonical JSON
text written out beside them (DESIGN.md §3: sorted keys, no spaces, UTF-8 kept as is); the tests recompute
them the same independent way, so a literal and its derivation guard each other. If one of them fails,
the chain a village already holds would no longer verify: change the code back, never the numbers.
"""

import hashlib
import json

from tests.points.conftest import award
from villagedesk.domain.points.hashing import GENESIS, canonical_json, entry_hash, entry_payload
from villagedesk.domain.points.receipt import check_value
from villagedesk.services.points import redemption
from villagedesk.store.points import ledger as ledger_repo

ENTRY_1 = {"id": "0190a1b2-0000-7000-8000-000000000001", "origin": "node-a", "seq": 1, "village_id": "v-guihua",
           "household_id": "h-zhang", "resident_id": "r-zhang-dashan", "delta": 10, "kind": "award",
           "reason": "河道清理（第3网格）", "source_type": "activity", "source_id": "act-1", "reverses_id": None,
           "operator_id": "u-li", "operator_name": "李会计", "at": "2026-11-02T09:05:00+08:00",
           "hlc": "1764637500000.00000", "updated_at": "2026-11-02T09:05:00+08:00"}  # not hashed
ENTRY_2 = {"id": "0190a1b2-0000-7000-8000-000000000002", "origin": "node-a", "seq": 2, "village_id": "v-guihua",
           "household_id": "h-zhang", "resident_id": None, "delta": -30, "kind": "redeem",
           "reason": "兑换 大米（10kg）×1", "source_type": "redemption", "source_id": "rd-1", "reverses_id": None,
           "operator_id": "u-li", "operator_name": "李会计", "at": "2026-11-15T16:40:12+08:00"}
ENTRY_3 = {"id": "0190a1b2-0000-7000-8000-000000000003", "origin": "node-a", "seq": 3, "village_id": "v-guihua",
           "household_id": "h-zhang", "resident_id": "r-zhang-dashan", "delta": -10, "kind": "reversal",
           "reason": '冲正：重复登记 "河道"\\清理', "source_type": "entry",
           "source_id": "0190a1b2-0000-7000-8000-000000000001",
           "reverses_id": "0190a1b2-0000-7000-8000-000000000001",
           "operator_id": "u-wang", "operator_name": "王主任", "at": "2026-11-30T14:00:00+08:00"}

CANONICAL = [
    '{"at":"2026-11-02T09:05:00+08:00","delta":10,"household_id":"h-zhang",'
    '"id":"0190a1b2-0000-7000-8000-000000000001","kind":"award","operator_id":"u-li","operator_name":"李会计",'
    '"origin":"node-a","reason":"河道清理（第3网格）","resident_id":"r-zhang-dashan","reverses_id":null,"seq":1,'
    '"source_id":"act-1","source_type":"activity","village_id":"v-guihua"}',
    '{"at":"2026-11-15T16:40:12+08:00","delta":-30,"household_id":"h-zhang",'
    '"id":"0190a1b2-0000-7000-8000-000000000002","kind":"redeem","operator_id":"u-li","operator_name":"李会计",'
    '"origin":"node-a","reason":"兑换 大米（10kg）×1","resident_id":null,"reverses_id":null,"seq":2,'
    '"source_id":"rd-1","source_type":"redemption","village_id":"v-guihua"}',
    '{"at":"2026-11-30T14:00:00+08:00","delta":-10,"household_id":"h-zhang",'
    '"id":"0190a1b2-0000-7000-8000-000000000003","kind":"reversal","operator_id":"u-wang","operator_name":"王主任",'
    '"origin":"node-a","reason":"冲正：重复登记 \\"河道\\"\\\\清理","resident_id":"r-zhang-dashan",'
    '"reverses_id":"0190a1b2-0000-7000-8000-000000000001","seq":3,'
    '"source_id":"0190a1b2-0000-7000-8000-000000000001","source_type":"entry","village_id":"v-guihua"}',
]
HASHES = [
    "16f892641a7ca73fe4102c28f1d3212e9a89330f90c4bbc776db0e3d8fc9f796",
    "932b6458494b4ebae1df485f336e06eb344960530b3dcef6545f6dd2f677a5f3",
    "316092e16f6b18150e1c96d7a2897693dc32104d018b9ea12e243f7e9875aa44",
]

RECEIPT_CANONICAL = ('{"at":"2026-11-15T16:40:12+08:00","balance_after":20,"household":"h-zhang",'
                     '"items":[["大米（10kg）",1,30],["菜籽油（5L）",1,50]],"number":"2026-000007","points":80,'
                     '"village":"510903104201"}')
RECEIPT_CHECK = "5622c67c7bdff276"

# The fields DESIGN.md §3 says an entry's hash covers, listed here on their own (not imported).
HASHED = ("id", "origin", "seq", "village_id", "household_id", "resident_id", "delta", "kind", "reason",
          "source_type", "source_id", "reverses_id", "operator_id", "operator_name", "at")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_golden_literals_are_what_hashlib_makes_of_the_canonical_text():
    prev = "0" * 64
    for text, expected in zip(CANONICAL, HASHES, strict=True):
        assert _sha(prev + text) == expected
        prev = expected
    assert _sha(RECEIPT_CANONICAL)[:16] == RECEIPT_CHECK


def test_the_canonical_json_of_each_golden_entry_is_byte_for_byte_the_written_text():
    for entry, text in zip((ENTRY_1, ENTRY_2, ENTRY_3), CANONICAL, strict=True):
        assert canonical_json(entry_payload(entry)) == text


def test_the_golden_chain_gives_the_written_hashes():
    assert GENESIS == "0" * 64
    h1 = entry_hash(GENESIS, ENTRY_1)
    h2 = entry_hash(h1, ENTRY_2)
    h3 = entry_hash(h2, ENTRY_3)
    assert [h1, h2, h3] == HASHES


def test_the_golden_receipt_gives_the_written_check_value():
    items = [("菜籽油（5L）", 1, 50), ("大米（10kg）", 1, 30)]  # the order in the cart does not matter
    assert check_value("510903104201", "2026-000007", "2026-11-15T16:40:12+08:00", "h-zhang", 80, 20,
                       items) == RECEIPT_CHECK


def test_entries_the_store_appends_carry_hashes_an_outside_reader_can_recompute(pv):
    """A reader with only hashlib and DESIGN.md §3 (a district auditor's script) verifies the chain as stored."""
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")
    redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)],
                      resident_id=pv.residents["李秀英"], at="2026-11-30T14:00:00+08:00")
    rows = pv.store.query("SELECT * FROM point_entries WHERE origin = ? ORDER BY seq", (pv.store.node_id,))
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5]
    prev = "0" * 64
    for r in rows:
        text = json.dumps({k: r[k] for k in HASHED}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert r["prev_hash"] == prev and r["hash"] == _sha(prev + text)
        prev = r["hash"]
    assert ledger_repo.chain_head(pv.store, pv.store.node_id) == (5, prev)


def test_a_stored_receipt_carries_the_check_value_an_outside_reader_can_recompute(pv):
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)],
                             at="2026-11-30T14:00:00+08:00")
    r = pv.store.query("SELECT * FROM redemptions WHERE id = ?", (done.id,))[0]
    text = json.dumps({"village": "510903104201", "number": "2026-000001", "at": "2026-11-30T14:00:00+08:00",
                       "household": pv.households[0], "points": 30, "balance_after": 10,
                       "items": [["大米(10kg)", 1, 30]]}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    assert (r["number"], r["total_points"], r["balance_after"]) == ("2026-000001", 30, 10)
    assert r["check_value"] == _sha(text)[:16]

