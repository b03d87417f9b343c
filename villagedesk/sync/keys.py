"""This node's keys: Ed25519 signs the packages it writes, an age X25519 identity opens those sent to it."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import NamedTuple

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from pyrage import x25519

from villagedesk.domain.errors import StoreError

KEYS_ENV = "VILLAGEDESK_KEYS"


class NodeKeys(NamedTuple):
    node_id: str
    signing: Ed25519PrivateKey
    identity: x25519.Identity

    @property
    def sign_public(self) -> str:
        """The Ed25519 public key, raw 32 bytes in base64: what a peer verifies signatures with."""
        return public_b64(self.signing.public_key())

    @property
    def recipient(self) -> str:
        """The age recipient (age1…) a peer encrypts packages for this node to."""
        return str(self.identity.to_public())


def public_b64(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def load_public(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(b64, validate=True))


def key_folder() -> Path:
    """Private keys live in the per-user config folder, not in the database: a copy of the
    database file (or of its backup) does not carry what signs as this node."""
    if path := os.environ.get(KEYS_ENV):
        return Path(path)
    import platformdirs

    from villagedesk.store.location import APP_DIR_NAME

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)) / "keys"


def load_or_create(node_id: str, folder: Path | None = None) -> NodeKeys:
    """This node's keys, made on first use (one file per node id, readable by its user only)."""
    path = (folder or key_folder()) / f"{node_id}.key"
    if path.exists():
        return _read(node_id, path)
    keys = NodeKeys(node_id, Ed25519PrivateKey.generate(), x25519.Identity.generate())
    raw = keys.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    text = f"ed25519={base64.b64encode(raw).decode('ascii')}\nage={keys.identity}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return keys


def _read(node_id: str, path: Path) -> NodeKeys:
    try:
        data = dict(line.split("=", 1) for line in path.read_text("ascii").splitlines() if "=" in line)
        signing = Ed25519PrivateKey.from_private_bytes(base64.b64decode(data["ed25519"], validate=True))
        identity = x25519.Identity.from_str(data["age"].strip())
    except (OSError, ValueError, KeyError) as exc:
        raise StoreError(f"本机同步密钥文件无法读取：{path}（{exc}）。") from exc
    return NodeKeys(node_id, signing, identity)
