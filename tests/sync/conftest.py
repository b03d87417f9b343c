"""Sync tests use the points tests' small village (three households, a ledger)."""

from tests.points.conftest import pv  # noqa: F401
from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures of the page tests)
