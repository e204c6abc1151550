"""Storage tests never touch the real home folder: the app's folders live in tmp."""

import pytest

from composer.user_folders import HOME_VARIABLE


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    return home
