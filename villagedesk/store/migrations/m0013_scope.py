"""Schema 0013 (issue 10): identity numbers unique within a village, not across the database (township import)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS

# Residents carry no village column: their village is their household's grid's. A unique index cannot join, so
# triggers keep the rule. Their message starts "UNIQUE" so sync's merge sets a breach aside as a unique conflict,
# as it did with the index. Both sides are checked: a sync snapshot may bring a household after its residents
# (foreign keys are deferred), and a household moved to another village's grid brings its residents along.
_VILLAGE_OF_HOUSEHOLD = "(SELECT g.village_id FROM households h JOIN grids g ON g.id = h.grid_id WHERE h.id = {hh})"
_TAKEN = """EXISTS (SELECT 1 FROM residents o JOIN households oh ON oh.id = o.household_id
                   JOIN grids og ON og.id = oh.grid_id
             WHERE o.id_number = {number} AND o.deleted_at IS NULL AND o.id <> {rid}
               AND og.village_id = {village})"""
_MESSAGE = "'UNIQUE: 身份证号已在本村登记（residents.id_number，同一村内不能重复）'"


@MIGRATIONS(name="0013_scope")
def scope(db: Database) -> None:
    db.execute("DROP INDEX residents_id_number")
    db.execute("CREATE INDEX residents_id_number ON residents(id_number) WHERE deleted_at IS NULL")
    resident_taken = _TAKEN.format(number="NEW.id_number", rid="NEW.id",
                                   village=_VILLAGE_OF_HOUSEHOLD.format(hh="NEW.household_id"))
    for when, event in (("insert", "INSERT"), ("update", "UPDATE OF id_number, household_id, deleted_at")):
        db.execute(f"""CREATE TRIGGER residents_id_number_{when} BEFORE {event} ON residents
            WHEN NEW.deleted_at IS NULL AND {resident_taken}
            BEGIN SELECT RAISE(ABORT, {_MESSAGE}); END""")
    member_taken = _TAKEN.format(number="m.id_number", rid="m.id",
                                 village="(SELECT village_id FROM grids WHERE id = NEW.grid_id)")
    members_clash = f"""EXISTS (SELECT 1 FROM residents m WHERE m.household_id = NEW.id AND m.deleted_at IS NULL
                                  AND {member_taken})"""
    for when, event in (("insert", "INSERT"), ("update", "UPDATE OF grid_id")):
        db.execute(f"""CREATE TRIGGER households_id_number_{when} BEFORE {event} ON households
            WHEN {members_clash}
            BEGIN SELECT RAISE(ABORT, {_MESSAGE}); END""")
