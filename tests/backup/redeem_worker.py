"""A writer process for the backup tests: redeems one item again and again, printing each receipt number once committed.

Run as `python -m tests.backup.redeem_worker DB N [PAUSE_S]`.
"""

from __future__ import annotations

import sys
import time

from tests.conftest import TEST_ACTOR
from villagedesk.services import village
from villagedesk.services.points import goods, ledger, redemption
from villagedesk.store import open_store


def main(db: str, n: int, pause: float = 0.0) -> None:
    store = open_store(db)
    actor = village.office_users(store)[0]
    item = min(goods.goods_list(store), key=lambda g: g.points_price)
    for _ in range(n):
        richest = max(ledger.accounts(store, actor=TEST_ACTOR), key=lambda a: a.balance)
        done = redemption.redeem(store, actor, richest.household_id, [(item.id, 1)])
        print(done.number, flush=True)
        time.sleep(pause)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
