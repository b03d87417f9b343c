"""兑换凭证: the receipt of a redemption, printing and reprinting (补打), PDF, and checking a scanned QR."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.period import Period
from villagedesk.domain.points.receipt import (
    Receipt,
    ReceiptItem,
    check_value,
    display_time,
    key_id,
    parse_qr,
    qr_tag,
    tag_matches,
)
from villagedesk.reports import receipts as render
from villagedesk.services.access import listing_grids
from villagedesk.services.points import receipt_key
from villagedesk.services.points.common import village_id
from villagedesk.services.writes import writes
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store
from villagedesk.store.points import redemptions as repo

PAPERS = {key: p.label for key, p in render.PAPERS.items()}


@dataclass(frozen=True)
class RedemptionRow:
    id: str
    number: str
    when: str
    household_label: str
    goods: str
    total_points: int
    total_value_yuan: float
    balance_after: int
    operator_name: str
    voided: bool
    void_reason: str
    prints: int

    @property
    def status_label(self) -> str:
        return "作废" if self.voided else "有效"


def receipt(store: Store, redemption_id: str, reprint_at: str | None = None) -> Receipt:
    row = repo.by_id(store, redemption_id)
    if row is None:
        raise NotFoundError("兑换凭证不存在。")
    items = tuple(ReceiptItem(i["name"], i["unit"], i["quantity"], i["points_price"], i["points"], i["value_yuan"])
                  for i in repo.items(store, redemption_id))
    return Receipt(row["village_code"], row["village_name"], row["township_name"], row["number"], row["at"],
                   row["household_label"], row["household_id"], row["resident_name"], items, row["total_points"],
                   row["balance_before"], row["balance_after"], row["operator_name"], row["check_value"],
                   row["voided_at"], row["void_reason"], reprint_at, qr_key=_qr_key(row["number"], row["check_value"]))


def _qr_key(number: str, check: str) -> tuple[str, str]:
    key = receipt_key.load_or_create()
    return key_id(key), qr_tag(key, number, check)


@writes
def issue(store: Store, actor: Actor, redemption_id: str, paper: str = "58mm") -> Receipt:
    """Record a print of the receipt; every print after the first is a reprint, marked 补打 with its time."""
    if paper not in render.PAPERS:
        raise ValidationError("纸张", "应为 58 mm、80 mm 或 A4")
    if repo.by_id(store, redemption_id) is None:
        raise NotFoundError("兑换凭证不存在。")
    at = now_iso()
    with store.transaction():
        reprint = repo.print_count(store, redemption_id) > 0
        store.insert("receipt_prints", {"redemption_id": redemption_id, "layout": paper, "reprint": int(reprint),
                                        "at": at, "operator_name": actor.name},
                     actor, "补打兑换凭证" if reprint else "打印兑换凭证", paper)
    return receipt(store, redemption_id, reprint_at=at if reprint else None)


def preview(store: Store, redemption_id: str) -> Receipt:
    """The receipt as the next print will show it: marked 补打 (now) once it has been printed before."""
    return receipt(store, redemption_id, reprint_at=now_iso() if repo.print_count(store, redemption_id) else None)


def drawing(r: Receipt, paper: str = "58mm") -> render.Drawing:
    """The laid-out receipt the UI paints for the print preview (the same as the PDF)."""
    return render.layout_receipt(r, paper)


def write_pdf(r: Receipt, path: str | Path, paper: str = "58mm") -> Path:
    return render.write_receipt_pdf(r, path, paper)


def redemptions(store: Store, day_from: str | None = None, search: str = "", limit: int = 500,
                period: Period | None = None, *, actor: Actor) -> list[RedemptionRow]:
    """Receipts newest first, found by number or head's name; `period` (or `day_from`) bounds the day;
    a worker user sees their own grids' households' only."""
    grids = listing_grids(store, actor)
    day_to = period.end.isoformat() if period else None
    day_from = period.start.isoformat() if period else day_from
    return [RedemptionRow(r["id"], r["number"], display_time(r["at"]), r["household_label"], r["goods"] or "",
                          r["total_points"], r["total_value_yuan"], r["balance_after"], r["operator_name"],
                          r["voided_at"] is not None, r["void_reason"], r["prints"])
            for r in repo.listing(store, village_id(store), day_from, search.strip(), limit, day_to, grids)]


def verify(store: Store, qr_text: str) -> str:
    """What a scanned QR code says about a receipt, as a Chinese sentence.

    The record must match the receipt's check value, and the QR's tag must be this installation's HMAC of
    it: a forger who can read the database (and the source) can compute a check value, not the tag."""
    scanned = parse_qr(qr_text)
    if scanned is None:
        return "这不是村务台兑换凭证的二维码。"
    number = scanned.number
    if scanned.village_code:  # the QR names its village: found here whichever village this PC serves
        vid = villages_repo.id_by_code(store, scanned.village_code)
        if vid is None:
            return f"兑换凭证 {number} 是村代码 {scanned.village_code} 的村开具的，本机没有该村的记录，无法核验。"
    else:  # printed before the QR named its village: this PC's own village
        vid = village_id(store)
    found = repo.by_number(store, vid, number)
    if found is None:
        return f"{'该村' if scanned.village_code else '本村'}没有编号为 {number} 的兑换凭证。"
    r = receipt(store, found["id"])
    expected = check_value(r.village_code, r.number, r.at, r.household_id, r.total_points, r.balance_after,
                           [(i.name, i.quantity, i.points) for i in r.items])
    if scanned.check != r.check_value or scanned.check != expected:
        return f"兑换凭证 {number} 的校验码不符，凭证可能被涂改。"
    facts = f"{r.household_label}，{r.total_points} 分，{r.when}"
    if not scanned.tag:
        return (f"兑换凭证 {number} 的内容与记录相符（{facts}），但这是旧版二维码，没有防伪码，不能证明不是伪造的；"
                "如需凭据，请补打一张新凭证。")
    key = receipt_key.load_or_create()
    if scanned.key_id != key_id(key):
        return (f"兑换凭证 {number} 的二维码不是在本机开具或补打的（密钥 {scanned.key_id}），本机无法核验其防伪码；"
                f"内容与记录相符（{facts}）。请到开具它的电脑上核验。")
    if not tag_matches(key, number, scanned.check, scanned.tag):
        return f"兑换凭证 {number} 的校验码不符：二维码的防伪码不对，凭证可能是伪造的。"
    state = f"，已于 {display_time(r.voided_at)} 作废" if r.voided_at else ""
    return f"兑换凭证 {number} 真实有效{state}：{facts}。"
