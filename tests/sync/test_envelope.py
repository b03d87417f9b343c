"""A package opens only for its recipient, from a paired sender, exactly as it was sealed."""

import io
import json
import zipfile

import pyrage
import pytest
from pyrage import x25519

from villagedesk.domain.errors import ValidationError
from villagedesk.sync import envelope
from villagedesk.sync.keys import load_or_create, load_public
from villagedesk.sync.registration import fingerprint, from_bytes, own_registration, to_bytes


@pytest.fixture
def nodes(tmp_path):
    return {n: load_or_create(n, tmp_path / "keys") for n in ("village", "township", "other")}


def _peers(*keys):
    known = {k.node_id: load_public(k.sign_public) for k in keys}
    return known.get


def _seal(nodes, members=None, sender="village", recipient="township", **manifest):
    return envelope.seal(nodes[sender], nodes[recipient].recipient, {"recipient": nodes[recipient].node_id,
                                                                     **manifest},
                         members if members is not None else {"changes.jsonl": b'{"seq": 1}\n'})


def test_a_sealed_package_opens_for_its_recipient_with_every_member(nodes):
    data = _seal(nodes, {"changes.jsonl": "张三 户主\n".encode(), "acks.json": b"{}"}, package_id="p1")
    opened = envelope.open_package(data, nodes["township"], _peers(nodes["village"]), "包.vdsync")
    assert opened.members["changes.jsonl"].decode() == "张三 户主\n"
    assert opened.manifest["sender"] == "village" and opened.manifest["package_id"] == "p1"
    assert "张三".encode() not in data  # encrypted: a lost stick shows nothing


def test_the_age_tool_format_opens_with_the_recipients_identity_alone(nodes):
    plain = pyrage.decrypt(_seal(nodes), [nodes["township"].identity])
    assert set(zipfile.ZipFile(io.BytesIO(plain)).namelist()) == {"manifest.json", "manifest.sig", "changes.jsonl"}


@pytest.mark.parametrize("fault", ["flip", "truncate", "empty"])
def test_a_damaged_package_is_refused_in_chinese(nodes, fault):
    data = bytearray(_seal(nodes))
    if fault == "flip":
        data[len(data) // 2] ^= 0x01
    elif fault == "truncate":
        del data[-40:]
    else:
        data = bytearray()
    with pytest.raises(ValidationError, match="包.vdsync.*未导入任何内容"):
        envelope.open_package(bytes(data), nodes["township"], _peers(nodes["village"]), "包.vdsync")


def test_a_package_for_another_node_does_not_open(nodes):
    with pytest.raises(ValidationError, match="无法解密"):
        envelope.open_package(_seal(nodes, recipient="other"), nodes["township"], _peers(nodes["village"]), "p")


def test_a_package_re_addressed_to_us_fails_its_signature(nodes):
    """Someone who can read a package for `other` re-encrypts it for the township: the signed
    manifest still names `other`, and editing the name breaks the signature."""
    plain = pyrage.decrypt(_seal(nodes, recipient="other"), [nodes["other"].identity])
    zin = zipfile.ZipFile(io.BytesIO(plain))
    for edit in (False, True):
        manifest = zin.read("manifest.json")
        if edit:
            manifest = manifest.replace(b'"recipient":"other"', b'"recipient":"township"')
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zout:
            for name in zin.namelist():
                zout.writestr(name, manifest if name == "manifest.json" else zin.read(name))
        forged = pyrage.encrypt(buf.getvalue(), [x25519.Recipient.from_str(nodes["township"].recipient)])
        with pytest.raises(ValidationError, match="签名无效" if edit else "发给另一台电脑"):
            envelope.open_package(forged, nodes["township"], _peers(nodes["village"]), "p")


def test_an_unpaired_sender_and_a_forged_signer_are_refused(nodes):
    data = _seal(nodes, sender="other")
    with pytest.raises(ValidationError, match="不是已配对的节点"):
        envelope.open_package(data, nodes["township"], _peers(nodes["village"]), "p")
    # `other` signs, claiming to be the village: the village's key does not verify it
    plain = pyrage.decrypt(data, [nodes["township"].identity])
    zin = zipfile.ZipFile(io.BytesIO(plain))
    manifest = zin.read("manifest.json").replace(b'"sender":"other"', b'"sender":"village"')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        zout.writestr("manifest.json", manifest)
        zout.writestr("manifest.sig", nodes["other"].signing.sign(manifest))
        zout.writestr("changes.jsonl", zin.read("changes.jsonl"))
    forged = pyrage.encrypt(buf.getvalue(), [x25519.Recipient.from_str(nodes["township"].recipient)])
    with pytest.raises(ValidationError, match="签名无效"):
        envelope.open_package(forged, nodes["township"], _peers(nodes["village"]), "p")


def test_a_member_swapped_after_signing_is_refused(nodes):
    plain = pyrage.decrypt(_seal(nodes), [nodes["township"].identity])
    zin = zipfile.ZipFile(io.BytesIO(plain))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, b'{"seq": 2}\n' if name == "changes.jsonl" else zin.read(name))
    forged = pyrage.encrypt(buf.getvalue(), [x25519.Recipient.from_str(nodes["township"].recipient)])
    with pytest.raises(ValidationError, match="与清单不符"):
        envelope.open_package(forged, nodes["township"], _peers(nodes["village"]), "p")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(nodes, monkeypatch):
    monkeypatch.setattr(envelope, "MAX_MEMBER_BYTES", 1 << 20)
    data = _seal(nodes, {"changes.jsonl": b"\0" * (4 << 20)})  # 4 MB of zeros packs into a few KB
    assert len(data) < 64 * 1024
    with pytest.raises(ValidationError, match="解压后过大"):
        envelope.open_package(data, nodes["township"], _peers(nodes["village"]), "p")


def test_keys_persist_per_node_and_are_private_to_the_user(tmp_path):
    first = load_or_create("n1", tmp_path)
    again = load_or_create("n1", tmp_path)
    assert (first.sign_public, first.recipient) == (again.sign_public, again.recipient)
    assert (tmp_path / "n1.key").stat().st_mode & 0o077 == 0
    assert load_or_create("n2", tmp_path).sign_public != first.sign_public


def test_a_registration_file_round_trips_and_shows_the_same_fingerprint(nodes):
    reg = own_registration(nodes["village"], "village", "510903104201", "桂花村")
    back = from_bytes(to_bytes(reg), "桂花村.vdreg")
    assert back == reg and back.fingerprint == reg.fingerprint
    assert len(reg.fingerprint.replace(" ", "")) == 16 and reg.fingerprint.count(" ") == 3
    assert fingerprint("a", reg.sign_public, reg.recipient) != reg.fingerprint


@pytest.mark.parametrize(("text", "why"), [
    (b"", "不是村务台的注册文件"),
    (b"\xff\xfe", "不是村务台的注册文件"),
    (json.dumps({"format": "other"}).encode(), "不兼容"),
])
def test_a_bad_registration_file_is_named(text, why):
    with pytest.raises(ValidationError, match=f"x.vdreg.*{why}"):
        from_bytes(text, "x.vdreg")


def test_a_registration_whose_key_was_swapped_contradicts_its_fingerprint(nodes):
    body = json.loads(to_bytes(own_registration(nodes["village"], "village", "510903104201", "桂花村")))
    body["sign_public"] = nodes["other"].sign_public
    with pytest.raises(ValidationError, match="指纹与公钥不符"):
        from_bytes(json.dumps(body).encode(), "x.vdreg")
