"""The diagnostics log: every unexpected error's details in a file in the data folder, never on screen."""

from __future__ import annotations

import os
import shutil
import traceback
from pathlib import Path

import platformdirs

from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import VillageDeskError
from villagedesk.store.failures import explain as _explain_store
from villagedesk.store.location import APP_DIR_NAME

LOG_NAME = "villagedesk.log"
_MAX_BYTES = 1_000_000  # one old generation is kept beside it: villagedesk.log.1
INTERNAL = "程序内部出错，本次操作没有完成。请重试；若反复出现，请在“帮助 › 诊断信息”中导出日志交给技术人员。"


def log_path() -> Path:
    """The log file, in the per-user data folder (beside the default database)."""
    override = os.environ.get("VILLAGEDESK_LOG")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "logs" / LOG_NAME


def record(exc: BaseException, where: str = "") -> None:
    """Append the error and its traceback (with its causes) to the log; never raises."""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > _MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        cause = exc.__cause__
        lines = traceback.format_exception(exc)
        if cause is not None and cause.__traceback__ is None:
            lines.append(f"原始错误：{type(cause).__name__}: {cause}\n")
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"=== {now_iso()} {where}\n{''.join(lines)}\n")
    except Exception:  # noqa: BLE001 - a full disk must not turn a logged error into a second one
        pass


def note(line: str) -> None:
    """Append one line (no traceback) to the log, e.g. a sync package refused; never raises."""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"=== {now_iso()} {line}\n")
    except OSError:
        pass


def explain(exc: BaseException, path: Path | str | None = None) -> str:
    """What the clerk reads: the app's own Chinese message, the OS/SQLite mapping, or 'internal error'."""
    if isinstance(exc, VillageDeskError):
        return exc.message
    known = _explain_store(exc, path)
    return known.message if known is not None else INTERNAL


def report(exc: BaseException, where: str = "", path: Path | str | None = None) -> str:
    """Log what is not the user's own mistake, and return the Chinese sentence to show."""
    if not isinstance(exc, VillageDeskError) or exc.__cause__ is not None:
        record(exc, where)
    return explain(exc, path)


def recent_text(limit: int = 20_000) -> str:
    """The end of the log, for 帮助 › 诊断信息."""
    path = log_path()
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return ""
    return text[-limit:]


def export(dest: str | Path) -> Path:
    """Copy the log (both generations, oldest first) to `dest`, e.g. a USB stick for the technician."""
    dest = Path(dest)
    path = log_path()
    parts = [p for p in (path.with_name(path.name + ".1"), path) if p.exists()]
    tmp = dest.with_name(dest.name + ".tmp")
    with tmp.open("wb") as out:
        for p in parts:
            with p.open("rb") as src:
                shutil.copyfileobj(src, out)
    os.replace(tmp, dest)
    return dest
