"""The 数据同步 dialogs: 配对 (compare the fingerprint first), 生成同步包 onto a stick, 导入同步包 with 预检 first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import changes
from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.backup import usb
from villagedesk.services.sync import packages, pairing, status
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.households.files import ask_open_path, ask_save_path  # noqa: F401 (tests answer these)
from villagedesk.ui.widgets.table_view import read_only_cells


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(path) if path else None


def _failed_text(exc: BaseException, what: str) -> str:
    return exc.message if isinstance(exc, VillageDeskError) else f"{what}失败：{exc}"


class PairDialog(QDialog):
    """The peer's fingerprint, large, beside this PC's: trusted only after they are compared by phone."""

    def __init__(self, ctx: AppContext, reg, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sync-pair")
        self.setWindowTitle("配对：核对指纹")
        self.ctx, self.reg = ctx, reg
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"对方：{reg.title}"))
        self.fingerprint = QLabel(reg.fingerprint)
        self.fingerprint.setProperty("role", "title")
        layout.addWidget(self.fingerprint)
        note = QLabel("请打电话给对方，请对方念出其电脑“数据同步”页上的本机指纹。\n"
                      "16 位数字完全一致才点“指纹一致，确认配对”；不一致说明文件被换过，请点“取消”。")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton("指纹一致，确认配对", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def confirm(self) -> None:
        try:
            done = pairing.pair(self.ctx.store, self.ctx.actor, self.reg)
        except VillageDeskError as exc:
            messages.warn(self, "配对", exc.message)
            return
        self.ctx.events.publish(done)
        messages.info(self, "配对", f"已与 {self.reg.title} 配对，可以互相生成和导入同步包了。")
        self.accept()


class _Places(QHBoxLayout):
    """The removable drives (the first preselected) and 其他文件夹…; refreshed on demand."""

    OTHER = "其他位置…"

    def __init__(self, parent: QWidget):
        super().__init__()
        self.parent_widget = parent
        self.box = QComboBox()
        self.box.setMinimumWidth(420)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.clicked.connect(self.refresh)
        self.addWidget(self.box, 1)
        self.addWidget(self.refresh_button)
        self.drives: list[usb.Drive] = []
        self.refresh()

    def refresh(self) -> None:
        self.drives = usb.removable_drives()
        self.box.clear()
        for d in self.drives:
            self.box.addItem("U盘：" + d.text(), str(d.path))
        self.box.addItem(self.OTHER, "")
        self.box.setCurrentIndex(0)

    def drive(self) -> usb.Drive | None:
        i = self.box.currentIndex()
        return self.drives[i] if 0 <= i < len(self.drives) else None


class ExportDialog(QDialog):
    """生成同步包 for one peer onto the stick: written aside, flushed, renamed, read back (in the job runner)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sync-export")
        self.setWindowTitle("生成同步包")
        self.ctx = ctx
        self.written = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.peer_box = QComboBox()
        for p in status.status(ctx.store).peers:
            self.peer_box.addItem(f"{p.title}（对方尚缺 {p.behind} 条）", p.node_id)
        form.addRow("发给：", self.peer_box)
        self.places = _Places(self)
        form.addRow("保存到：", self.places)
        layout.addLayout(form)
        self.status = QLabel("" if self.places.drives else "没有找到U盘。请插入U盘后点“刷新”，或选“其他位置…”。")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton("生成同步包", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def start(self) -> None:
        drive = self.places.drive()
        folder = drive.path if drive else ask_folder(self, "同步包保存到")
        if folder is None or self.peer_box.currentIndex() < 0:
            return
        self.start_button.setEnabled(False)
        self.status.setText("正在生成同步包，请不要拔出U盘…")
        self.ctx.jobs.start("生成同步包", _export, self.ctx.actor, self.peer_box.currentData(), Path(folder),
                            on_done=self._done, on_error=self._failed, parent_widget=self)

    def _done(self, written) -> None:
        self.written = written
        self.ctx.events.publish(written)
        kind = "首次同步（全部当前数据）" if written.snapshot else f"{written.entries} 条变更"
        messages.info(self, "生成同步包", f"同步包已写入并读回校验无误（{kind}，{written.bytes / 1024:.0f} KB）：\n\n"
                                          f"{written.path}\n\n现在可以安全拔出U盘，交给对方导入。")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.start_button.setEnabled(True)
        text = _failed_text(exc, "生成同步包")
        self.status.setText(text)
        messages.warn(self, "生成同步包", text)


class ImportDialog(QDialog):
    """导入同步包: pick a package (those on the stick listed), 预检 shows what it would do, then 导入."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sync-import")
        self.setWindowTitle("导入同步包")
        self.ctx = ctx
        self.report = None
        self.checked: Path | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.file_box = QComboBox()
        self.file_box.setMinimumWidth(480)
        browse = QPushButton("选择文件…")
        browse.clicked.connect(self._browse)
        row.addWidget(QLabel("同步包："))
        row.addWidget(self.file_box, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self._list_sticks()
        self.file_box.currentIndexChanged.connect(lambda _i: self._forget_check())
        self.preview = QTableWidget(0, 1 + len(status.KINDS))
        self.preview.setHorizontalHeaderLabels(["记录", *status.KIND_LABELS.values()])
        read_only_cells(self.preview)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setMinimumHeight(220)
        layout.addWidget(self.preview)
        self.status = QLabel("先点“预检”：看看这个同步包会新增、更新哪些记录，有没有冲突；预检不改动任何数据。")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton("预检", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        # a township's villages' packages on one stick: all of them, with one backup before them
        self.all_button = buttons.addButton("导入U盘上的全部", QDialogButtonBox.ButtonRole.ActionRole)
        self.all_button.setObjectName("sync-import-all")
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.all_button.clicked.connect(self.import_all)
        on_stick = self.stick_packages()
        self.all_button.setText(f"导入U盘上的全部（{len(on_stick)} 个）")
        self.all_button.setVisible(len(on_stick) > 1)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.import_button.setEnabled(False)

    def _list_sticks(self) -> None:
        found = []
        for d in usb.removable_drives():
            try:
                found += [p for p in d.path.rglob(f"*{packages.SUFFIX}") if not p.name.startswith(".")]
            except OSError:
                continue
        for p in sorted(found, key=lambda p: p.stat().st_mtime, reverse=True):
            self.file_box.addItem(f"U盘：{p.name}", str(p))

    def stick_packages(self) -> list[Path]:
        """The packages listed from the sticks (not one picked by 选择文件…)."""
        return [Path(self.file_box.itemData(i)) for i in range(self.file_box.count())
                if self.file_box.itemText(i).startswith("U盘：")]

    def import_all(self) -> None:
        paths = self.stick_packages()
        if not paths:
            return
        for button in (self.import_button, self.check_button, self.all_button):
            button.setEnabled(False)
        self.status.setText(f"正在导入 {len(paths)} 个同步包：先自动备份一次，再逐个写入（每个要么全部导入，要么不导入）…")
        self.ctx.jobs.start("导入全部同步包", _import_all, self.ctx.actor, paths,
                            on_done=self._imported_all, on_error=self._failed, parent_widget=self)

    def _imported_all(self, batch) -> None:
        self.ctx.events.publish(changes.EVERYTHING)  # an import may touch any page's records
        fresh = batch.imported
        lines = [f"共 {len(batch.done) + len(batch.refused)} 个同步包：导入 {len(fresh)} 个，"
                 f"已导入过 {len(batch.done) - len(fresh)} 个，未导入 {len(batch.refused)} 个。"]
        lines += [f"  {p.name}：{r.applied} 条变更" + (f"，冲突 {r.conflicts} 处" if r.conflicts else "")
                  for p, r in fresh]
        lines += [f"  未导入 {p.name}：{why}" for p, why in batch.refused]
        if batch.backed_up:
            lines.append("导入前已自动备份一次（全部导入之前的数据）。")
        text = "\n".join(lines)
        (messages.warn if batch.refused else messages.info)(self, "导入同步包", text)
        self.accept()

    def _browse(self) -> None:
        path = ask_open_path(self, "选择同步包", f"同步包 (*{packages.SUFFIX})")
        if path is not None:
            self.file_box.insertItem(0, str(path), str(path))
            self.file_box.setCurrentIndex(0)

    def path(self) -> Path | None:
        data = self.file_box.currentData()
        return Path(data) if data else None

    def _forget_check(self) -> None:
        self.report, self.checked = None, None
        self.import_button.setEnabled(False)

    def check(self) -> None:
        path = self.path()
        if path is None:
            messages.warn(self, "导入同步包", "请先选择同步包：插入U盘，或点“选择文件…”。")
            return
        self.check_button.setEnabled(False)
        self.status.setText("正在预检…")
        self.ctx.jobs.start("预检同步包", _import, self.ctx.actor, path, True,
                            on_done=lambda r: self._checked(path, r), on_error=self._failed, parent_widget=self)

    def _checked(self, path: Path, report) -> None:
        self.check_button.setEnabled(True)
        self._show(report)
        self.status.setText(status.describe_report(report, dry_run=True))
        if not report.already:
            self.report, self.checked = report, path
            self.import_button.setEnabled(True)

    def _show(self, report) -> None:
        rows = sorted(report.counts.items(), key=lambda kv: -sum(kv[1].values()))
        self.preview.setRowCount(len(rows))
        for r, (tbl, counts) in enumerate(rows):
            values = [status.table_label(tbl), *(str(counts.get(k, 0)) for k in status.KINDS)]
            for c, value in enumerate(values):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()

    def start_import(self) -> None:
        if self.checked is None:
            return
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.status.setText("正在导入：先自动备份，再一次性写入…")
        self.ctx.jobs.start("导入同步包", _import, self.ctx.actor, self.checked, False,
                            on_done=self._imported, on_error=self._failed, parent_widget=self)

    def _imported(self, report) -> None:
        self.report = report
        self._show(report)
        self.ctx.events.publish(changes.EVERYTHING)  # an import may touch any page's records
        messages.info(self, "导入同步包", status.describe_report(report))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._forget_check()
        text = _failed_text(exc, "导入同步包")
        self.status.setText(text)
        messages.warn(self, "导入同步包", text)


def _export(store, job, actor, peer, folder):
    return packages.export_for(store, actor, peer, folder)


def _import(store, job, actor, path, dry_run):
    return packages.import_file(store, actor, path, dry_run=dry_run)


def _import_all(store, job, actor, paths):
    return packages.import_files(store, actor, paths)
