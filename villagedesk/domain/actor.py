"""The acting user that every service call carries, for the audit trail and permissions."""

from __future__ import annotations

from typing import NamedTuple


# A NamedTuple, not a dataclass: it is built on every start of the app, before the first paint,
# where importing dataclasses and generating its methods costs several milliseconds.
class Actor(NamedTuple):
    """Who is doing it: an office user's id and display name, or a tool."""

    user_id: str
    name: str

    @property
    def label(self) -> str:
        return self.name


SYSTEM = Actor("system", "系统")
CLI = Actor("cli", "命令行")
