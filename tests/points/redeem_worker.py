"""A process that redeems goods again and again, printing each receipt number once it has committed.

Run as `python -m tests.points.redeem_worker DB N`; the reliability test kills it with SIGKILL.
"""

from __future__ import annotations

import sys

from tests.conftest import TEST_ACTOR
from villagedesk.services import village
from villagedesk.services.points import goods, ledger, redemption
from villagedesk.store import open_store


def main(db: str, n: int) -> None:
    store = open_store(db)
    actor = village.office_users(store)[0]
    soap = next(g for g in goods.goods_list(store) if g.name == "香皂")
    households = [a.household_id for a in ledger.accounts(store, actor=TEST_ACTOR) if a.balance > 0]
    for i in range(n):
        done = redemption.redeem(store, actor, households[i % len(households)], [(soap.id, 1)])
        print(done.number, flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
