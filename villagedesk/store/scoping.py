"""How the store's readers take a scope: `village_id IN (SELECT value FROM json_each(?))` over one or more ids."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds


def grids_param(grid_ids: tuple[str, ...] | None) -> str | None:
    """The JSON array of a listing's grids (a worker's own), or None for every grid of the scope:
    queries test it as `(:gs IS NULL OR x.grid_id IN (SELECT value FROM json_each(:gs)))`."""
    import json

    return None if grid_ids is None else json.dumps(list(grid_ids))


def ids_param(villages: VillageIds) -> str:
    """The JSON array a scoped query's village parameter carries (one id, or a tuple of ids)."""
    import json  # here, not at the top: opening the store imports nothing it does not need (tests/store)

    return json.dumps([villages] if isinstance(villages, str) else list(villages))
