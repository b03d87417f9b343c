"""Indicator providers: other features report a worker's figures for a period, to pre-fill an evaluation.

A provider is fn(store, worker_id, period) -> {indicator_key: value}. The visits/disputes feature
appends one giving "visits", "follow_ups_on_time", "disputes_handled", "notices_delivered".
A rubric item names an indicator key; with no provider for it, the item is left for manual entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from villagedesk.domain.period import Period
from villagedesk.services.field_work.indicators import worker_indicators
from villagedesk.store.connection import Store

IndicatorProvider = Callable[[Store, str, Period | None], Mapping[str, float]]

INDICATOR_PROVIDERS: list[IndicatorProvider] = []
INDICATOR_PROVIDERS.append(worker_indicators)

KNOWN_INDICATORS = {
    "visits": "入户走访次数",
    "follow_ups_on_time": "按时二次回访次数",
    "disputes_handled": "化解矛盾纠纷件数",
    "notices_delivered": "政策宣传到户数",
}


def indicators_for(store: Store, worker_id: str, period: Period) -> dict[str, float]:
    """Every provider's figures for a worker and period, merged (a later provider wins on a clash)."""
    values: dict[str, float] = {}
    for provider in INDICATOR_PROVIDERS:
        values.update({k: float(v) for k, v in provider(store, worker_id, period).items()})
    return values
