"""Setting up a district node (区县): the same app in the district's role, and reading its identity."""

from __future__ import annotations

from villagedesk.domain.actor import Actor
from villagedesk.domain.district import District, make_district
from villagedesk.domain.errors import ConflictError, NotFoundError
from villagedesk.domain.permissions import TOWNSHIP_ADMIN
from villagedesk.domain.village import validate_person_name
from villagedesk.services.writes import writes
from villagedesk.store import district as repo
from villagedesk.store import township as township_repo
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store


@writes(township=True)
def init_district(store: Store, actor: Actor, code: str, name: str, first_user: str = "管理员",
                  user_id: str | None = None) -> Actor:
    """Make this empty database a district node with its first user (an administrator of no village).

    The district holds no records of villages: its townships' aggregate packages are all it receives."""
    district = make_district(code, name)
    user_name = validate_person_name(first_user, "首位使用人姓名")
    if villages_repo.home_village_row(store) is not None or township_repo.township(store) is not None \
            or repo.district(store) is not None or villages_repo.has_village_data(store):
        raise ConflictError("该数据库已经初始化过（村、乡镇或区县），不能再初始化为区县。")
    with store.transaction():
        repo.set_district(store, district.code, district.name)
        uid = store.insert("users", {**({"id": user_id} if user_id else {}), "village_id": None,
                                     "name": user_name, "role": TOWNSHIP_ADMIN},
                           actor, "初始化区县", f"{district.name}（{district.code}），首位使用人 {user_name}")
    store.__dict__.pop("_node_role", None)
    return Actor(uid, user_name, TOWNSHIP_ADMIN)


def home_district(store: Store) -> District | None:
    """The district this node serves (None unless this is a district node)."""
    found = repo.district(store)
    return None if found is None else District(*found)


def this_district(store: Store) -> District:
    """The district of a district node; a node that is not one is told so."""
    found = home_district(store)
    if found is None:
        raise NotFoundError("本机不是区县节点（没有区县信息）。")
    return found
