"""Every write service says what it changed (`result.changes`), from what the store saw it write."""

import importlib
import inspect
import pkgutil

import pytest

import villagedesk.services as services_pkg
from tests.conftest import TEST_ACTOR
from tests.points.conftest import award, pv  # noqa: F401 (fixture)
from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.identity import check_digit
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services.points import redemption
from villagedesk.services.writes import is_write

# Public service functions that take an actor but are not write services in their own right.
NOT_WRITES = {
    "villagedesk.services.points.common.require_void_role": "a permission check",
    "villagedesk.services.backup.restore.require_restore_role": "a permission check",
    "villagedesk.services.field_work.follow_ups.owe_if_due": "a step of record_visit (None: nothing owed)",
    "villagedesk.services.field_work.notices.settle_open_notices": "a step of the register's writes (a household "
                                                                   "left the register or its grid)",
    **{f"villagedesk.services.access.{n}": "a permission check (a refusal is audited in its own transaction)"
       for n in ("signed", "own_grids", "authorize", "visible_grids", "refuse")},
    **{f"villagedesk.services.register.listing.{n}": "a read the permission policy narrows"
       for n in ("visible", "count_rows", "fetch_rows")},
    "villagedesk.services.privacy.audit_lines": "a read of the audit trail",
    **{f"villagedesk.services.register.{n}": "a read of personal data the permission policy narrows"
       for n in ("households.household_view", "residents.resident_view", "insurance.not_enrolled", "search.search")},
    **{f"villagedesk.services.{n}": "a read of personal data the permission policy narrows (numbers masked)"
       for n in ("field_work.disputes.detail", "field_work.notices.households", "grids.workers.roster")},
    "villagedesk.services.grids.workers.get_worker": "a read of one worker in full, for who keeps the roster",
    **{f"villagedesk.services.register.household_file.{n}": "a read of one household's file the permission policy "
                                                             "narrows (numbers masked)" for n in (
        "household_file", "find_household")},
    "villagedesk.services.register.household_file.write_pdf": "a print of personal data: it returns the file; its "
                                                              "one write is the audit line",
    **{f"villagedesk.services.{n}": "an export or print of personal data: it returns the file; its one write is "
                                    "the audit line" for n in (
        "register.insurance.write_not_enrolled_pdf", "field_work.ledger.export_ledger",
        "field_work.visit_ledger.export_visits", "field_work.emergency_ledger.export_emergencies",
        "field_work.notices.export_unreached", "grids.exports.export_payroll", "points.activities.write_notice_pdf",
        "points.ledger.write_statement_pdf", "points.ledger.write_poster_pdf", "field_work.agreement.export_agreement",
        "personal_files.audited")},
    "villagedesk.services.township.summaries.export_summaries": "an export of the villages' figures: it returns "
                                                                 "the files; its one write is the audit line",
    "villagedesk.services.personal_files.may_write": "a permission check",
    "villagedesk.services.reports.specs.change_refusal": "a permission check, for the page's buttons",
    "villagedesk.services.access.listing_grids": "a permission check (a refusal is audited in its own transaction)",
    **{f"villagedesk.services.{n}": "a listing of households' records the permission policy narrows" for n in (
        "field_work.visits.list_visits", "field_work.visits.count_visits", "field_work.visits.open_findings",
        "field_work.follow_ups.pending", "field_work.ledger.ledger", "field_work.todo.todo_list",
        "points.ledger.accounts", "points.receipts.redemptions")},
    "villagedesk.services.register.exports.export_view": "an export: it returns the file; its one write is the audit line",
    "villagedesk.services.privacy.export_audit": "an export: it returns the file; its one write is the audit line",
    "villagedesk.services.backup.manual.backup": "a backup: it returns the file; its one write is the audit line",
    "villagedesk.services.backup.usb.backup_to_drive": "a backup: it returns the file; its writes are the audit line "
                                                       "and the last off-PC time (首页 listens for SETTINGS)",
    "villagedesk.services.backup.restore.restore": "replaces the whole database: the window rebuilds every page",
    "villagedesk.services.reports.sending.view_refusal": "a permission check (who may read the set)",
    "villagedesk.services.sync.pairing.sync_user": "a permission check (who may exchange sync packages)",
    "villagedesk.services.reports.specs.edit_refusal": "a permission check (who may change the forms)",
    "villagedesk.services.reports.sending.view_set": "a read: the report set for the screen",
    "villagedesk.services.reports.sending.prepare_set": "an export: it returns the files it wrote",
    "villagedesk.services.reports.sending.prepare_report": "an export: it returns the file it wrote",
}


def _service_functions():
    for info in pkgutil.walk_packages(services_pkg.__path__, "villagedesk.services."):
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if inspect.isfunction(fn) and fn.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{module.__name__}.{name}", fn


def test_every_service_that_takes_an_actor_is_a_write_service_whose_result_carries_changes():
    missing = [name for name, fn in _service_functions()
               if "actor" in inspect.signature(inspect.unwrap(fn)).parameters and not is_write(fn)
               and name not in NOT_WRITES]
    assert not missing, f"decorate these with @writes (villagedesk/services/writes.py): {missing}"
    assert len([1 for _n, fn in _service_functions() if is_write(fn)]) > 80


def test_a_redemption_says_it_changed_the_ledger_the_stock_and_the_redemptions(pv):  # noqa: F811
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "再次清理")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    assert done.number.endswith("-000001")
    assert {Kind.LEDGER, Kind.STOCK, Kind.REDEMPTIONS, Kind.AUDIT} == done.changes.kinds
    assert done.changes.ids_of(Kind.REDEMPTIONS) >= {done.id}
    assert not done.changes.touches([Kind.HOUSEHOLDS, Kind.GOODS, Kind.VISITS])
    voided = redemption.void(pv.store, pv.admin, done.id, "拿错了")
    assert voided.changes.kinds == {Kind.LEDGER, Kind.STOCK, Kind.REDEMPTIONS, Kind.AUDIT}


def test_a_refused_write_says_nothing_and_leaves_no_collection_open(pv):  # noqa: F811
    with pytest.raises(VillageDeskError):
        redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])  # no points yet
    assert pv.store._collecting == []


def test_a_household_edit_names_the_household(store):
    from villagedesk.services.grids import grids
    from villagedesk.services.register import households

    gid = grids.create_grid(store, TEST_ACTOR, "01", "上湾")
    assert gid.changes.kinds == {Kind.GRIDS, Kind.AUDIT} and gid.changes.ids_of(Kind.GRIDS) == {gid}
    hid = households.add_household(store, TEST_ACTOR, HouseholdDraft(grid_id=gid, hamlet="上湾", house_number="1号"),
                                   [ResidentDraft(name="王德福", id_number="51090319600101001" + check_digit("51090319600101001"), relation="户主")])
    assert hid.changes.kinds >= {Kind.HOUSEHOLDS, Kind.RESIDENTS} and hid.changes.ids_of(Kind.HOUSEHOLDS) >= {hid}
    edited = households.update_household(store, TEST_ACTOR, hid, HouseholdDraft(grid_id=gid, hamlet="上湾",
                                                                                 house_number="2号"))
    assert edited.changes.kinds == {Kind.HOUSEHOLDS, Kind.AUDIT} and edited.changes.ids_of(Kind.HOUSEHOLDS) == {hid}
