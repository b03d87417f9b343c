"""Register fixtures: the test village with grids; the UI fixtures of tests/ui for the page tests."""

from __future__ import annotations

import pytest

from tests.register.helpers import add_grids
from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures used by the page tests)


@pytest.fixture
def grids(store) -> dict[str, str]:
    """Grid name → id in the `store` village (老村委 is retired)."""
    return add_grids(store)
