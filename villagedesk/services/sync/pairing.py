"""Pairing (注册): this node's registration file, and trusting a peer's after comparing fingerprints."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.permissions import Action
from villagedesk.domain.township import pairing_refusal
from villagedesk.reports.atomic import write_atomically
from villagedesk.services import village
from villagedesk.services.access import authorize, refuse
from villagedesk.services.township.node import home_township
from villagedesk.services.writes import writes
from villagedesk.store import node
from villagedesk.store import users as users_repo
from villagedesk.store.connection import Store
from villagedesk.store.sync import peers
from villagedesk.sync import keys as node_keys
from villagedesk.sync.registration import ROLES, Registration, from_bytes, own_registration, to_bytes


def keys(store: Store) -> node_keys.NodeKeys:
    return node_keys.load_or_create(store.node_id)


def own(store: Store) -> Registration:
    """This node as its peers will know it: role, division code and name, public keys."""
    role = node.role(store.conn)
    v = village.home_village(store)
    township = home_township(store)
    if role == "district":
        from villagedesk.services.district.node import this_district

        district = this_district(store)
        code, name = district.code, district.name
    elif township is not None:
        code, name = township.code, township.name
    elif v is None:  # a second PC of a village, before its first package from the village's primary PC
        code, name = "", "新电脑（未初始化）"
    else:
        code, name = (v.code, v.name) if role == "village" else (v.township_code, v.township_name)
    return own_registration(keys(store), role, code, name)


@writes(township=True)
def write_registration_file(store: Store, actor: Actor, out: Path) -> Registration:
    actor = sync_user(store, actor)
    reg = own(store)
    try:
        write_atomically(out, lambda tmp: tmp.write_bytes(to_bytes(reg)))
    except OSError as exc:
        raise ValidationError("注册文件", f"无法写入“{out}”：{exc.strerror or exc}。") from None
    with store.transaction():
        store.audit(actor, "生成注册文件", detail=f"{out.name}，指纹 {reg.fingerprint}")
    return reg


def read_registration_file(path: Path) -> Registration:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("注册文件", f"无法读取“{path}”：{exc.strerror or exc}。") from None
    return from_bytes(data, path.name)


@writes(township=True)
def pair(store: Store, actor: Actor, reg: Registration) -> Registration:
    """Trust `reg` (its fingerprint compared by phone first): packages to and from it may be exchanged."""
    actor = sync_user(store, actor)
    if reg.node_id == store.node_id:
        raise ConflictError("这是本机自己的注册文件，请导入对方电脑生成的注册文件。")
    mine = own(store)
    why = pairing_refusal(mine.role, mine.code, reg.role, reg.code, reg.name)
    if why is not None:
        raise refuse(store, actor, why)
    with store.transaction():
        peers.add(store, {**reg._asdict(), "fingerprint": reg.fingerprint}, actor.name)
        store.audit(actor, "配对同步节点", "sync_peers", reg.node_id, f"{reg.title}，指纹 {reg.fingerprint}")
    return reg


@writes
def revoke(store: Store, actor: Actor, peer: str) -> str:
    """Stop trusting a peer (a stolen or retired PC): packages signed by it are refused from now on and
    none is written for it. Pairing again with its registration file (fingerprint compared) restores it."""
    actor = sync_user(store, actor)
    with store.transaction():
        row = find_peer(store, peer)
        peers.revoke(store, row["node_id"])
        name = peer_name(store, row)
        store.audit(actor, "停用同步节点", "sync_peers", row["node_id"], f"{name}，指纹 {row['fingerprint']}")
    return name


def peer_name(store: Store, row) -> str:
    """How a peer is named on this PC. A second PC of this village registered before it had a village
    ("新电脑（未初始化）" in its file), so it is named here by what this PC knows: the receipt series it handed it."""
    if row["role"] == "village" and not row["code"] and node.role(store.conn) == "village" \
            and village.home_village(store) is not None:
        series = node.series_handed_to(store.conn, row["node_id"])
        return f"本村另一台电脑（凭证序列{series}）" if series else "本村另一台电脑"
    return row["name"]


def sync_user(store: Store, actor: Actor, action: Action = Action.EXCHANGE_SYNC) -> Actor:
    """The signed-in user as the store knows them, allowed `action`; a PC with no users yet is being set up
    (a second PC taking its village from its first package) by whoever sits at it."""
    return authorize(store, actor, action) if users_repo.any_user(store) else actor


def peer_title(store: Store, row) -> str:
    """The peer's name with its role and division code, as the page and `sync status` list it."""
    name = peer_name(store, row)
    if not row["code"] and name != row["name"]:
        return name
    return f"{name}（{ROLES.get(row['role'], row['role'])}，{row['code'] or '—'}）"


def find_peer(store: Store, name_or_id: str):
    """A paired peer by node id, division code or name; a Chinese refusal names what is paired."""
    rows = peers.active(store)
    found = [r for r in rows if name_or_id in (r["node_id"], r["code"], r["name"])]
    if len(found) == 1:
        return found[0]
    known = "、".join(f"{r['name']}（{r['code']}）" for r in rows) or "无"
    raise ValidationError("对方节点", f"找不到唯一的已配对节点“{name_or_id}”。已配对：{known}。")
