"""Writing a report file atomically: into a hidden .part file beside it, flushed to disk, then renamed over it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from villagedesk.domain.errors import VillageDeskError


class FileWriteError(VillageDeskError):
    """A report file could not be written: the folder is read-only, the disk full, or the file open elsewhere."""


def write_atomically(path: str | Path, write: Callable[[Path], object]) -> Path:
    """`write` fills the temporary file it is given; a reader never sees a half-written report, and a
    failure (or a cancel raised from inside `write`) leaves neither the temporary file nor a new file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileWriteError(f"无法创建文件夹“{path.parent}”：{why(exc)}") from exc
    tmp = path.with_name(f".{path.name}.part")
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        if isinstance(exc, PermissionError) and path.exists():
            raise FileWriteError(f"文件“{path}”无法覆盖：它可能正在 WPS 或 Excel 中打开，请关闭后重试"
                                 f"（{why(exc)}）") from exc
        raise FileWriteError(f"无法写入文件“{path}”：{why(exc)}") from exc
    except BaseException:
        _remove(tmp)
        raise
    return path


def _remove(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def why(exc: OSError) -> str:
    import errno

    return {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENOSPC: "磁盘已满",
            errno.EROFS: "磁盘只读", errno.ENOENT: "路径不存在"}.get(exc.errno or 0, exc.strerror or str(exc))
