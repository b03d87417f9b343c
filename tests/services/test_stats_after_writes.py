"""stats follows every write at once: nothing is served from a cache a write could leave stale (issue 19)."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TEST_ACTOR
from villagedesk.domain import clock
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.period import parse_period
from villagedesk.services import stats
from villagedesk.services.field_work import visits
from villagedesk.services.register import residents


def test_a_visit_and_a_key_population_change_show_in_the_next_stats(demo_store):
    clock.pin(dt.datetime(2026, 12, 1, 10, 0))
    december = parse_period("2026-12")
    before, before_month = stats.compute_stats(demo_store), stats.compute_stats(demo_store, december)
    row = demo_store.query("""SELECT h.id AS household, a.worker_id AS worker, r.id AS resident FROM households h
        JOIN grid_assignments a ON a.grid_id = h.grid_id AND a.role = 'primary' AND a.end_date IS NULL
        JOIN residents r ON r.household_id = h.id AND r.residence_status = 'living' AND r.deleted_at IS NULL
        WHERE h.status = 'active' AND h.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM resident_categories c
              WHERE c.resident_id = r.id AND c.deleted_at IS NULL) LIMIT 1""")[0]

    visits.record_visit(demo_store, TEST_ACTOR, VisitDraft(row["worker"], row["household"],
                                                           dt.datetime(2026, 12, 1, 9, 0), "in_person", "info"))
    residents.set_categories(demo_store, TEST_ACTOR, row["resident"], ["elderly_alone"])
    after, after_month = stats.compute_stats(demo_store), stats.compute_stats(demo_store, december)
    assert after["visits"] == before["visits"] + 1 and after_month["visits"] == before_month["visits"] + 1
    assert after["key_population_residents"] == before["key_population_residents"] + 1
    assert after_month["key_population_residents"] == before_month["key_population_residents"] + 1

    clock.pin(dt.datetime(2026, 12, 2, 10, 0))
    residents.set_categories(demo_store, TEST_ACTOR, row["resident"], [])  # no longer a key population now
    assert stats.compute_stats(demo_store)["key_population_residents"] == before["key_population_residents"]
    # but the month still counts them: they were one on the 1st
    assert stats.compute_stats(demo_store, december)["key_population_residents"] == after_month[
        "key_population_residents"]


def test_stats_starts_without_the_excel_pdf_or_qt_libraries(demo_store):
    """A township's tool runs `stats` many times a day: openpyxl and reportlab cost each start 0.1 s (issue 19)."""
    import subprocess
    import sys

    demo_store.close()
    unwanted = ["openpyxl", "reportlab", "PySide6", "sqlite_utils"]
    code = ("import contextlib, io, sys; from villagedesk import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out: rc = cli.main(['stats', '--json', '--db', sys.argv[1]])\n"
            f"assert rc == 0 and '\"visits\"' in out.getvalue(); print([m for m in {unwanted!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code, str(demo_store.path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
