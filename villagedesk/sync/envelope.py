"""A sync package's envelope: a zip of manifest, signature and members, encrypted for one recipient with age.

The manifest names sender and recipient and the sha256 of every member; the sender's Ed25519
signature covers the manifest's exact bytes, so a package can be neither altered nor re-addressed.
The township's IT staff can open one with the `age` tool and the recipient's key.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable
from typing import NamedTuple

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyrage import x25519

from villagedesk.domain.errors import ValidationError
from villagedesk.sync.keys import NodeKeys

FORMAT = "villagedesk-sync/1"
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_PACKAGE_BYTES = 1 << 30  # refused before it is decrypted, and never written (below FAT32's 4 GB a file)
MAX_MEMBER_BYTES = 2 << 30  # ... and a member that would unpack larger than this (zip bombs)
AGE_MAGIC = b"age-encryption.org/v1\n"


class Opened(NamedTuple):
    manifest: dict
    members: dict[str, bytes]


def seal(keys: NodeKeys, recipient: str, manifest: dict, members: dict[str, bytes]) -> bytes:
    """The package's bytes: `manifest` completed with format, sender, recipient and member digests."""
    full = {**manifest, "format": FORMAT, "sender": keys.node_id,
            "members": {name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                        for name, data in sorted(members.items())}}
    if "recipient" not in full:
        raise ValueError("manifest needs its recipient node id")
    manifest_bytes = json.dumps(full, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, keys.signing.sign(manifest_bytes))
        for name, data in sorted(members.items()):
            zf.writestr(name, data)
    return pyrage.encrypt(buf.getvalue(), [x25519.Recipient.from_str(recipient)])


def open_package(data: bytes, keys: NodeKeys, sender_key: Callable[[str], Ed25519PublicKey | None],
                 source: str, check_manifest: Callable[[dict], None] | None = None) -> Opened:
    """Decrypt and verify a package addressed to this node; any fault is a Chinese refusal naming `source`.

    `sender_key(node_id)` gives a paired, not revoked, peer's signing key, or None. `check_manifest(manifest)`,
    if given, may refuse on what the (not yet verified) manifest claims before the sender is looked up —
    a refusal only, so trusting nothing it reads.
    """
    if len(data) > MAX_PACKAGE_BYTES:
        raise _bad(source, "文件过大，不是村务台同步包")
    if not data:
        raise _bad(source, "是空文件（0 字节），可能复制时U盘被拔出")
    if not data.startswith(AGE_MAGIC):
        raise _bad(source, "不是村务台同步包（文件开头不对），或已损坏")
    try:
        plain = pyrage.decrypt(data, [keys.identity])
    except pyrage.DecryptError as exc:
        raise _bad(source, _why_not_decrypted(str(exc))) from None
    try:
        zf = zipfile.ZipFile(io.BytesIO(plain))
        infos = {i.filename: i for i in zf.infolist()}
        if MANIFEST not in infos or SIGNATURE not in infos:
            raise _bad(source, "缺少清单或签名")
        if any(i.file_size > MAX_MEMBER_BYTES for i in infos.values()) \
                or sum(i.file_size for i in infos.values()) > MAX_MEMBER_BYTES:
            raise _bad(source, "内容解压后过大（可能是恶意文件）")
        manifest_bytes, signature = zf.read(MANIFEST), zf.read(SIGNATURE)
        manifest = json.loads(manifest_bytes)
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError, KeyError, OSError):
        raise _bad(source, "内容无法读取，文件已损坏") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _bad(source, "格式版本不兼容")
    if check_manifest is not None:
        check_manifest(manifest)
    public = sender_key(str(manifest.get("sender")))
    if public is None:
        raise _bad(source, "发送方不是已配对的节点（或已被停用），请先导入对方的注册文件并核对指纹")
    try:
        public.verify(signature, manifest_bytes)
    except InvalidSignature:
        raise _bad(source, "签名无效，文件可能被改动过") from None
    if manifest.get("recipient") != keys.node_id:
        raise _bad(source, "这个同步包是发给另一台电脑的")
    declared = manifest.get("members") or {}
    if set(declared) != set(infos) - {MANIFEST, SIGNATURE}:
        raise _bad(source, "清单所列内容与包内文件不一致")
    members = {}
    for name, meta in declared.items():
        try:
            body = zf.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):  # a member's stream damaged inside the zip
            raise _bad(source, f"“{name}”无法读取，文件已损坏") from None
        if len(body) != meta.get("bytes") or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
            raise _bad(source, f"“{name}”与清单不符，文件可能被改动过")
        members[name] = body
    return Opened(manifest, members)


def _why_not_decrypted(error: str) -> str:
    """age says which: no stanza opens with this node's key (another recipient), or the bytes are damaged."""
    if "no matching keys" in error.lower():
        return "不是发给本机的同步包（是为另一台电脑生成的，或收件信息已损坏），无法解密"
    return "无法解密：文件不完整或已损坏（可能复制时被截断，或内容被改动）"


def _bad(source: str, why: str) -> ValidationError:
    return ValidationError("同步包", f"“{source}”{why}，未导入任何内容。")
