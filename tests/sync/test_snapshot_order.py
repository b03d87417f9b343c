"""A snapshot inserts each table after the tables it refers to; only a reference on a cycle (a household's head,
who lives in it) waits for its deferred check, so no parent row inserted later has to search a big child table."""

from tests.sync.references import reaches, references
from villagedesk.store.sync import rows


def test_only_a_reference_on_a_cycle_is_inserted_before_its_parent(store):
    order = rows.synced_tables(store)
    at = {t: i for i, t in enumerate(order)}
    refs = references(store, order)
    early = [(t, p) for t in order for p in refs[t] if at[p] > at[t]]
    assert early and all(reaches(refs, p, t) for t, p in early)  # each one closes a cycle
    assert ("households", "residents") in early
