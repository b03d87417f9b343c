"""Setting up the village this installation serves, and reading its identity and headline counts."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError
from villagedesk.domain.village import Village, make_village, validate_person_name
from villagedesk.services.writes import writes
from villagedesk.store import villages as repo
from villagedesk.store.connection import Store


class Overview(NamedTuple):  # not a dataclass: see domain/actor.py
    """What 首页 shows at the top."""

    village: Village
    grids: int
    households: int
    residents: int


@writes(township=True)  # says itself that a township node is not made a village
def init_village(store: Store, actor: Actor, code: str, name: str, township_name: str,
                 first_user: str = "管理员", user_id: str | None = None) -> Actor:
    """Record the village and its first office user, a 书记/主任 (head); returns that user as the acting user.

    `user_id` fixes the new user's id (tests and the demo's cast); otherwise one is made."""
    village = make_village(code, name, township_name)
    user_name = validate_person_name(first_user, "首位使用人姓名")
    if repo.home_village_row(store) is not None:
        if repo.is_demo(store):  # the demo stays as it is: the village begins in a file of its own
            raise ConflictError("该数据库是演示村（练习用数据），不能改成本村。请用 --db 指定一个新文件初始化本村，"
                                "或在程序里用 文件 › 新建本村。")
        raise ConflictError("该数据库已经初始化过村庄信息，不能重复初始化。")
    from villagedesk.services.township.node import node_role

    if node_role(store) != "village":
        raise ConflictError(f"该数据库已经初始化为{'乡镇' if node_role(store) == 'township' else '区县'}节点，不能再初始化为村。")
    with store.transaction():
        vid = store.insert("villages", {"code": village.code, "name": village.name,
                                        "township_name": village.township_name,
                                        "township_code": village.township_code},
                           actor, "初始化村庄", f"{village.name}（{village.code}）")
        repo.set_home_village(store, village.code)
        uid = store.insert("users", {**({"id": user_id} if user_id else {}), "village_id": vid, "name": user_name,
                                     "role": "head"},
                           actor, "新增使用人", f"{user_name}（书记/主任）")
    return Actor(uid, user_name, "head")


def home_village(store: Store) -> Village | None:
    row = repo.home_village_row(store)
    return None if row is None else repo.to_village(row)


def unit_name(store: Store) -> str:
    """Who a file is from (填报单位): "河东镇 桂花村" on a village's PC, the township's name at a township node."""
    v = home_village(store)
    if v is not None:
        return f"{v.township_name} {v.name}"
    from villagedesk.services.township.node import home_township

    township = home_township(store)
    if township is None:
        raise NotFoundError("数据库还没有村庄信息，请先初始化（init）或生成演示村（demo）。")
    return township.name


def home_village_id(store: Store) -> str:
    row = repo.home_village_row(store)
    if row is None:
        raise NotFoundError("数据库还没有村庄信息，请先初始化（init）或生成演示村（demo）。")
    return row["id"]


def office_village_id(store: Store) -> str | None:
    """Whose office users sign in here: the home village's id, or None at a township node (its own users)."""
    row = repo.home_village_row(store)
    if row is not None:
        return row["id"]
    if _office_node(store):
        return None
    raise NotFoundError("数据库还没有村庄信息，请先初始化（init）或生成演示村（demo）。")


def reading_villages(store: Store) -> tuple[str, ...]:
    """Whose records a home-village reader shows: the home village; at a township node (no home village, its
    villages' records read-only) every village it holds."""
    row = repo.home_village_row(store)
    if row is not None:
        return (row["id"],)
    from villagedesk.services.scope import resolve_scope

    return resolve_scope(store).ids


def is_demo(store: Store) -> bool:
    """Whether this database holds the demo village (practice data) rather than a real village's records."""
    return repo.is_demo(store)


def is_set_up(store: Store) -> bool:
    """Whether the first-run form has been filled in: a home village, or a township's or district's identity."""
    return repo.home_village_row(store) is not None or _office_node(store)


def _office_node(store: Store) -> bool:
    """A township or district node set up (its users belong to no village)."""
    from villagedesk.services.district.node import home_district
    from villagedesk.services.township.node import home_township

    return home_township(store) is not None or home_district(store) is not None


def office_users(store: Store) -> list[Actor]:
    """Active office users of the home village (of the township, at a township node), oldest first."""
    return [Actor(r["id"], r["name"], r["role"]) for r in repo.users(store, office_village_id(store))]


def overview(store: Store) -> Overview:
    row = repo.home_village_row(store)
    if row is None:
        raise NotFoundError("数据库还没有村庄信息。")
    counts = repo.record_counts(store, row["id"])
    return Overview(repo.to_village(row), **counts)
