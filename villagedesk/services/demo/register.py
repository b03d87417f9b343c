"""Demo register: realistic key-population categories, insurance enrolment (last year ~85%, this year ~95%), moves."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from villagedesk.domain.ids import new_id
from villagedesk.domain.register.resident import PRESENT_STATUSES, age_on
from villagedesk.services.progress import step
from villagedesk.store.register import bulk, search_index


def fill(ctx) -> None:
    store, rng, today = ctx.store, ctx.rng, ctx.today
    people = bulk.people_of_villages(store, ctx.village_ids)
    categories: list[dict] = []
    insurance: list[dict] = []

    def since(years: int = 6) -> str:
        return (today - dt.timedelta(days=rng.randint(60, 365 * years))).isoformat()

    def add(resident_id: str, category: str, when: str | None = None) -> None:
        categories.append({"id": new_id(), "resident_id": resident_id, "category": category, "since": when or since(),
                           "until": None, "notes": ""})

    grid_rate: dict[str, tuple[float, float]] = {}
    this_year, last_year = today.year, today.year - 1
    for _household_id, rows in groupby(people, key=lambda r: r["household_id"]):
        members = list(rows)
        present = [r for r in members if r["residence_status"] in PRESENT_STATUSES]
        ages = {r["id"]: age_on(r["birth_date"], today) for r in members}
        at_home = [r for r in present if r["residence_status"] == "living"]
        if len(at_home) == 1 and ages[at_home[0]["id"]] >= 65 and rng.random() < 0.9:
            add(at_home[0]["id"], "elderly_alone")
            if rng.random() < 0.12:
                add(at_home[0]["id"], "extreme_poverty")
        parents_away = any(r["residence_status"] == "working_away" for r in members)
        for r in present:
            if ages[r["id"]] < 16 and parents_away and rng.random() < 0.7:
                add(r["id"], "left_behind_child", since(3))
            if rng.random() < (0.05 if ages[r["id"]] >= 60 else 0.015):
                add(r["id"], "disabled")
            if rng.random() < (0.03 if ages[r["id"]] >= 50 else 0.006):
                add(r["id"], "serious_illness", since(2))
        for rate, category in ((0.035, "subsistence"), (0.012, "relapse_monitoring")):
            if rng.random() < rate:
                when = since()
                for r in present:
                    add(r["id"], category, when)
        for r in present:
            this_rate, last_rate = grid_rate.setdefault(
                r["grid_id"], (rng.uniform(0.925, 0.985), rng.uniform(0.79, 0.90)))
            exempt = rng.random() < 0.015
            for year, rate in ((last_year, last_rate), (this_year, this_rate)):
                status = "exempt" if exempt else ("enrolled" if rng.random() < rate else "not_enrolled")
                if status == "not_enrolled" and rng.random() < 0.5:
                    continue  # nothing recorded yet: counted as not enrolled all the same
                insurance.append({"id": new_id(), "resident_id": r["id"], "year": year, "status": status,
                                  "recorded_on": dt.date(year - 1, rng.randint(9, 12), rng.randint(1, 28)).isoformat(),
                                  "notes": ""})
    for i in range(0, len(categories), 20_000):
        store.insert_many("resident_categories", categories[i:i + 20_000], ctx.actor)
    for i in range(0, len(insurance), 20_000):
        store.insert_many("insurance_enrolments", insurance[i:i + 20_000], ctx.actor)
    step(ctx.job, 0.86, "正在建立农户与人口的搜索索引")
    search_index.refresh(store)
