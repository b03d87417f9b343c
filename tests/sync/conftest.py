"""Sync tests use the points tests' small village (three households, a ledger)."""

from tests.points.conftest import pv  # noqa: F401
