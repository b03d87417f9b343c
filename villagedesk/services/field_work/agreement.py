"""Print the mediation agreement (调解协议书) of a dispute that mediation settled."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.reports.mediation_agreement import AgreementData, AgreementParty, write_agreement
from villagedesk.services.field_work.disputes import _require, stored_detail
from villagedesk.services.personal_files import audited, may_write
from villagedesk.store import villages as village_repo
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes as repo


def export_agreement(store: Store, actor: Actor, dispute_id: str, path: str | Path) -> Path:
    """The PDF needs an attempt that reached agreement (its terms) and at least two parties; audited."""
    d = stored_detail(store, dispute_id)
    agreed = d.agreement
    if agreed is None:
        raise ConflictError("该纠纷还没有“达成协议”的调解记录，不能打印调解协议书。")
    if len(d.parties) < 2:
        raise ConflictError("调解协议书需要至少两方当事人，请先在纠纷中添加当事人。")
    row = _require(store, dispute_id)
    who = may_write(store, actor, "调解协议书", [row["grid_id"]])
    village_id = row["village_id"]  # the dispute's own village (a township file has several)
    v = village_repo.to_village(village_repo.village_row(store, village_id))
    year = str(d.found_on.year)
    seq = repo.year_sequence(store, village_id, dispute_id, year)
    short = v.name.removesuffix("村")
    data = AgreementData(
        number=f"（{year}）{short}调字第 {seq} 号", township=v.township_name, village=v.name,
        grid_name=d.grid_name, kind_label=d.kind_label,
        parties=[AgreementParty(p.name, p.sex, mask_identity(p.id_number) if p.id_number else "", p.address,
                                mask_phone(p.phone)) for p in d.parties],
        facts=d.summary, terms=agreed.terms, mediator=agreed.mediator,
        held_on=f"{agreed.held_on.year} 年 {agreed.held_on.month} 月 {agreed.held_on.day} 日")
    return audited(store, who, "调解协议书", write_agreement(data, path), data.number)
