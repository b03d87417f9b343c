"""通知下发: the township issues a notice to the villages it chooses (every active grid of each); it goes down in
each village's next package, the village's workers mark households reached there, and the reaches — and the time
to full coverage — come back up, so the township sees each village's coverage hours."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.field_work import notices as rules
from villagedesk.domain.field_work.times import to_minute
from villagedesk.domain.permissions import Action
from villagedesk.services.access import authorize
from villagedesk.services.field_work.notices import coverage
from villagedesk.services.township.node import node_role
from villagedesk.services.writes import writes
from villagedesk.store import township as township_repo
from villagedesk.store.connection import Store
from villagedesk.store.field_work import sent_notices as repo


class VillageCoverage(NamedTuple):
    """One village's copy of a notice the township issued, as its packages report it back."""

    notice_id: str
    title: str
    issued_at: str
    village_code: str
    village_name: str
    target: int
    reached: int
    covered_at: str | None
    hours: float | None  # issue to full coverage; None while households remain

    @property
    def text(self) -> str:
        rate = self.reached / self.target if self.target else 0.0
        return f"{self.reached}/{self.target} 户（{rate:.1%}）"


@writes(township=True)  # the township's own records (one notice per chosen village), not a change of a village's
def issue_to_villages(store: Store, actor: Actor, title: str, body: str, urgency: str,
                      village_codes: list[str], issued_at: dt.datetime | None = None) -> list[str]:
    """One notice for each chosen village, to every active grid of it; returns the notices' ids."""
    actor = authorize(store, actor, Action.ISSUE_NOTICE)
    if node_role(store) != "township":
        raise ConflictError("通知下发在乡镇节点办理；本村的宣传通知请在“走访与回访 › 宣传通知”下发。")
    codes = list(dict.fromkeys(c.strip() for c in village_codes if c and c.strip()))
    if not codes:
        raise ValidationError("下发村", "请至少选择一个村")
    targets = []
    for code in codes:
        vid = township_repo.village_id_by_code(store, code)
        if vid is None:
            raise NotFoundError(f"下发村：“{code}”不是本乡镇已收到同步包的村")
        grids = repo.active_grids(store, vid)
        if not grids:
            raise ValidationError("下发村", f"“{code}”还没有在用的网格，通知无处送达")
        targets.append((vid, code, grids))
    at = issued_at or clock.now().replace(second=0, microsecond=0)
    draft = rules.clean_notice(rules.NoticeDraft(title, body, urgency, at, tuple(targets[0][2]), "township"))
    ids = []
    with store.transaction():
        for vid, code, grids in targets:
            nid = store.insert("notices", {
                "village_id": vid, "title": draft.title, "body": draft.body, "urgency": draft.urgency,
                "issued_at": to_minute(draft.issued_at), "source": "township"}, actor, "乡镇下发通知",
                f"{draft.title} → {code}（{len(grids)} 个网格）")
            for g in grids:
                store.insert("notice_grids", {"notice_id": nid, "grid_id": g}, actor, "宣传网格")
            ids.append(nid)
    return ids


def issued(store: Store) -> list[VillageCoverage]:
    """Every notice the township issued, one line per village: households reached so far and the coverage hours."""
    out = []
    for r in repo.issued_here(store):
        c = coverage(store, r["id"])
        out.append(VillageCoverage(r["id"], r["title"], r["issued_at"], r["village_code"], r["village_name"],
                                   c.target, c.reached, c.covered_at, c.hours))
    return out
