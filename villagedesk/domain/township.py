"""The township identity a township installation serves: its division code and name."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.division_code import validate_township_code
from villagedesk.domain.text import short_text


class Township(NamedTuple):  # not a dataclass: see domain/actor.py
    """A township node's site: its 12-digit division code (9 digits and 000) and name."""

    code: str
    name: str

    @property
    def prefix(self) -> str:
        """The 9 digits every village code of the township begins with."""
        return self.code[:9]


def make_township(code: str, name: str) -> Township:
    """Validate the township's first-run form; each error names its field."""
    return Township(validate_township_code(code), short_text(name, "乡镇名称", 30, required=True))
