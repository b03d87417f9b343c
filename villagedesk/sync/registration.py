"""The registration file a node hands its peer to pair, and the short fingerprint both screens show."""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from pyrage import RecipientError, x25519

from villagedesk.domain.errors import ValidationError
from villagedesk.sync.keys import NodeKeys, load_public

FORMAT = "villagedesk-registration/1"
ROLES = {"village": "村", "township": "乡镇", "district": "区县"}
MAX_BYTES = 64 * 1024


class Registration(NamedTuple):
    node_id: str
    role: str
    code: str
    name: str
    sign_public: str
    recipient: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.node_id, self.sign_public, self.recipient)

    @property
    def title(self) -> str:
        return f"{self.name}（{ROLES.get(self.role, self.role)}，{self.code}）"


def fingerprint(node_id: str, sign_public: str, recipient: str) -> str:
    """16 digits in four groups, read aloud over the phone to compare before trusting a peer."""
    digest = hashlib.sha256(f"{node_id}\n{sign_public}\n{recipient}".encode()).digest()
    digits = f"{int.from_bytes(digest[:8], 'big') % 10**16:016d}"
    return " ".join(digits[i:i + 4] for i in range(0, 16, 4))


def own_registration(keys: NodeKeys, role: str, code: str, name: str) -> Registration:
    return Registration(keys.node_id, role, code, name, keys.sign_public, keys.recipient)


def to_bytes(reg: Registration) -> bytes:
    body = {"format": FORMAT, **reg._asdict(), "fingerprint": reg.fingerprint}
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def from_bytes(data: bytes, source: str) -> Registration:
    """Parse and check a registration file; every fault is named in Chinese with the file."""
    if len(data) > MAX_BYTES:
        raise ValidationError("注册文件", f"“{source}”太大，不是村务台的注册文件。")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("注册文件", f"“{source}”不是村务台的注册文件（无法读取）。") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ValidationError("注册文件", f"“{source}”不是村务台的注册文件，或来自不兼容的版本。")
    try:
        reg = Registration(*(str(body[f]) for f in Registration._fields))
    except KeyError as exc:
        raise ValidationError("注册文件", f"“{source}”缺少“{exc.args[0]}”一项。") from None
    if reg.role not in ROLES:
        raise ValidationError("注册文件", f"“{source}”中的节点类型“{reg.role}”无法识别。")
    try:
        load_public(reg.sign_public)
        x25519.Recipient.from_str(reg.recipient)
    except (ValueError, RecipientError):
        raise ValidationError("注册文件", f"“{source}”中的公钥无效，文件可能已损坏。") from None
    if body.get("fingerprint") not in (None, reg.fingerprint):
        raise ValidationError("注册文件", f"“{source}”中的指纹与公钥不符，文件可能被改动过。")
    return reg
