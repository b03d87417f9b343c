"""The acting user that every service call carries, for the audit trail and permissions."""

from __future__ import annotations

from typing import NamedTuple


# A NamedTuple, not a dataclass: it is built on every start of the app, before the first paint,
# where importing dataclasses and generating its methods costs several milliseconds.
class Actor(NamedTuple):
    """Who is doing it: an office user's id, display name and role (as signed in), or a tool.

    The role here is what sign-in read from the store, for the UI to enable buttons; services
    never trust it and read the role again from the store (services/access.py).
    """

    user_id: str
    name: str
    role: str = ""

    @property
    def label(self) -> str:
        return self.name


SYSTEM = Actor("system", "系统")
CLI = Actor("cli", "命令行")
TOOL_USER = Actor("tool", "维护工具")  # the installation's tool user: check and stats only, no office role
