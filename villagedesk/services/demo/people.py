"""Demo households with plausible family structure, ages, valid identity numbers and phones."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from villagedesk.domain.identity import check_digit
from villagedesk.services.demo import names

REGION = "510903"  # 四川省遂宁市船山区


@dataclass
class Person:
    name: str
    sex: str
    birth: dt.date
    relation: str
    id_number: str = ""
    phone: str = ""
    residence_status: str = "living"
    party_member: int = 0


@dataclass
class Family:
    surname: str
    members: list[Person] = field(default_factory=list)


class PeopleMaker:
    """Deterministic for a given random.Random; keeps identity numbers unique."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng = rng
        self.today = today
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()

    def family(self, surname: str) -> Family:
        r = self.rng
        fam = Family(surname)
        head_age = int(r.triangular(28, 88, 58))
        head_sex = "男" if r.random() < 0.82 else "女"
        head = self.person(surname, head_sex, head_age, "户主")
        fam.members.append(head)
        if r.random() < (0.85 if head_age < 72 else 0.55):
            spouse_sex = "女" if head_sex == "男" else "男"
            spouse_age = max(22, head_age + r.randint(-5, 3))
            fam.members.append(self.person(self.any_surname(), spouse_sex, spouse_age, "配偶"))
        if head_age < 80:
            for _ in range(self.n_children(head_age)):
                child_age = head_age - r.randint(22, 34)
                if child_age < 0:
                    continue
                sex = r.choice("男女")
                child = self.person(surname, sex, child_age, "子" if sex == "男" else "女")
                fam.members.append(child)
                if child_age >= 24 and sex == "男" and r.random() < 0.35:
                    fam.members.append(self.person(self.any_surname(), "女", child_age - r.randint(0, 3), "儿媳"))
                    for _ in range(r.choice((0, 1, 1, 2))):
                        gage = child_age - r.randint(22, 30)
                        if gage >= 0:
                            gsex = r.choice("男女")
                            fam.members.append(self.person(surname, gsex, gage, "孙子" if gsex == "男" else "孙女"))
        if head_age < 58 and r.random() < 0.3:
            psex = r.choice("男女")
            fam.members.append(self.person(surname if psex == "男" else self.any_surname(), psex,
                                           head_age + r.randint(22, 32), "父亲" if psex == "男" else "母亲"))
        return fam

    def n_children(self, head_age: int) -> int:
        return self.rng.choices((0, 1, 2, 3), weights=(2, 4, 4, 1) if head_age < 65 else (5, 3, 2, 0))[0]

    def any_surname(self) -> str:
        return self.rng.choice(names.SURNAMES[:60]) if self.rng.random() < 0.95 else self.rng.choice(names.SURNAMES)

    def person(self, surname: str, sex: str, age: int, relation: str) -> Person:
        r = self.rng
        birth = self.today - dt.timedelta(days=age * 365 + r.randint(0, 364))
        pool = (names.YOUNG_MALE if sex == "男" else names.YOUNG_FEMALE) if age < 25 else \
            (names.MALE_CHARS if sex == "男" else names.FEMALE_CHARS)
        given = r.choice(pool) + (r.choice(pool) if r.random() < 0.75 else "")
        p = Person(surname + given, sex, birth, relation)
        p.id_number = self.id_number(birth, sex)
        if age >= 18 and (relation == "户主" or r.random() < 0.55):
            p.phone = self.phone()
        if 18 <= age <= 50 and relation != "户主" and r.random() < 0.35:
            p.residence_status = "working_away"
        if age >= 20 and r.random() < (0.12 if sex == "男" else 0.04):
            p.party_member = 1
        return p

    def id_number(self, birth: dt.date, sex: str) -> str:
        while True:
            seq = self.rng.randint(0, 499) * 2 + (1 if sex == "男" else 0)
            first17 = f"{REGION}{birth:%Y%m%d}{seq:03d}"
            number = first17 + check_digit(first17)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        while True:
            number = self.rng.choice(("138", "139", "150", "151", "158", "177", "182", "187", "199")) + \
                f"{self.rng.randint(0, 99_999_999):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number
