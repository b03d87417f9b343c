"""One mapping from OS and SQLite errors to Chinese that says what happened and what to do."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from villagedesk.domain.errors import DamagedDatabaseError, StoreError

# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB, _PERM = 5, 6, 8, 10, 11, 13, 14, 26, 3
# Below this much free space an I/O error while writing is taken for a full disk: SQLite reports
# some ENOSPC writes (the WAL index, a journal) as a plain "disk I/O error".
_NEARLY_FULL_BYTES = 4 * 1024 * 1024

FULL = ("磁盘空间已满，本次更改没有保存，已保存的数据不受影响。"
        "请删除不需要的文件（或把数据库移到有空间的磁盘）后重试。")
READ_ONLY = ("数据库文件或它所在的文件夹是只读的（例如写保护的 U 盘、光盘，或没有写入权限），"
             "本次更改没有保存。请把数据库复制到本机硬盘上再打开，或请技术人员检查文件权限。")
LOCKED = ("数据库正被其他操作占用（例如另一个窗口或命令行正在导入、同步或生成数据），"
          "等待后仍未轮到，本次更改没有保存。请等那项操作结束后重试。")
CORRUPT = ("数据库文件已损坏，无法继续使用。请不要再往里录入，先从备份恢复，并联系技术人员。")
IO_ERROR = ("读写磁盘时出错（可能是 U 盘被拔出、磁盘故障或网络盘断开），本次操作没有完成。"
            "请检查磁盘后重试；若反复出现，请尽快备份并联系技术人员。")
CANT_OPEN = "无法打开数据库文件：路径不存在、不是文件，或没有访问权限。请检查路径后重试。"


def kind_of(exc: BaseException, path: Path | None = None) -> str | None:
    """'full', 'read_only', 'locked', 'corrupt', 'io', 'cant_open', or None for an error of another kind."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = None if code is None else code & 0xFF
        text = str(exc).lower()
        if primary == _FULL or "disk is full" in text:
            return "full"
        if primary in (_READONLY, _PERM) or "readonly" in text:
            return "read_only"
        if primary in (_BUSY, _LOCKED) or "locked" in text:
            return "locked"
        if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
            return "corrupt"
        if primary == _IOERR or "i/o error" in text:
            return "full" if _nearly_full(path) else "io"
        if primary == _CANTOPEN or "unable to open" in text:
            return "read_only" if _read_only_place(path) else "cant_open"
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read_only"
        if exc.errno == errno.EIO:
            return "io"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR):
            return "cant_open"
        return "io"
    return None


_MESSAGES = {"full": FULL, "read_only": READ_ONLY, "locked": LOCKED, "corrupt": CORRUPT, "io": IO_ERROR,
             "cant_open": CANT_OPEN}


def explain(exc: BaseException, path: Path | str | None = None) -> StoreError | None:
    """The Chinese StoreError for an OS or SQLite error (with its kind), or None if it is neither."""
    kind = kind_of(exc, Path(path) if path else None)
    if kind is None:
        return None
    message = _MESSAGES[kind]
    if kind == "locked" and path:
        from villagedesk.store.writer_note import current

        if (what := current(Path(path))) is not None:
            message += f"占用它的操作：{what}。"
    # A damaged file is the backup's business: DamagedDatabaseError leads to moving it aside and restoring.
    error = DamagedDatabaseError(message, path) if kind == "corrupt" else StoreError(message)
    error.kind = kind
    return error


def _nearly_full(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return shutil.disk_usage(path if path.is_dir() else path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _read_only_place(path: Path | None) -> bool:
    if path is None:
        return False
    folder = path if path.is_dir() else path.parent
    return folder.exists() and not os.access(folder, os.W_OK)
