"""Grids fixtures: the UI fixtures of tests/ui for the page tests."""

from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures used by the page tests)
