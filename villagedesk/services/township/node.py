"""Setting up a township node (乡镇版): the same app in the township's role, and reading its identity."""

from __future__ import annotations

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError
from villagedesk.domain.permissions import TOWNSHIP_ADMIN
from villagedesk.domain.township import Township, make_township
from villagedesk.domain.village import validate_person_name
from villagedesk.services.writes import writes
from villagedesk.store import township as repo
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store


@writes(township=True)
def init_township(store: Store, actor: Actor, code: str, name: str, first_user: str = "管理员",
                  user_id: str | None = None) -> Actor:
    """Make this empty database a township node with its first user, a 乡镇管理员; returns that user.

    The township holds no village of its own: its villages arrive in their packages once registered."""
    township = make_township(code, name)
    user_name = validate_person_name(first_user, "首位使用人姓名")
    if villages_repo.home_village_row(store) is not None or repo.township(store) is not None \
            or villages_repo.has_village_data(store):
        raise ConflictError("该数据库已经初始化过（村或乡镇），不能再初始化为乡镇。")
    with store.transaction():
        repo.set_township(store, township.code, township.name)
        uid = store.insert("users", {**({"id": user_id} if user_id else {}), "village_id": None,
                                     "name": user_name, "role": TOWNSHIP_ADMIN},
                           actor, "初始化乡镇", f"{township.name}（{township.code}），首位使用人 {user_name}（乡镇管理员）")
    store.__dict__.pop("_node_role", None)
    return Actor(uid, user_name, TOWNSHIP_ADMIN)


def home_township(store: Store) -> Township | None:
    """The township this node serves (None on a village's PC)."""
    found = repo.township(store)
    return None if found is None else Township(*found)


def this_township(store: Store) -> Township:
    """The township of a township node; a node that is not one is told so."""
    found = home_township(store)
    if found is None:
        raise NotFoundError("本机不是乡镇节点（没有乡镇信息）。")
    return found


def is_township(store: Store) -> bool:
    return node_role(store) == "township"


def node_role(store: Store) -> str:
    """This node's role ('village', 'township', 'district'), read once per open store (it changes only at init)."""
    cached = store.__dict__.get("_node_role")
    if cached is None:
        from villagedesk.store import node

        cached = store.__dict__["_node_role"] = node.role(store.conn)
    return cached
