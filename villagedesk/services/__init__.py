"""Use cases: fn(store, actor, ..., job=None) -> result; each owns its transaction."""
