"""The change-kind registry: only its kinds exist, every table makes kinds or is bookkeeping, results carry changes."""

import pytest

from villagedesk.domain import changes
from villagedesk.domain.actor import Actor
from villagedesk.domain.changes import EVERYTHING, Changes, Kind


def test_a_kind_outside_the_registry_cannot_be_made():
    with pytest.raises(TypeError):
        Changes(frozenset({"village"}))  # the free string a page once listened for and nobody sent
    with pytest.raises(ValueError):
        Kind("village")
    with pytest.raises(AttributeError):
        Kind.VILLAGE  # noqa: B018


def test_every_table_of_a_fresh_database_makes_kinds_or_is_bookkeeping(store):
    tables = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    unmapped = tables - set(changes.TABLE_KINDS) - changes.INTERNAL_TABLES
    assert not unmapped, f"add these tables to TABLE_KINDS (or INTERNAL_TABLES) in domain/changes.py: {unmapped}"
    assert not set(changes.TABLE_KINDS) & changes.INTERNAL_TABLES
    assert not set(changes.TABLE_KINDS) - tables, "a mapped table the schema does not have"
    assert {k for ks in changes.TABLE_KINDS.values() for k in ks} == set(Kind), "a kind no table makes"


def test_written_tables_become_kinds_with_their_ids():
    done = changes.from_tables({"households": {"h1"}, "household_moves": {"m1"}, "residents": {None, "r1"},
                                "change_log": {None}})
    assert done.kinds == {Kind.HOUSEHOLDS, Kind.RESIDENTS}
    assert done.ids_of(Kind.HOUSEHOLDS) == {"h1", "m1"}
    assert done.ids_of(Kind.RESIDENTS) is None  # some resident, which one not known
    assert done.ids_of(Kind.LEDGER) == frozenset()
    assert changes.from_tables({"change_log": {None}}) == changes.NOTHING and not changes.NOTHING


def test_a_write_to_a_table_nobody_mapped_redraws_everything():
    assert changes.from_tables({"households": {"h1"}, "a_new_table": {"x"}}) is EVERYTHING
    assert EVERYTHING.everything and EVERYTHING.touches({Kind.RECEIPTS}) and EVERYTHING.ids_of(Kind.GOODS) is None


def test_changes_add_up():
    both = changes.from_tables({"goods": {"g1"}}) | changes.from_tables({"goods": {"g2"}, "stock_movements": {"s"}})
    assert both.kinds == {Kind.GOODS, Kind.STOCK} and both.ids_of(Kind.GOODS) == {"g1", "g2"}
    assert (both | changes.of(Kind.GOODS)).ids_of(Kind.GOODS) is None
    assert both.touches([Kind.STOCK, Kind.VISITS]) and not both.touches([Kind.VISITS])


def test_a_result_keeps_its_value_and_type_and_carries_the_changes():
    done = changes.of(Kind.GRIDS)
    rid = changes.with_changes("01abc", done)
    assert rid == "01abc" and isinstance(rid, str) and rid.changes is done and {rid: 1}["01abc"] == 1
    n = changes.with_changes(3, done)
    assert n == 3 and n + 1 == 4 and n.changes is done
    rows = changes.with_changes(["a"], done)
    assert rows == ["a"] and rows.changes is done
    actor = changes.with_changes(Actor("u", "张三"), done)
    assert actor == Actor("u", "张三") and actor.name == "张三" and actor.changes is done
    pair = changes.with_changes((1, "x"), done)
    assert pair == (1, "x") and pair.changes is done
    assert changes.with_changes(None, done).changes is done
    assert changes.changes_of(rid) is done and changes.changes_of(done) is done
    with pytest.raises(TypeError):
        changes.changes_of("a plain id")
    with pytest.raises(TypeError):
        changes.with_changes(True, done)
