"""Redemption at the counter: one transaction, refusals that change nothing, gap-free numbers, same-day voids."""

import datetime as dt

import pytest
from pypdf import PdfReader

from tests.conftest import TEST_ACTOR
from tests.points.conftest import TODAY, award, snapshot
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.services import integrity
from villagedesk.services.points import goods, ledger, receipts, redemption, stock


@pytest.fixture
def rich(pv):
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")  # household 张家: 40 points
    return pv


def test_a_redemption_debits_moves_stock_and_numbers_the_receipt(rich):
    s, h = rich.store, rich.households[0]
    q = redemption.quote(s, h, [(rich.rice.id, 1)])
    assert (q.balance_before, q.total_points, q.balance_after) == (40, 30, 10)
    done = redemption.redeem(s, rich.admin, h, [(rich.rice.id, 1)], resident_id=rich.residents["李秀英"])
    assert done.number == f"{TODAY.year}-000001" and done.balance_after == 10
    assert ledger.balance(s, h) == 10
    assert goods.goods_by_id(s, rich.rice.id).stock == 4
    award(rich, ["张大山", "李秀英"], "第三次")
    second = redemption.redeem(s, rich.admin, h, [(rich.rice.id, "1")])
    assert second.number == f"{TODAY.year}-000002"
    assert integrity.check(s) == []


@pytest.mark.parametrize("cart,expected", [
    (lambda v: [(v.rice.id, 2)], "积分不足：本次需要 60 分，账户余额只有 40 分"),
    (lambda v: [(v.oil.id, 3)], "菜籽油(5L)库存不足：要兑换 3桶，库存只有 2桶"),
    (lambda v: [(v.rice.id, 0)], "数量：应大于 0"),
    (lambda v: [(v.rice.id, -1)], "数量：应大于 0"),
    (lambda v: [], "购物单是空的"),
])
def test_refused_redemptions_change_nothing(rich, cart, expected):
    before = snapshot(rich.store)
    with pytest.raises((ConflictError, ValidationError)) as exc:
        redemption.redeem(rich.store, rich.admin, rich.households[0], cart(rich))
    assert expected in exc.value.message
    assert snapshot(rich.store) == before


def test_the_same_goods_twice_in_a_cart_is_checked_against_stock_together(rich):
    with pytest.raises(ConflictError, match="库存不足：要兑换 3桶"):
        redemption.quote(rich.store, rich.households[0], [(rich.oil.id, 2), (rich.oil.id, 1)])


def test_a_same_day_void_by_a_permitted_user_reverses_and_marks_the_receipt(rich, tmp_path):
    s, h = rich.store, rich.households[0]
    done = redemption.redeem(s, rich.admin, h, [(rich.rice.id, 1)])
    before = snapshot(s)
    with pytest.raises(ConflictError, match="没有作废兑换凭证的权限"):
        redemption.void(s, rich.clerk, done.id, "拿错了")
    with pytest.raises(ConflictError, match="只能在当日作废"):
        redemption.void(s, rich.admin, done.id, "拿错了", today=TODAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="作废原因"):
        redemption.void(s, rich.admin, done.id, "")
    assert snapshot(s) == before
    redemption.void(s, rich.admin, done.id, "拿错了")
    assert ledger.balance(s, h) == 40 and goods.goods_by_id(s, rich.rice.id).stock == 5
    with pytest.raises(ConflictError, match="已经作废"):
        redemption.void(s, rich.admin, done.id, "再作废")
    path = receipts.write_pdf(receipts.receipt(s, done.id), tmp_path / "void.pdf")
    text = PdfReader(path).pages[0].extract_text()
    assert "作 废" in text and "拿错了" in text
    assert [r.status_label for r in receipts.redemptions(s, actor=TEST_ACTOR)] == ["作废"]
    assert integrity.check(s) == []


