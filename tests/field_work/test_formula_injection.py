"""A dispute summary typed as a formula stays text in every workbook it reaches: the dispute ledger and the report
set that goes to the township (as Excel and WPS read them: no <f> in any sheet, the cell quoted)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import TEST_ACTOR
from villagedesk.domain import clock
from villagedesk.domain.field_work.disputes import DisputeDraft, PartyDraft
from villagedesk.services.field_work import disputes, ledger
from villagedesk.services.reports import export

HOSTILE = '=HYPERLINK("http://example.invalid/x","点此查看")'
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and FORMULA.search(z.read(n))]


def _cells_with(path: Path, text: str) -> list:
    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == text]


def test_a_formula_typed_as_a_dispute_summary_is_text_in_the_ledger_and_the_report_set(store, village, tmp_path):
    a, b = village.households[0][0], village.households[0][1]
    found = clock.today() - dt.timedelta(days=3)
    disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(
        village.grids[0], "neighbour", HOSTILE, found, village.worker_names[0],
        (PartyDraft(village.head_names[a], village.heads[a]), PartyDraft(village.head_names[b], village.heads[b])),
        village.workers[0]))
    books = [ledger.export_ledger(store, TEST_ACTOR, tmp_path / "纠纷台账.xlsx", "xlsx")]
    made = export.export_set(store, found.strftime("%Y-%m"), tmp_path / "set", TEST_ACTOR)
    books += sorted(made.folder.glob("*.xlsx"))
    reached = [p for p in books if _cells_with(p, HOSTILE)]
    assert books[0] in reached and any("报表全套" in p.name for p in reached), [p.name for p in books]
    for path in books:
        assert _formulas(path) == [], path.name
        for cell in _cells_with(path, HOSTILE):
            assert cell.data_type == "s" and cell.quotePrefix, (path.name, cell.coordinate)
