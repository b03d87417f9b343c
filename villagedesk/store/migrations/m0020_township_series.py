"""Schema 20 (issue 17, sent down): the receipt series each village PC reports to its township, and the series the
township hands a village's PC that numbers without one but is not the village's first PC."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS


@MIGRATIONS(name="0020_township_series")
def township_series(db: Database) -> None:
    # The township's own bookkeeping, never synced: per village PC it received a package from, the series that
    # package said the PC numbers under ('' for none), the package's own time and when it came in here.
    db.execute("""CREATE TABLE township_pc_series (
        node_id TEXT PRIMARY KEY NOT NULL,
        village_code TEXT NOT NULL,
        series TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        package_id TEXT NOT NULL
    )""")
    # Every series the township handed in a village, kept for good (a grant not taken stays here), so none is
    # chosen twice in a village; three letters, the village PCs' own are one or two.
    db.execute("""CREATE TABLE township_series_grants (
        village_code TEXT NOT NULL,
        series TEXT NOT NULL CHECK (length(series) = 3 AND series NOT GLOB '*[^A-Z]*'),
        node_id TEXT NOT NULL,
        granted_at TEXT NOT NULL,
        granted_by TEXT NOT NULL,
        PRIMARY KEY (village_code, series)
    )""")
    db.execute("CREATE UNIQUE INDEX township_series_grants_node ON township_series_grants(node_id)")
