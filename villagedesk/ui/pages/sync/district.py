"""数据同步's district buttons: 生成区县汇总包 at a township, 导入区县汇总包 at a district."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.period import parse_period
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.reports.periods import period_choices
from villagedesk.ui.pages.sync import dialogs

TITLE_OUT, TITLE_IN = "生成区县汇总包", "导入区县汇总包"


def export_package(ctx: AppContext, parent: QWidget) -> None:
    """Ask the period and the folder (a stick), then write the township's package for its district."""
    from villagedesk.services.district import package

    choices = period_choices()
    text, ok = QInputDialog.getItem(parent, TITLE_OUT, "统计期间（汇总包只含汇总数，不含个人信息）",
                                    [t for t, _label in choices], 0, False)
    if not ok:
        return
    folder = dialogs.ask_folder(parent, f"{TITLE_OUT}：保存到哪个文件夹")
    if folder is None:
        return
    try:
        label = dict(choices)[text]
        w = package.export_district_package(ctx.store, ctx.actor, parse_period(label), folder)
    except VillageDeskError as exc:
        messages.warn(parent, TITLE_OUT, exc.message)
        return
    messages.info(parent, TITLE_OUT, f"已写入：{w.path}\n{w.villages} 个村，sha256 {w.sha256[:16]}…\n"
                                     "只含各项指标的汇总数，不含姓名、身份证号、电话、住址和农户明细。")


def import_package(ctx: AppContext, parent: QWidget) -> None:
    """Pick a township's package and take it in (verified; the same one twice changes nothing)."""
    from villagedesk.services.district import importing

    path = dialogs.ask_open_path(parent, TITLE_IN, "区县汇总包 (*.vddist)")
    if path is None:
        return
    try:
        r = importing.import_district_package(ctx.store, ctx.actor, path)
    except VillageDeskError as exc:
        messages.warn(parent, TITLE_IN, exc.message)
        return
    if r.outcome in ("new", "replaced"):
        from villagedesk.domain import changes

        ctx.events.publish(changes.EVERYTHING)  # 辖区总览 reads the townships' packages afresh
    messages.info(parent, TITLE_IN, f"{r.message}：{r.township_name}（{r.township_code}）{r.period}，"
                                    f"{r.villages} 个村。在“辖区总览”选该期间查看。")
