"""What the register's list shows: households or residents, narrowed by grid, category and status."""

from __future__ import annotations

from dataclasses import dataclass

VIEWS = {"households": "按户", "residents": "按人"}
# Status choices per view; None shows every status.
HOUSEHOLD_STATUS_CHOICES = {"active": "在册农户", "moved_away": "已迁出", "merged": "已合户", "dissolved": "已销户",
                            None: "全部状态"}
RESIDENT_STATUS_CHOICES = {"present": "在册人口（在家和外出）", "living": "在家居住", "working_away": "外出务工",
                           "moved_out": "已迁出", "deceased": "已去世", None: "全部状态"}


@dataclass(frozen=True)
class RegisterFilter:
    view: str = "households"
    village_id: str | tuple[str, ...] = ""  # one village, or the ids of a scope's villages ("" = resolved)
    grid_id: str | None = None
    category: str | None = None  # a key of CATEGORIES, or "any" for every key population
    status: str | None = "active"
    ids: tuple[str, ...] | None = None  # only these rows (search hits), in this order
    grid_ids: tuple[str, ...] | None = None  # only these grids (a worker's own); set by the service, not the page

    def status_choices(self) -> dict:
        return HOUSEHOLD_STATUS_CHOICES if self.view == "households" else RESIDENT_STATUS_CHOICES
