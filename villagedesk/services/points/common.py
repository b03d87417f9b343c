"""What several points services share: the home village, today, and who may void receipts."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError
from villagedesk.services.village import home_village_id
from villagedesk.store.connection import Store
from villagedesk.store.points import redemptions as redemption_repo

VOID_ROLES = {"admin": "管理员", "secretary": "村支书/文书"}


def village_id(store: Store) -> str:
    return home_village_id(store)


def today(value: dt.date | None = None) -> dt.date:
    return value or clock.today()


def require_void_role(store: Store, actor: Actor) -> None:
    """Voiding a receipt is kept to office users whose role is admin or secretary."""
    role = redemption_repo.role_of(store, actor.user_id)
    if role not in VOID_ROLES:
        raise ConflictError(f"“{actor.name}”没有作废兑换凭证的权限，只有{'、'.join(VOID_ROLES.values())}可以作废。")
