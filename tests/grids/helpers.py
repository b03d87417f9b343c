"""Small builders shared by the grids tests: valid identity numbers, a grid, a worker."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TEST_ACTOR
from villagedesk.domain.identity import check_digit
from villagedesk.services.village import home_village_id


def id_number(birth: str = "19800101", seq: int = 123, region: str = "510903") -> str:
    """A valid 18-digit identity number; an odd `seq` is a man, even a woman."""
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + check_digit(first17)


def make_grid(store, name: str = "上湾", code: str = "01", residents: int | None = 120, area: float | None = 0.4) -> str:
    from villagedesk.services.grids import grids

    return grids.create_grid(store, TEST_ACTOR, code=code, name=name, natural_unit="湾", area_km2=area,
                             bounds="东至大河", notes="", manual_households=None, manual_residents=residents)


def make_worker(store, name: str = "张大山", seq: int = 123, birth: str = "19800101", grid_id: str | None = None,
                appointed: str = "2026-01-01", source: str = "cadre", party: bool = False) -> str:
    from villagedesk.services.grids import workers

    return workers.add_worker(store, TEST_ACTOR, name, id_number(birth, seq), "13800001111", party, source,
                              "高中（中专）", appointed, grid_id=grid_id, today=dt.date(2026, 11, 30))


def village_id(store) -> str:
    return home_village_id(store)
