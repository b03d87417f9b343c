"""A snapshot inserts each table after the tables it refers to; only a reference on a cycle (a household's head,
who lives in it) waits for its deferred check, so no parent row inserted later has to search a big child table."""

from villagedesk.store.sync import rows


def test_only_a_reference_on_a_cycle_is_inserted_before_its_parent(store):
    order = rows.synced_tables(store)
    at = {t: i for i, t in enumerate(order)}
    refs = {t: {r[2] for r in store.conn.execute(f"PRAGMA foreign_key_list({t})")} & set(order) - {t} for t in order}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            t = todo.pop()
            if t == goal:
                return True
            if t not in seen:
                seen.add(t)
                todo += refs[t]
        return False

    early = [(t, p) for t in order for p in refs[t] if at[p] > at[t]]
    assert early and all(reaches(p, t) for t, p in early)  # each one closes a cycle
    assert ("households", "residents") in early
