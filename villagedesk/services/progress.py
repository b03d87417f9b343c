"""The job protocol services report to: progress as a fraction plus a message, and cancel."""

from __future__ import annotations

from typing import Protocol

from villagedesk.domain.errors import VillageDeskError


class Cancelled(VillageDeskError):
    """The user cancelled a long operation; its transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("操作已取消，未做任何更改。")


class Job(Protocol):
    cancelled: bool

    def progress(self, fraction: float, message: str) -> None: ...


def step(job: Job | None, fraction: float, message: str) -> None:
    """Report progress and stop (raising Cancelled) if the user asked to cancel."""
    if job is None:
        return
    if job.cancelled:
        raise Cancelled()
    job.progress(max(0.0, min(1.0, fraction)), message)
