"""The receipt QR is keyed (HMAC with this installation's secret): 核验二维码 accepts a real one and refuses forgeries."""

from __future__ import annotations

import secrets

from tests.points.conftest import award
from tests.ui.helpers import type_text
from villagedesk.domain.points.receipt import check_value, qr_tag, qr_text
from villagedesk.services.points import receipt_key, receipts, redemption


def _redeemed(pv):
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "再次清理")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    return done, receipts.receipt(pv.store, done.id)


def _attacker_check(pv, number: str) -> str:
    """The check value recomputed from the database as anyone who has the file and the source can."""
    r = receipts.receipt(pv.store, pv.store.scalar("SELECT id FROM redemptions WHERE number = ?", (number,)))
    return check_value(r.village_code, r.number, r.at, r.household_id, r.total_points, r.balance_after,
                       [(i.name, i.quantity, i.points) for i in r.items])


def test_a_real_receipt_qr_is_accepted_and_carries_a_keyed_tag(pv):
    done, r = _redeemed(pv)
    assert r.qr_text.startswith(f"VDR2|{r.village_code}|{done.number}|{r.check_value}|")  # DESIGN.md §4
    assert receipts.verify(pv.store, r.qr_text).startswith(f"兑换凭证 {done.number} 真实有效")
    # the key is outside the database: neither the file nor its backups carry it
    key = receipt_key.load_or_create()
    assert receipt_key.path().exists() and key.hex().encode() not in pv.store.path.read_bytes()
    assert key not in pv.store.path.read_bytes()


def test_a_receipt_printed_before_the_qr_named_its_village_still_verifies(pv):
    done, r = _redeemed(pv)
    _p, _village, number, check, kid, tag = r.qr_text.split("|")
    assert receipts.verify(pv.store, f"VDR2|{number}|{check}|{kid}|{tag}").startswith(f"兑换凭证 {number} 真实有效")
    assert "没有防伪码" in receipts.verify(pv.store, f"VDR1|{number}|{check}")


def test_a_qr_naming_another_village_is_not_looked_up_among_this_village_s_receipts(pv):
    done, r = _redeemed(pv)
    _p, village, number, check, kid, tag = r.qr_text.split("|")
    other = "510903104299"
    answer = receipts.verify(pv.store, f"VDR2|{other}|{number}|{check}|{kid}|{tag}")
    assert answer == f"兑换凭证 {number} 是村代码 {other} 的村开具的，本机没有该村的记录，无法核验。"


def test_forged_and_tampered_qrs_are_refused(pv):
    done, r = _redeemed(pv)
    _p, village, number, check, kid, tag = r.qr_text.split("|")
    flipped = tag[:-1] + ("1" if tag.endswith("0") else "0")
    forged_tag = qr_tag(secrets.token_bytes(32), number, check)  # a forger's own key, our key id written in
    for text in (f"VDR2|{village}|{number}|{check}|{kid}|{flipped}",
                 f"VDR2|{village}|{number}|{check}|{kid}|{forged_tag}",
                 f"VDR2|{number}|{check}|{kid}|{forged_tag}",
                 f"VDR2|{village}|{number}|{_attacker_check(pv, number)}|{kid}|{'0' * 16}"):
        answer = receipts.verify(pv.store, text)
        assert "校验码不符" in answer and "伪造" in answer and "真实有效" not in answer, text
    # the content check still holds: another receipt's number with this QR's values is refused
    assert "校验码不符" in receipts.verify(pv.store, f"VDR2|{village}|{number}|{'f' * 16}|{kid}|{tag}")
    # the unkeyed form anyone can compute from the file is never called genuine
    old = receipts.verify(pv.store, qr_text(number, _attacker_check(pv, number)))
    assert "真实有效" not in old and "没有防伪码" in old
    # another installation's key: not called genuine, not called forged either
    other = receipts.verify(pv.store, f"VDR2|{village}|{number}|{check}|0badc0de|{forged_tag}")
    assert "真实有效" not in other and "本机无法核验" in other


def test_the_verify_dialog_refuses_a_tampered_qr_and_accepts_a_real_one(make_window, pv, messages):
    done, r = _redeemed(pv)
    tab = make_window(pv.store).show_page("points_store").receipts
    tampered = r.qr_text[:-1] + ("1" if r.qr_text.endswith("0") else "0")
    for text in (tampered, r.qr_text):
        tab.verify()
        type_text(tab.dialog.text, text)
        tab.dialog.ok()
    assert [t for _title, t in messages][-2].startswith(f"兑换凭证 {done.number} 的校验码不符")
    assert [t for _title, t in messages][-1].startswith(f"兑换凭证 {done.number} 真实有效")
