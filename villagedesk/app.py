"""Composition root of the GUI: open the store, load font and translations, first run, main window."""

from __future__ import annotations

import gc
import getopt
import os
import sys
from pathlib import Path
from types import SimpleNamespace

USAGE = """用法：villagedesk [--db 文件] [--page 页面] [--screenshot 图片.png]
      villagedesk --healthcheck

  --db 文件            数据库文件（默认在本用户的数据文件夹）
  --page 页面[:标签]   打开时显示的页面，例如 home、grids、settings；visits:政策宣传 打开其中一个标签页
  --screenshot 图片    把页面渲染成 PNG 后退出（用于文档和检查）
  --healthcheck        自检：在临时文件夹建库、离屏绘制主窗口，报告版本、字体、翻译和数据库后退出
  -h, --help           显示本说明"""


class UsageError(Exception):
    """A command line the GUI does not understand; the message is Chinese and names the argument."""


def parse_args(argv: list[str]) -> SimpleNamespace:
    """The GUI's options. getopt rather than argparse: building an ArgumentParser looks up
    gettext catalogues and costs a few milliseconds on every start, before the first paint."""
    try:
        opts, rest = getopt.getopt(argv, "h", ["db=", "page=", "screenshot=", "healthcheck", "help"])
    except getopt.GetoptError as exc:
        name = ("--" if len(exc.opt) > 1 else "-") + exc.opt
        problem = "后面缺少值" if "requires argument" in exc.msg else "不带值" if "must not" in exc.msg else "无法识别"
        raise UsageError(f"参数 {name} {problem}。") from None
    if rest:
        raise UsageError(f"多余的参数：{' '.join(rest)}")
    args = SimpleNamespace(db=None, page=None, screenshot=None, healthcheck=False, help=False)
    for opt, value in opts:
        if opt in ("-h", "--help"):
            args.help = True
        elif opt == "--healthcheck":
            args.healthcheck = True
        else:
            setattr(args, opt[2:], Path(value) if opt in ("--db", "--screenshot") else value)
    return args


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        print(f"{exc}\n\n{USAGE}", file=sys.stderr)
        return 2
    if args.help:
        print(USAGE)
        return 0
    if args.healthcheck:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return _healthcheck()
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Start-up makes a few hundred thousand objects that live as long as the app (Qt's types and
    # enums, our modules); the cyclic collector would walk them some 40 times before the window
    # shows, 5–7 ms. It is paused until the first paint, then they are frozen out of its way.
    gc.disable()
    try:
        while True:
            done = _run(args)
            if not isinstance(done, Path):
                return done
            # 文件 › 新建本村 / 切换数据库 closed the window: the app opens that file as at a start
            args = SimpleNamespace(**{**vars(args), "db": done, "page": None, "screenshot": None, "remember": True})
    finally:
        gc.enable()


def _run(args: SimpleNamespace) -> int | Path:
    """The app on one database: an exit code, or the next database to open (新建本村, 切换数据库)."""
    # The Qt-free layers are imported before Qt: once PySide is loaded it reads the source of
    # every module imported after it (to support its __feature__ switches), about 0.1 ms each.
    from villagedesk.domain.actor import Actor
    from villagedesk.services import village
    from villagedesk.store import open_store

    remember = getattr(args, "remember", False) or args.db is None  # --db FILE is for this start only
    from PySide6.QtWidgets import QApplication

    from villagedesk.ui import fonts, translations
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.main_window import MainWindow, QuitAfterFirstPaint
    from villagedesk.ui.pages.registry import page_by_key
    from villagedesk.ui.settings_store import app_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("村务台")
    app.setOrganizationName("VillageDesk")
    translations.install_chinese(app)
    from villagedesk.ui import screen_fit

    screen_fit.install(app)  # the first-run and sign-in dialogs too
    family = fonts.load_bundled_font()
    size = int(app_settings().value("window/point_size", fonts.DEFAULT_POINT_SIZE))
    fonts.apply_text_size(app, family, size)
    if args.db is None:  # the file last opened (文件 › 切换数据库), else the data folder's own
        from villagedesk.store.location import default_db_path
        from villagedesk.ui.databases import remembered_database

        args.db = remembered_database() or default_db_path()
    existed = Path(args.db).exists()

    if args.page and page_by_key(args.page.partition(":")[0]) is None:
        print(f"没有名为“{args.page}”的页面。", file=sys.stderr)
        return 2
    try:
        # open_store refuses an unusable file (empty, foreign, damaged, newer, read-only) before
        # it writes anything. Its pages are checked (quick_check) before the sign-in's audit line
        # or any migration unless the file is exactly as this app last closed it (store/clean_close.py):
        # after a crash, a copy put back or an outside edit the clerk waits for the check before
        # anything is written. A file closed cleanly opens at once and is checked as the first job
        # after the window shows, then the node token turns over (a disk flush). A screenshot has no
        # first paint to hurry: it checks at once. The cold-start bench's timed start opens as a clerk's
        # does, so it measures what the clerk waits for (a file not closed cleanly by this app is checked
        # as it opens either way).
        store = open_store(args.db, create=True, quick_check=None if _interactive(args) or _timed(args) else True,
                           turn_over_token=False, before_migrate=_backup_before_migration)
    except Exception as exc:  # noqa: BLE001 - said in Chinese, details to the log, never a traceback
        from villagedesk.domain.errors import DamagedDatabaseError

        if not (isinstance(exc, DamagedDatabaseError) and _interactive(args)):
            return _refuse_to_start(args, exc)
        store = _offer_restore(args, exc)  # moves the damaged file aside and restores a verified backup
        if store is None:
            return 1
    _log_uncaught_errors(args)
    jobs = JobRunner(store)
    if not village.is_set_up(store):
        from villagedesk.ui.first_run import FirstRunDialog

        _set_window_icon(app)
        dialog = FirstRunDialog(store, jobs)
        if args.screenshot:
            return _grab(dialog, args.screenshot, jobs)
        if not _interactive(args):  # nobody there to fill in the first-run form: say so, never wait on it
            store.close()
            print(f"数据库“{args.db}”还没有初始化村庄信息，无人操作时无法完成首次设置。"
                  "请先用命令行 init 初始化，或在有人操作时启动村务台。", file=sys.stderr)
            return 1
        gc.enable()  # the first-run form may stay open for minutes
        if not dialog.exec() or dialog.actor is None:  # 0 is QDialog.DialogCode.Rejected
            dialog.store.close()
            if dialog.store is not store:
                store.close()
            if not existed:  # a file made for this start and left empty: nothing stays behind to trip on
                from villagedesk.store.location import remove_database_files

                remove_database_files(Path(args.db))
            return 0
        actor = dialog.actor
        if dialog.store is not store:  # the demo, in its own file: this one stays empty for the real village
            store.close()
            if not existed:
                from villagedesk.store.location import remove_database_files

                remove_database_files(Path(args.db))
            store, args.db = dialog.store, Path(dialog.store.path)
    else:
        actor = _who_is_at_the_desk(store, args)
        if not isinstance(actor, Actor):  # 0: the clerk closed the sign-in; 1: nobody to sign in
            store.close()
            return actor

    from villagedesk.services.scope import resolve_scope

    window = MainWindow(AppContext(store, actor, jobs, scope=resolve_scope(store)), family)
    if remember and not args.screenshot:
        from villagedesk.ui.databases import remember_database

        remember_database(Path(args.db))
    if args.page:
        key, _, tab = args.page.partition(":")
        if window.page_spec(key) is None:
            from villagedesk.domain.permissions import NODE_LABELS

            print(f"本机（{NODE_LABELS[window.ctx.node_role]}节点）没有“{key}”页面。",
                  file=sys.stderr)
            return 2
        window.show_page(key)
        if tab and not window.show_tab(tab):
            print(f"“{key}”页面没有“{tab}”标签页。", file=sys.stderr)
            return 2
    if args.screenshot:
        window.resize(1280, 800)
        return _grab(window, args.screenshot, jobs)
    if os.environ.get("VILLAGEDESK_QUIT_AFTER_PAINT"):
        window.installEventFilter(QuitAfterFirstPaint(window))
    window.first_painted.connect(lambda: _start_deferred_work(app, window, jobs, _interactive(args)))
    window.show()
    code = app.exec()
    jobs.wait_all(5)
    from villagedesk.ui.backup.menu import backup_on_close

    backup_on_close(window.ctx.store, actor.name)
    window.ctx.store.close()
    reopen = window.reopen_path
    window.deleteLater()  # its pending start-up work (a timed start quits before it runs) goes with it
    return reopen if reopen is not None else code


def _backup_before_migration(store) -> None:
    """A newer program's first start on an older database: a backup of it as it was, then the upgrade."""
    from villagedesk.services.backup.automatic import before_migration

    before_migration(store)


def _offer_restore(args: SimpleNamespace, exc):
    """The damaged-database dialog: the file moved aside, a verified backup restored (or None: quit)."""
    from villagedesk.ui.backup.damaged_dialog import DamagedDatabaseDialog

    if args.screenshot:
        print(exc.message, file=sys.stderr)
        return None
    dialog = DamagedDatabaseDialog(args.db, exc.message)
    dialog.exec()
    return dialog.store


def _healthcheck() -> int:
    """What the installers run as a smoke test: everything the GUI needs, in a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="villagedesk-healthcheck-") as tmp:
        # The user's own settings and data folder are never touched.
        os.environ["VILLAGEDESK_SETTINGS"] = str(Path(tmp) / "settings.ini")
        try:
            problem = _healthcheck_in(Path(tmp))
        except Exception as exc:  # noqa: BLE001 (the check reports any fault in words, then fails)
            problem = f"意外错误：{type(exc).__name__}：{exc}"
    if problem:
        print(f"自检未通过：{problem}", file=sys.stderr)
        return 1
    print("自检通过。")
    return 0


def _healthcheck_in(folder: Path) -> str | None:
    from villagedesk import __version__
    from villagedesk.domain.actor import SYSTEM
    from villagedesk.domain.errors import VillageDeskError
    from villagedesk.services import integrity, system, village
    from villagedesk.store import open_store

    print(f"村务台 {__version__} 自检")
    from PySide6.QtWidgets import QApplication

    from villagedesk.ui import fonts, healthcheck, translations
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"Qt：{healthcheck.qt_versions()}")
    names = [t.filePath().rsplit("/", 1)[-1] for t in translations.install_chinese(app)]
    family = fonts.load_bundled_font()
    fonts.apply_text_size(app, family, fonts.DEFAULT_POINT_SIZE)
    if problem := healthcheck.font_problem(family):
        return problem
    from villagedesk.resources import font_path

    print(f"字体：{family}，已加载（{font_path()}）")
    if problem := healthcheck.translation_problem():
        return problem
    print(f"翻译：已加载 {'、'.join(names)}（“Cancel”显示为“{healthcheck.translated_cancel()}”）")
    try:
        store = open_store(folder / "healthcheck.db", create=True)
        actor = village.init_village(store, SYSTEM, "510903104201", "自检村", "自检镇", "自检员")
    except VillageDeskError as exc:
        return f"数据库无法建立：{exc.message}"
    try:
        if problems := integrity.check(store):
            return "数据库检查发现问题：" + "；".join(problems)
        print(f"数据库：正常（结构版本 {system.database_info(store).schema_version}，完整性检查通过）")
        jobs = JobRunner(store)
        width, height, colours = healthcheck.render_main_window(AppContext(store, actor, jobs), family)
        jobs.wait_all(10)
    finally:
        store.close()
    if colours < 20:
        return f"主窗口绘制出来几乎是空白（{width}×{height}，只有 {colours} 种颜色）。"
    print(f"主窗口：已离屏绘制 {width}×{height}（{colours} 种颜色）")
    return None


def _timed(args: SimpleNamespace) -> bool:
    """The cold-start bench's start: no screenshot, quit after the first paint."""
    return bool(os.environ.get("VILLAGEDESK_QUIT_AFTER_PAINT")) and not args.screenshot


def _interactive(args: SimpleNamespace) -> bool:
    """Whether a clerk is there to close a message box: never for a screenshot, a timed start or offscreen."""
    return not (args.screenshot or os.environ.get("VILLAGEDESK_QUIT_AFTER_PAINT")
                or os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"))


def _refuse_to_start(args: SimpleNamespace, exc: BaseException) -> int:
    """The database cannot be used: say why in Chinese (a box only if someone is there to close it), exit 1."""
    from villagedesk.services import diagnostics

    message = diagnostics.report(exc, "启动时打开数据库", args.db)
    print(f"无法打开数据库：{message}", file=sys.stderr)
    if _interactive(args):
        from villagedesk.ui.messages import warn

        warn(None, "无法打开数据库", message)
    return 1


def _log_uncaught_errors(args: SimpleNamespace) -> None:
    """An error no page caught goes to the log and reaches the clerk as Chinese, not as a traceback."""
    from villagedesk.services import diagnostics

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        message = diagnostics.report(exc, "窗口中未处理的错误", args.db)
        print(f"错误：{message}", file=sys.stderr)
        if _interactive(args):
            from villagedesk.ui.messages import warn

            warn(None, "出错了", message)

    sys.excepthook = hook


def _who_is_at_the_desk(store, args):
    """The signed-in user: the single-user office's one user, VILLAGEDESK_USER (and VILLAGEDESK_PIN) for
    automation, else the sign-in dialog. A screenshot with nobody named renders as the first user without a PIN.
    Not an Actor but an exit code when nobody signed in: 0 the clerk closed the dialog, 1 a start with nobody
    at the desk (a screenshot, a timed start, offscreen) that cannot sign in, said on stderr, never a box."""
    from villagedesk.domain.errors import VillageDeskError
    from villagedesk.services import sign_in, users
    from villagedesk.ui.messages import warn

    alone = sign_in.single_user(store)
    if alone is not None:
        return alone
    name = os.environ.get("VILLAGEDESK_USER")
    if args.screenshot and not name:
        name = next((u.name for u in users.list_users(store, include_disabled=False) if not u.has_pin), None)
    if name:
        try:
            return sign_in.sign_in(store, name, os.environ.get("VILLAGEDESK_PIN", ""))
        except VillageDeskError as exc:
            if not _interactive(args):
                print(f"无法登录：{exc.message}", file=sys.stderr)
                return 1
            warn(None, "无法登录", exc.message)
    if not _interactive(args):
        print("无法登录：每位使用人都设了 PIN，无人操作时请用环境变量 VILLAGEDESK_USER 和 VILLAGEDESK_PIN 指定。",
              file=sys.stderr)
        return 1
    from villagedesk.ui.sign_in import SignInDialog

    dialog = SignInDialog(store)
    gc.enable()  # the sign-in form may stay open for minutes
    return dialog.actor if dialog.exec() and dialog.actor is not None else 0


def _start_deferred_work(app, window, jobs, interactive: bool) -> None:
    from PySide6.QtCore import QTimer

    gc.freeze()
    gc.enable()
    # The icon (a PNG decode) only reaches the title bar and the task bar.
    _set_window_icon(app)
    # the window as the timer's context: a window gone (its run over) cancels it, so it never reaches a closed store
    QTimer.singleShot(200, window, lambda: _start_after_start(window, jobs, interactive))


def _set_window_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from villagedesk.resources import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "villagedesk.png")))


