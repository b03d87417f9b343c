"""A grid worker's roster entry: validated from what the clerk typed; sex and birth come from the identity number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.grids.dates import parse_date
from villagedesk.domain.identity import parse_identity
from villagedesk.domain.phone import validate_phone
from villagedesk.domain.text import short_text
from villagedesk.domain.village import validate_person_name

SOURCE_LABELS = {"cadre": "村干部（小组长）", "auxiliary": "农村辅助人员", "volunteer": "热心党员（群众）"}
STATUS_LABELS = {"active": "在岗", "resting": "暂停", "replaced": "已调整", "left": "已离任"}
ROLE_LABELS = {"primary": "网格员", "deputy": "副网格员"}
EDUCATIONS = ("小学", "初中", "高中（中专）", "大专", "本科及以上")


@dataclass(frozen=True)
class WorkerInput:
    name: str
    id_number: str
    sex: str
    birth_date: dt.date
    phone: str
    party_member: bool
    source: str
    education: str
    appointed_on: dt.date
    notes: str


def make_worker(name: object, id_number: object, phone: object, party_member: bool, source: str,
                education: object, appointed_on: object, notes: object = "",
                today: dt.date | None = None) -> WorkerInput:
    """Validate a roster form; each error names its field."""
    today = today or clock.today()
    person = validate_person_name(name, "姓名")
    ident = parse_identity(id_number, today=today)
    number = validate_phone(phone)
    if source not in SOURCE_LABELS:
        raise ValidationError("来源", "请选择：" + "、".join(SOURCE_LABELS.values()))
    edu = short_text(education, "学历", 20)
    appointed = parse_date(appointed_on, "任职日期")
    if appointed > today:
        raise ValidationError("任职日期", f"“{appointed.isoformat()}”晚于今天")
    if ident.age_on(appointed) < 18:
        raise ValidationError("身份证号", f"任职时未满 18 周岁（出生于 {ident.birth_date.isoformat()}）")
    text = short_text(notes, "备注", 200)
    return WorkerInput(person, ident.number, ident.sex, ident.birth_date, number, bool(party_member),
                       source, edu, appointed, text)
