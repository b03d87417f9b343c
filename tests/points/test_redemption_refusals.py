"""Each redemption the counter must refuse says why, naming the field or the goods, and changes nothing."""

import pytest

from tests.conftest import TEST_ACTOR
from tests.points.conftest import TODAY, award, snapshot
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.services.points import goods, ledger, redemption


@pytest.fixture
def rich(pv):
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")  # household 张家: 40 points
    return pv


def _rice(v):
    return [(v.rice.id, 1)]


def _gone(v):
    v.store.tombstone("households", v.households[0], TEST_ACTOR, "户销")
    return v.households[0], _rice(v), None


def _moved_away(v):
    v.store.update("households", v.households[0], {"status": "moved_away"}, TEST_ACTOR, "迁出")
    return v.households[0], _rice(v), None


def _twenty_one_goods(v):
    more = [goods.add_goods(v.store, v.admin, f"毛巾{i}号", "条", 1, 5) for i in range(19)]
    return v.households[0], [(g.id, 1) for g in (v.rice, v.oil, *more)], None


def _disabled_rice(v):
    goods.update_goods(v.store, v.admin, v.rice.id, "大米（10kg）", "袋", 30, 55, 2, active=False)
    return v.households[0], _rice(v), None


def _village_row_gone(v):
    """A damaged file: the household's grid points at a village that is not there."""
    v.store.conn.execute("PRAGMA foreign_keys = OFF")
    v.store.conn.execute("UPDATE grids SET village_id = 'gone' WHERE id = ?", (v.grids[0],))
    v.store.conn.execute("PRAGMA foreign_keys = ON")
    return v.households[0], _rice(v), None


@pytest.mark.parametrize("setup, refusal, message", [
    pytest.param(lambda v: ("no-such-household", _rice(v), None), ValidationError,
                 "农户：请先选择一户在册农户", id="no household"),
    pytest.param(_gone, ValidationError, "农户：请先选择一户在册农户", id="household deleted"),
    pytest.param(_moved_away, ValidationError, "农户：请先选择一户在册农户", id="household moved away"),
    pytest.param(lambda v: (v.households[0], [("no-such-goods", 1)], None), ValidationError,
                 "兑换物资：所选物资不存在", id="goods missing"),
    pytest.param(_twenty_one_goods, ValidationError, "兑换物资：一次最多兑换 20 种物资", id="21 kinds of goods"),
    pytest.param(_disabled_rice, ConflictError, "大米(10kg)已停用，不能兑换。", id="goods disabled"),
    pytest.param(lambda v: (v.households[0], _rice(v), v.residents["王小明"]), ValidationError,
                 "领取人：领取人应是本户成员", id="receiver of another household"),
    pytest.param(lambda v: (v.households[0], _rice(v), "no-such-resident"), ValidationError,
                 "领取人：领取人应是本户成员", id="receiver unknown"),
    pytest.param(_village_row_gone, NotFoundError, "这户所属的村庄记录不存在，无法开具兑换凭证", id="village row gone"),
])
def test_a_refused_redemption_says_why_and_changes_nothing(rich, setup, refusal, message):
    s = rich.store
    household, cart, receiver = setup(rich)
    before = snapshot(s)
    with pytest.raises(refusal) as exc:
        redemption.redeem(s, rich.admin, household, cart, resident_id=receiver)
    assert message in exc.value.message
    assert snapshot(s) == before
    assert ledger.balance(s, rich.households[0]) == 40
    assert goods.goods_by_id(s, rich.rice.id).stock == 5


def test_after_a_refusal_the_next_receipt_takes_the_first_number(rich):
    s, h = rich.store, rich.households[0]
    with pytest.raises(ValidationError, match="领取人"):
        redemption.redeem(s, rich.admin, h, [(rich.rice.id, 1)], resident_id=rich.residents["王小明"])
    done = redemption.redeem(s, rich.admin, h, [(rich.rice.id, 1)], resident_id=rich.residents["李秀英"])
    assert done.number == f"{TODAY.year}-000001" and done.balance_after == 10


def test_voiding_a_receipt_that_does_not_exist_is_refused(rich):
    before = snapshot(rich.store)
    with pytest.raises(NotFoundError, match="^兑换凭证不存在。$"):
        redemption.void(rich.store, rich.admin, "no-such-redemption", "拿错了")
    assert snapshot(rich.store) == before
