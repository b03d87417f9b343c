"""No identity number (nor phone) in clear in any file the app writes on the demo village, unless asked and audited."""

import re
import zipfile

from pypdf import PdfReader

from tests.conftest import TEST_ACTOR
from villagedesk.domain.period import parse_period
from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.services import privacy, users
from villagedesk.services.field_work import agreement, emergency_ledger, ledger, notices, visit_ledger
from villagedesk.services.grids import exports as payroll_exports
from villagedesk.services.points import activities, receipts
from villagedesk.services.points import ledger as points_ledger
from villagedesk.services.register import exports, insurance
from villagedesk.services.reports import sending


def _text(path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(p.extract_text() for p in PdfReader(path).pages)
    with zipfile.ZipFile(path) as z:  # every part of the workbook: cells, shared strings, headers
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def _one(store, sql):
    return store.scalar(sql)


def test_every_file_written_on_the_demo_village_masks_identity_numbers_and_phones(demo_store, tmp_path):
    s = demo_store
    numbers = {r[0] for r in s.query("SELECT id_number FROM residents UNION SELECT id_number FROM workers")}
    phones = {r[0] for r in s.query("SELECT phone FROM residents WHERE phone <> '' UNION "
                                    "SELECT phone FROM households WHERE phone <> '' UNION "
                                    "SELECT phone FROM workers WHERE phone <> ''")}
    dispute = _one(s, "SELECT d.id FROM disputes d WHERE d.outcome = 'mediated' AND "
                      "(SELECT count(*) FROM dispute_parties p WHERE p.dispute_id = d.id) >= 2 LIMIT 1")
    notice = _one(s, "SELECT id FROM notices LIMIT 1")
    activity = _one(s, "SELECT id FROM activities WHERE status IN ('noticed', 'approved', 'posted') LIMIT 1")
    household = _one(s, "SELECT household_id FROM point_balances ORDER BY balance DESC LIMIT 1")
    redemption = _one(s, "SELECT id FROM redemptions LIMIT 1")
    month = _one(s, "SELECT month FROM payrolls WHERE status = 'locked' ORDER BY month DESC LIMIT 1")
    d = tmp_path
    written = [
        exports.export_view(s, RegisterFilter("residents", status=None), d / "人口.xlsx", actor=TEST_ACTOR),
        exports.export_view(s, RegisterFilter("households", status=None), d / "农户.xlsx", actor=TEST_ACTOR),
        insurance.write_not_enrolled_pdf(s, TEST_ACTOR, 2026, d / "未参保.pdf"),
        insurance.write_summary(s, 2026, d / "参保.xlsx"),
        ledger.export_ledger(s, TEST_ACTOR, d / "台账.xlsx", "xlsx"), ledger.export_ledger(s, TEST_ACTOR, d / "台账.pdf", "pdf"),
        visit_ledger.export_visits(s, TEST_ACTOR, d / "走访.xlsx", "xlsx", period=parse_period("last-month")),
        visit_ledger.export_visits(s, TEST_ACTOR, d / "走访.pdf", "pdf", period=parse_period("last-month")),
        emergency_ledger.export_emergencies(s, TEST_ACTOR, d / "突发.xlsx", "xlsx"),
        emergency_ledger.export_emergencies(s, TEST_ACTOR, d / "突发.pdf", "pdf"),
        notices.export_unreached(s, TEST_ACTOR, notice, d / "未通知.pdf"),
        notices.export_unreached(s, TEST_ACTOR, notice, d / "未通知.xlsx", "xlsx"),
        payroll_exports.export_payroll(s, None, TEST_ACTOR, month, d / "补贴.xlsx"),
        payroll_exports.export_payroll(s, None, TEST_ACTOR, month, d / "补贴.pdf", "pdf"),
        activities.write_notice_pdf(s, TEST_ACTOR, activity, d / "公示.pdf"),
        points_ledger.write_statement_pdf(s, TEST_ACTOR, household, d / "对账单.pdf"),
        points_ledger.write_poster_pdf(s, TEST_ACTOR, d / "红榜.pdf", parse_period("2026")),
        receipts.write_pdf(receipts.receipt(s, redemption), d / "凭证.pdf"),
        privacy.export_audit(s, TEST_ACTOR, d / "操作记录.xlsx"),
    ]
    if dispute:
        written.append(agreement.export_agreement(s, TEST_ACTOR, dispute, d / "协议书.pdf"))
    # the report set, as its preparer (文书/会计) exports it: the workbook, the combined PDF and every single file
    clerk = next(u.actor for u in users.list_users(s) if u.role == "clerk" and u.active)
    report_set = sending.prepare_set(s, clerk, "2026-10", d / "报表")
    written += [report_set.folder / name for name in report_set.files]
    for path in written:
        text = _text(path)
        found = [n for n in re.findall(r"\d{17}[\dX]", text) if n in numbers]
        assert not found, f"{path.name}: {found[:3]}"
        assert not [p for p in phones if p in text], path.name
    # asked for by a head: full numbers, the file says so, and the audit trail has the export
    full = exports.export_view(s, RegisterFilter("residents", status=None), d / "上报.xlsx", actor=TEST_ACTOR,
                               full=True)
    assert "含敏感个人信息" in full.name and any(n in _text(full) for n in numbers)
    line = privacy.audit_lines(s, TEST_ACTOR, kind="导出花名册")[0]
    assert full.name in line.detail and "含完整身份证号" in line.detail
