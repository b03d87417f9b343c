"""The points ledger: every balance is the sum of its entries, and each refused write says why and changes nothing."""

import pytest

from tests.conftest import TEST_ACTOR
from tests.points.conftest import award, snapshot
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.services.points import ledger, redemption
from villagedesk.store.points import ledger as ledger_repo


def test_every_households_balance_is_the_sum_of_its_ledger_entries(pv):
    s = pv.store
    award(pv, ["张大山", "李秀英", "王小明"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")
    redemption.redeem(s, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    ledger.deduct(s, pv.admin, pv.residents["赵一"], pv.deduct.id, "河边倒垃圾")
    ledger.reverse(s, pv.admin, ledger.statement(s, pv.households[1]).entries[0].id, "王小明未到场")
    sums = dict(s.query("SELECT household_id, sum(delta) FROM point_entries GROUP BY household_id"))
    balances = ledger.all_balances(s)
    # 张家 10 + 10 + 10 + 10 − 30; 王家 10 − 10 (reversed); 赵家 −5
    assert balances == sums == {pv.households[0]: 10, pv.households[1]: 0, pv.households[2]: -5}
    assert all(ledger.balance(s, h) == balances[h] for h in pv.households)


def _tombstone_wang(pv):
    pv.store.tombstone("residents", pv.residents["王小明"], TEST_ACTOR, "迁出")
    return pv.residents["王小明"]


@pytest.mark.parametrize("resident", [
    pytest.param(lambda pv: "no-such-resident", id="unknown"),
    pytest.param(_tombstone_wang, id="removed from the register"),
])
def test_a_deduction_for_someone_not_on_the_register_is_refused(pv, resident):
    rid = resident(pv)
    before = snapshot(pv.store)
    with pytest.raises(ValidationError) as exc:
        ledger.deduct(pv.store, pv.admin, rid, pv.deduct.id)
    assert (exc.value.field, exc.value.reason) == ("村民", "所选村民不在花名册中")
    assert snapshot(pv.store) == before


def test_a_statement_of_a_household_not_on_the_register_is_refused(pv):
    pv.store.tombstone("households", pv.households[2], TEST_ACTOR, "户销")
    for household in ("no-such-household", pv.households[2]):
        with pytest.raises(NotFoundError, match="^农户不存在。$"):
            ledger.statement(pv.store, household)


@pytest.mark.parametrize("entry, refusal, words", [
    pytest.param(lambda pv: "no-such-entry", NotFoundError, "要冲正的积分记录不存在", id="missing"),
    pytest.param(lambda pv: ledger.statement(pv.store, pv.households[0]).entries[-1].id, ConflictError,
                 "兑换扣减的积分不能冲正；当日兑换有误请作废兑换凭证", id="a redemption"),
])
def test_a_reversal_of_a_missing_entry_or_of_a_redemption_is_refused(pv, entry, refusal, words):
    s = pv.store
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")
    redemption.redeem(s, pv.admin, pv.households[0], [(pv.rice.id, 1)])  # the last entry: −30, a redemption
    entry_id = entry(pv)
    before = snapshot(s)
    with pytest.raises(refusal) as exc:
        ledger.reverse(s, pv.admin, entry_id, "登记有误")
    assert words in exc.value.message
    assert snapshot(s) == before
    assert ledger.balance(s, pv.households[0]) == 10


def test_ledger_entries_are_only_appended_inside_a_transaction(pv):
    s = pv.store
    before = snapshot(s)
    draft = ledger_repo.EntryDraft(s.scalar("SELECT id FROM villages"), pv.households[0], None, 10, "award",
                                   "手工加分", "rule", pv.earn.id)
    with pytest.raises(RuntimeError, match="inside a transaction"):
        ledger_repo.append_entries(s, TEST_ACTOR, [draft])
    assert snapshot(s) == before
