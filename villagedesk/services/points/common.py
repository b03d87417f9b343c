"""What several points services share: the home village, today, and who may void receipts."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.permissions import Action
from villagedesk.services.access import authorize
from villagedesk.services.village import home_village_id
from villagedesk.store.connection import Store


def village_id(store: Store) -> str:
    return home_village_id(store)


def today(value: dt.date | None = None) -> dt.date:
    return value or clock.today()


def require_void_role(store: Store, actor: Actor) -> Actor:
    """Voiding a receipt is kept to the roles the permission policy names (the role read from the store)."""
    return authorize(store, actor, Action.VOID_RECEIPT)