def test_stock_in_and_stocktake_keep_stock_as_the_sum_of_movements(pv):
    s = pv.store
    assert stock.stock_in(s, pv.admin, pv.rice.id, "purchase", "10", "550", "镇上粮油店") == 15
    assert stock.stocktake(s, pv.admin, pv.rice.id, "13", "受潮损耗") == 13
    moves = stock.movements(s, pv.rice.id)
    assert [(m.kind_label, m.quantity) for m in moves][:2] == [("盘点调整", -2), ("入库", 10)]
    before = snapshot(s)
    for call, field in ((lambda: stock.stock_in(s, pv.admin, pv.rice.id, "purchase", 0, 0, "x"), "数量"),
                        (lambda: stock.stock_in(s, pv.admin, pv.rice.id, "gift", 1, 0, "x"), "来源类别"),
                        (lambda: stock.stock_in(s, pv.admin, pv.rice.id, "donation", 1, -5, "x"), "价值（元）"),
                        (lambda: stock.stocktake(s, pv.admin, pv.rice.id, "-1", "x"), "实盘数量"),
                        (lambda: stock.stocktake(s, pv.admin, pv.rice.id, "10", ""), "调整原因")):
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.field == field
    with pytest.raises(ConflictError, match="无需调整"):
        stock.stocktake(s, pv.admin, pv.rice.id, "13", "复盘")
    assert snapshot(s) == before


def test_low_stock_lists_goods_at_or_below_their_level(pv):
    assert [g.name for g in goods.low_stock(pv.store)] == []
    stock.stocktake(pv.store, pv.admin, pv.oil.id, "1", "破损")
    assert [(g.name, g.stock) for g in goods.low_stock(pv.store)] == [("菜籽油(5L)", 1)]


@pytest.mark.parametrize("paper", ["58mm", "80mm", "A4"])
def test_the_receipt_pdf_has_number_items_balance_and_reprints_say_so(rich, tmp_path, paper):
    s = rich.store
    done = redemption.redeem(s, rich.admin, rich.households[0], [(rich.rice.id, 1)])
    first = receipts.issue(s, rich.admin, done.id, paper)
    text = PdfReader(receipts.write_pdf(first, tmp_path / "r.pdf", paper)).pages[0].extract_text()
    for expected in (done.number, "大米(10kg)", "兑换后余额", "10 分", "张大山（张家湾1号）", "领取人签字", "校验码"):
        assert expected in text, expected
    assert "补打" not in text
    again = receipts.issue(s, rich.admin, done.id, paper)
    text = PdfReader(receipts.write_pdf(again, tmp_path / "r2.pdf", paper)).pages[0].extract_text()
    assert f"补打 {again.reprint_at.replace('T', ' ')[:19]}" in text.replace("\u3000", " ")
    assert receipts.verify(s, again.qr_text).startswith(f"兑换凭证 {done.number} 真实有效")
    forged = again.qr_text[:-1] + ("1" if again.qr_text.endswith("0") else "0")
    assert "校验码不符" in receipts.verify(s, forged)


def test_a_worker_user_sees_only_the_receipts_of_their_own_grids_households(rich):
    from tests.conftest import add_office_user
    from tests.field_work.conftest import id_number
    from villagedesk.services import village

    s = rich.store
    with s.transaction():
        wid = s.insert("workers", {"village_id": village.home_village_id(s), "name": "钱网格", "id_number": id_number(901, "19800101"),
                                   "sex": "男", "birth_date": "1980-01-01", "source": "cadre",
                                   "appointed_on": "2025-01-01"}, TEST_ACTOR)
        s.insert("grid_assignments", {"grid_id": rich.grids[1], "worker_id": wid, "role": "primary",
                                      "start_date": "2025-01-01"}, TEST_ACTOR)
    worker = add_office_user(s, "钱网格", "worker", worker_id=wid)
    award(rich, ["赵一"], "清扫河道")
    award(rich, ["赵一"], "敬老院打扫")
    award(rich, ["赵一"], "植树")
    redemption.redeem(s, rich.admin, rich.households[0], [(rich.rice.id, 1)])
    redemption.redeem(s, rich.admin, rich.households[2], [(rich.rice.id, 1)])
    everyone = receipts.redemptions(s, actor=TEST_ACTOR)
    assert len(everyone) == 2
    [theirs] = receipts.redemptions(s, actor=worker)
    assert "赵一" in theirs.household_label