def _start_after_start(window, jobs, interactive: bool = True) -> None:
    from villagedesk.services import system
    from villagedesk.ui import messages

    def report(problems: list[str]) -> None:
        if problems:  # closing does not vouch for it either: the next start checks before anything writes
            window.ctx.store.note_clean_close = False
        if problems and not interactive:  # nobody to close a box: said on stderr
            print("数据库检查发现问题：" + "；".join(problems), file=sys.stderr)
        elif problems:
            messages.warn(window, "数据库检查发现问题",
                          "启动时检查数据库文件发现问题，数据库可能已损坏。请不要再录入新数据，"
                          "从接下来的窗口中选一份完好的备份恢复（现在的数据库会另存一份），并联系技术人员。"
                          "没有恢复权限的使用人：请关闭村务台再打开，启动时会检查并提示从备份恢复。\n\n"
                          + "\n".join(problems))
            from villagedesk.ui.backup import menu as backup_menu

            backup_menu.open_restore(window)

    checked = window.ctx.store.pages_checked
    jobs.start("检查数据库", lambda store, job: system.after_start(store, checked), on_done=report)


def _grab(widget, path: Path, jobs) -> int:
    """Show, let the page paint and its jobs (figures, panels) finish, then save the pixels."""
    from PySide6.QtWidgets import QApplication

    widget.show()
    for _ in range(3):
        for _ in range(3):
            QApplication.processEvents()
        jobs.wait_all(60)
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = widget.grab().save(str(path))
    print(f"已保存截图：{path}" if ok else f"截图保存失败：{path}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
