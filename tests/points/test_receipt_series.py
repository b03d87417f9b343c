"""A database restored from an older backup numbers its receipts in a new series (DESIGN.md §4), so a receipt
number printed after that backup was taken is never issued a second time."""

import shutil

from tests.points.conftest import award
from villagedesk.services.points import redemption
from villagedesk.store import open_store


def test_a_restored_database_never_issues_a_printed_receipt_number_again(pv, tmp_path):
    for n in range(10):  # points enough for three bags of rice
        award(pv, ["张大山"], f"第 {n + 1} 次清理河道")
    first = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    path = pv.store.path
    pv.store.close()
    saved = tmp_path / "saved.db"
    shutil.copy(path, saved)  # the backup, taken now

    store = open_store(path)  # the office goes on: another receipt is printed
    printed = redemption.redeem(store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    store.close()
    assert (first.number, printed.number) == ("2026-000001", "2026-000002")

    shutil.copy(saved, path)  # the PC dies; the old backup is restored over the database
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"{path.name}{suffix}").unlink(missing_ok=True)
    store = open_store(path)
    try:
        again = redemption.redeem(store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
        assert again.number not in (first.number, printed.number)
        assert again.number.startswith("2026-") and again.number.split("-")[1].isalpha()  # 2026-A-000001
    finally:
        store.close()
    pv.store = open_store(path)  # for the fixture's own close
