"""Pre-filled indicators of a worker's evaluation (issue 3) from field records, for one period.

visits — visits the worker made; follow_ups_on_time — follow-ups the worker owed, due in the
period, done on time; disputes_handled — disputes whose grid handling ended in the period that
the worker found or mediated; notices_delivered — households the worker reached with a notice.
"""

from __future__ import annotations

from villagedesk.domain.period import Period
from villagedesk.services.field_work import follow_ups
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes, notices
from villagedesk.store.field_work import people as people_repo
from villagedesk.store.field_work import visits as visit_repo


def worker_indicators(store: Store, worker_id: str, period: Period | None) -> dict[str, int]:
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    worker = people_repo.worker(store, worker_id)
    if worker is None:
        return {"visits": 0, "follow_ups_on_time": 0, "disputes_handled": 0, "notices_delivered": 0}
    return {
        "visits": visit_repo.count_visits(store, worker["village_id"], worker_id=worker_id, start=start, end=end),
        "follow_ups_on_time": follow_ups.rate(store, period, village_id=worker["village_id"],
                                              worker_id=worker_id).on_time,
        "disputes_handled": disputes.handled_by_worker(store, worker_id, start, end),
        "notices_delivered": notices.count_reached_by(store, worker_id, start, end),
    }
