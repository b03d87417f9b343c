"""The job runner: long work off the GUI thread, progress and cancel, result or error back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from villagedesk.domain.errors import VillageDeskError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class JobHandle(QObject):
    """One running job as the GUI sees it; signals always arrive on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, title: str, parent: QObject | None = None):
        super().__init__(parent)
        self.title = title
        self.cancelled = False
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.cancelled = True

    # the job protocol of villagedesk.services.progress, called from the worker
    def progress(self, fraction: float, message: str) -> None:
        self.progressed.emit(float(fraction), message)


class JobRunner(QObject):
    """Runs fn(store, job, *args). Threaded, each job on its own connection; inline in tests."""

    def __init__(self, store, inline: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.inline = inline
        self._threads: list[threading.Thread] = []
        self.handles: list[JobHandle] = []

    def start(self, title: str, fn: Callable, *args, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              parent_widget: QWidget | None = None) -> JobHandle:
        handle = JobHandle(title, self)
        self.handles.append(handle)
        if on_done:
            handle.succeeded.connect(on_done)
        handle.failed.connect(on_error or (lambda exc: show_error(parent_widget, title, exc)))
        handle.succeeded.connect(lambda _r: self._forget(handle))
        handle.failed.connect(lambda _e: self._forget(handle))
        if parent_widget is not None and not self.inline:
            self._progress_dialog(handle, parent_widget)
        if self.inline:
            self._run(handle, self.store, fn, args)
        else:
            thread = threading.Thread(target=self._run_threaded, args=(handle, fn, args),
                                      name=f"job:{title}", daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()
        return handle

    def wait_all(self, timeout: float = 30.0) -> None:
        for thread in list(self._threads):
            thread.join(timeout)

    def _forget(self, handle: JobHandle) -> None:
        if handle in self.handles:
            self.handles.remove(handle)

    def _run_threaded(self, handle: JobHandle, fn: Callable, args: tuple) -> None:
        store = self.store.for_thread()
        try:
            self._run(handle, store, fn, args)
        finally:
            store.close()

    @staticmethod
    def _run(handle: JobHandle, store, fn: Callable, args: tuple) -> None:
        try:
            result = fn(store, handle, *args)
        except BaseException as exc:  # delivered to the GUI thread, never lost in a worker
            handle.error, handle.done = exc, True
            handle.failed.emit(exc)
        else:
            handle.result, handle.done = result, True
            handle.succeeded.emit(result)

    @staticmethod
    def _progress_dialog(handle: JobHandle, parent: QWidget) -> None:
        from PySide6.QtWidgets import QProgressDialog  # on first use: not a cost of every start

        dialog = QProgressDialog(handle.title, "取消", 0, 1000, parent)
        dialog.setWindowTitle(handle.title)
        from PySide6.QtCore import Qt

        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(handle.cancel)

        def on_progress(fraction: float, message: str) -> None:
            dialog.setValue(int(fraction * 1000))
            dialog.setLabelText(message)

        handle.progressed.connect(on_progress)
        handle.succeeded.connect(lambda _r: dialog.reset())
        handle.failed.connect(lambda _e: dialog.reset())


class LatestRead(QObject):
    """A read that a view repeats whenever its records change, run as a job; only the answer to
    the newest request is shown, so a slow read overtaken by a newer one never shows stale data.
    Parented to the view: the answer of a read still running when the view goes is dropped."""

    def __init__(self, jobs: JobRunner, title: str, read: Callable[[Any], Any], show: Callable[[Any], None],
                 parent: QObject):
        super().__init__(parent)
        self.jobs, self.title, self.read, self.show = jobs, title, read, show
        self.asked = 0

    def request(self) -> None:
        self.asked += 1
        self.jobs.start(self.title, lambda store, job, asked=self.asked: (asked, self.read(store)),
                        on_done=self.deliver)

    def deliver(self, answer: tuple) -> None:
        asked, value = answer
        if asked == self.asked:
            self.show(value)


def describe_error(exc: BaseException) -> str:
    """A Chinese sentence for the user (disk full, read-only, locked…); the technical detail of an
    unexpected error goes to the diagnostics log (帮助 › 诊断信息), never into the window."""
    from villagedesk.services import diagnostics

    if isinstance(exc, VillageDeskError) and exc.__cause__ is None:
        return exc.message
    return diagnostics.report(exc, "后台任务")


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    from villagedesk.ui import messages

    messages.warn(parent, title, describe_error(exc))
