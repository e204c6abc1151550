"""The `run_rule` fixture for the pre-flight check tests (helpers live in check_helpers)."""

import pytest

import check_helpers


@pytest.fixture
def run_rule():
    return check_helpers.run_rule
