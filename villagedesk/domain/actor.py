"""The acting user that every service call carries, for the audit trail and permissions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who is doing it: an office user's id and display name, or a tool."""

    user_id: str
    name: str

    @property
    def label(self) -> str:
        return self.name


SYSTEM = Actor("system", "系统")
CLI = Actor("cli", "命令行")
