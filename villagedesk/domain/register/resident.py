"""A resident (常住人口): name, identity number and what it tells, relation to the head, residence."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.identity import parse_identity
from villagedesk.domain.phone import validate_phone
from villagedesk.domain.text import clean_text

HEAD = "户主"
RELATIONS = ("户主", "配偶", "子", "女", "儿媳", "女婿", "孙子", "孙女", "外孙子", "外孙女", "父亲", "母亲",
             "兄弟", "姐妹", "其他")
_RELATION_SYNONYMS = {
    "本人": "户主", "户主本人": "户主", "妻": "配偶", "妻子": "配偶", "夫": "配偶", "丈夫": "配偶",
    "之妻": "配偶", "之夫": "配偶", "儿子": "子", "长子": "子", "次子": "子", "三子": "子", "之子": "子",
    "女儿": "女", "长女": "女", "次女": "女", "三女": "女", "之女": "女", "媳妇": "儿媳", "儿媳妇": "儿媳",
    "孙": "孙子", "父": "父亲", "母": "母亲", "兄": "兄弟", "弟": "兄弟", "姐": "姐妹", "妹": "姐妹",
}
RESIDENCE_STATUSES: dict[str, str] = {
    "living": "在家居住", "working_away": "外出务工", "moved_out": "已迁出", "deceased": "已去世",
}
# Counted as residents of the village (常住人口 in the register): at home or working away.
PRESENT_STATUSES = ("living", "working_away")
_RESIDENCE_WORDS = (("去世", "deceased"), ("死亡", "deceased"), ("已故", "deceased"), ("迁出", "moved_out"),
                    ("外出", "working_away"), ("务工", "working_away"), ("在外", "working_away"),
                    ("在家", "living"), ("居住", "living"), ("常住", "living"), ("在村", "living"))
_NAME = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·A-Za-z]{2,20}$")


@dataclass(frozen=True)
class ResidentDraft:
    """What a clerk types for a person; `validated()` returns the stored fields or raises naming the field."""

    name: str
    id_number: object
    relation: str = HEAD
    phone: str = ""
    residence_status: str = "living"
    party_member: bool = False
    notes: str = ""

    def validated(self, row: int | None = None, today: dt.date | None = None) -> dict:
        name = validate_name(self.name, row)
        identity = parse_identity(self.id_number, row=row, today=today)
        residence = parse_residence_status(self.residence_status, row)
        return {"name": name, "id_number": identity.number, "sex": identity.sex,
                "birth_date": identity.birth_date.isoformat(), "relation": parse_relation(self.relation, row),
                "phone": validate_phone(self.phone, row=row), "residence_status": residence,
                "party_member": 1 if self.party_member else 0, "notes": clean_text(self.notes)}


def validate_name(value: object, row: int | None = None) -> str:
    name = clean_text(value).replace(" ", "")
    if not name:
        raise ValidationError("姓名", "不能为空", row)
    if not _NAME.match(name):
        raise ValidationError("姓名", f"“{name}”不像姓名（应为 2–20 个汉字，不含数字和符号）", row)
    return name


def parse_relation(value: object, row: int | None = None) -> str:
    text = clean_text(value).replace(" ", "")
    if not text:
        raise ValidationError("与户主关系", "不能为空", row)
    text = _RELATION_SYNONYMS.get(text, text)
    if len(text) > 10:
        raise ValidationError("与户主关系", f"“{text}”太长（最多 10 个字）", row)
    return text


def parse_residence_status(value: object, row: int | None = None) -> str:
    """A key ('living') or what a roster writes ('外出务工', '在家') → the key; empty means living."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return "living"
    if text in RESIDENCE_STATUSES:
        return text
    for word, key in _RESIDENCE_WORDS:
        if word in text:
            return key
    raise ValidationError("居住状态", f"“{text}”无法识别（可填：{'、'.join(RESIDENCE_STATUSES.values())}）", row)


def parse_yes_no(value: object, field: str, row: int | None = None) -> bool:
    text = clean_text(value).replace(" ", "")
    if text in ("", "否", "不是", "无", "非党员", "群众", "0", "N", "n", "False"):
        return False
    if text in ("是", "党员", "中共党员", "预备党员", "1", "Y", "y", "True", "√"):
        return True
    raise ValidationError(field, f"“{text}”应填“是”或“否”", row)


def age_on(birth_date: str, day: dt.date) -> int:
    born = dt.date.fromisoformat(birth_date)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
