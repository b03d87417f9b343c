"""Checks shared by the register's writes: live grids, members, identity numbers, addresses."""

from __future__ import annotations

from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.register.household import HouseholdDraft, address
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.store.connection import Store
from villagedesk.store.register import households as repo


def active_grid(store: Store, grid_id: str, field: str = "所属网格"):
    grid = repo.grid(store, grid_id)
    if grid is None:
        raise NotFoundError(f"{field}：找不到该网格")
    if grid["status"] != "active":
        raise ValidationError(field, f"“{grid['name']}”网格已撤销，不能把农户登记或迁入已撤销的网格")
    return grid


def validated_members(people: list[ResidentDraft]) -> list[dict]:
    """Each member validated; an error names the member's place in the form; no number twice."""
    if not people:
        raise ValidationError("家庭成员", "至少要登记一位成员（户主）")
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for i, person in enumerate(people, 1):
        try:
            row = person.validated()
        except ValidationError as exc:
            raise ValidationError(f"第 {i} 位成员的{exc.field}", exc.reason) from None
        if row["id_number"] in seen:
            raise ValidationError(f"第 {i} 位成员的身份证号", f"与第 {seen[row['id_number']]} 位成员相同")
        seen[row["id_number"]] = i
        rows.append(row)
    return rows


def refuse_registered(store: Store, village_id: str, numbers: list[str], fields: list[str] | None = None) -> None:
    """A person is in one household of a village only: an identity number already in the village's register is
    refused (another village's register does not count: people move between villages)."""
    found = repo.residents_by_id_number(store, village_id, numbers)
    for i, number in enumerate(numbers):
        if number in found:
            r = found[number]
            field = (fields[i] if fields else None) or (f"第 {i + 1} 位成员的身份证号" if len(numbers) > 1 else "身份证号")
            raise ValidationError(field, f"“{number}”已登记在 {r['head_name']}户"
                                  f"（{address(r['hamlet'], r['group_name'], r['house_number'])}）的 {r['name']} 名下；"
                                  "一个人不能同时在两户，如需迁入请先办理转户")


def refuse_taken_address(store: Store, village_id: str, home: HouseholdDraft, except_id: str | None = None) -> None:
    other = repo.household_at(store, village_id, home.hamlet, home.group_name, home.house_number)
    if other is not None and other["id"] != except_id:
        raise ConflictError(f"门牌号：{address(home.hamlet, home.group_name, home.house_number)} "
                            f"已有在册农户（{other['head_name']}户），请核对门牌号")
