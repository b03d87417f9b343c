"""The stick pulled out, or full, while a package is written: the folder holds the whole package or none,
never a half file or a leftover temp name, and the clerk reads why in Chinese."""

from __future__ import annotations

import builtins
import errno

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk.domain.errors import ValidationError
from villagedesk.services.sync import packages, pairing
from villagedesk.store import open_store
from villagedesk.store.sync import packages as history


@pytest.fixture
def pcs(pv, tmp_path):
    second = open_store(tmp_path / "second.db", create=True)
    for me, other in ((pv.store, second), (second, pv.store)):
        pairing.write_registration_file(me, TEST_ACTOR, tmp_path / "r.vdreg")
        pairing.pair(other, TEST_ACTOR, pairing.read_registration_file(tmp_path / "r.vdreg"))
    stick = tmp_path / "stick"
    stick.mkdir()
    yield pv.store, second, stick
    second.close()


class _Stick:
    """A file on a stick that takes `room` bytes and then fails as the stick would (or, with corrupt=True,
    silently stores one byte wrong)."""

    def __init__(self, real, room: int, err: int, corrupt: bool = False):
        self.real, self.room, self.err, self.corrupt = real, room, err, corrupt

    def write(self, data):
        if self.corrupt:
            data = bytes([data[0] ^ 1]) + data[1:]
            self.corrupt = False
        elif len(data) > self.room:
            self.real.write(data[: self.room])
            self.real.flush()
            raise OSError(self.err, "simulated")
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def _failing_stick(monkeypatch, room: int, err: int = errno.EIO, corrupt: bool = False) -> None:
    monkeypatch.setattr(packages, "CHUNK", 256)  # so a small package is written in many pieces

    def stick_open(path, mode="r", *args, **kwargs):
        real = builtins.open(path, mode, *args, **kwargs)
        return _Stick(real, room, err, corrupt) if "w" in mode else real

    monkeypatch.setattr(packages, "open", stick_open, raising=False)


@pytest.mark.parametrize(("fault", "err", "said"), [
    ("pulled out half-way", errno.EIO, "U盘已拔出"),
    ("full half-way", errno.ENOSPC, "U盘空间已满"),
])
def test_a_write_that_fails_half_way_leaves_no_file_on_the_stick(pcs, monkeypatch, fault, err, said):
    primary, second, stick = pcs
    sent = len(history.history(primary))
    _failing_stick(monkeypatch, room=1000, err=err)  # a package is several KB
    with pytest.raises(ValidationError, match=f"{said}.*没有留下不完整的文件.*重新生成"):
        packages.export_for(primary, TEST_ACTOR, second.node_id, stick)
    assert list(stick.iterdir()) == []
    assert len(history.history(primary)) == sent  # nothing recorded as sent


def test_a_stick_that_stores_a_byte_wrong_is_caught_by_reading_back(pcs, monkeypatch):
    primary, second, stick = pcs
    _failing_stick(monkeypatch, room=1 << 30, corrupt=True)
    with pytest.raises(ValidationError, match="读回校验不一致.*换一个U盘"):
        packages.export_for(primary, TEST_ACTOR, second.node_id, stick)
    assert list(stick.iterdir()) == []


def test_a_temp_file_left_by_a_pulled_stick_is_cleared_by_the_next_export(pcs):
    primary, second, stick = pcs
    (stick / ".同步包_发往新电脑_20261130-1400_abcdef.vdsync.part").write_bytes(b"half a package")
    (stick / "照片.jpg").write_bytes(b"the clerk's own file")
    written = packages.export_for(primary, TEST_ACTOR, second.node_id, stick)
    assert sorted(p.name for p in stick.iterdir()) == sorted([written.path.name, "照片.jpg"])
    assert packages.import_file(second, TEST_ACTOR, written.path).snapshot  # complete: it goes in


def test_a_stick_without_room_is_refused_before_anything_is_written(pcs, monkeypatch):
    primary, second, stick = pcs
    sent = len(history.history(primary))
    real = packages.shutil.disk_usage
    monkeypatch.setattr(packages.shutil, "disk_usage", lambda p: real(p)._replace(free=200 * 1024))
    with pytest.raises(ValidationError, match="空间不足：需要 .* MB，剩余 0.2 MB，没有写入任何文件"):
        packages.export_for(primary, TEST_ACTOR, second.node_id, stick)
    assert list(stick.iterdir()) == [] and len(history.history(primary)) == sent


def test_a_package_larger_than_a_peer_imports_is_not_written_and_every_one_written_fits_fat32(pcs, monkeypatch):
    from villagedesk.services.backup import usb
    from villagedesk.sync import envelope

    assert envelope.MAX_PACKAGE_BYTES < usb.FAT32_LIMIT  # so no package written is too big for a FAT32 stick
    primary, second, stick = pcs
    monkeypatch.setattr(envelope, "MAX_PACKAGE_BYTES", 2048)  # the first package, a snapshot, is several KB
    with pytest.raises(ValidationError, match="超过对方能导入的 .* GB 上限，没有写入U盘"):
        packages.export_for(primary, TEST_ACTOR, second.node_id, stick)
    assert list(stick.iterdir()) == []
