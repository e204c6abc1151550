"""The app's own folders honour NEWSLETTER_COMPOSER_HOME, and errors land in a rotating log."""

import logging
import logging.handlers
import sys

import pytest

from composer import logs
from composer import user_folders as paths


@pytest.fixture
def clean_logging():
    root = logging.getLogger()
    handlers, level, hook = list(root.handlers), root.level, sys.excepthook
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook = hook
    logging.captureWarnings(False)


def test_app_folders_live_under_the_override(app_home):
    assert paths.data_dir() == app_home / "data"
    assert paths.config_dir() == app_home / "config"
    assert paths.log_dir() == app_home / "logs"
    assert all(folder.is_dir() for folder in (paths.data_dir(), paths.config_dir(), paths.log_dir()))


def test_without_the_override_the_platform_folders_are_used(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.HOME_VARIABLE)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    if sys.platform.startswith("linux"):
        assert paths.data_dir() == tmp_path / "xdg-data" / "newsletter-composer"
        assert paths.config_dir() == tmp_path / "xdg-config" / "newsletter-composer"
    assert paths.APP_NAME in str(paths.log_dir())


def test_errors_are_logged_with_time_level_and_module(app_home, clean_logging):
    path = logs.setup_logging()
    assert logs.setup_logging() == path  # twice does not double every line
    assert path.parent == logs.log_folder() == app_home / "logs"
    logging.getLogger("composer.storage").error("could not save %s", "autumn.newsletter")
    for handler in logging.getLogger().handlers:
        handler.flush()
    line = path.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert "ERROR" in line and "composer.storage" in line and "could not save autumn.newsletter" in line
    assert line[:4].isdigit()  # starts with the date
    assert len([h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]) == 1


def test_uncaught_errors_are_logged_with_their_traceback(clean_logging):
    shown = []
    sys.excepthook = lambda *exc_info: shown.append(exc_info)  # stands in for the app's error dialog
    path = logs.setup_logging()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "RuntimeError: boom in a slot" in text and "Traceback" in text
    assert len(shown) == 1  # the previous hook still runs


def test_the_log_file_rotates_instead_of_growing(clean_logging, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging()
    for number in range(200):
        logging.getLogger("composer").warning("line %d %s", number, "x" * 40)
    assert path.stat().st_size <= 2_000
    assert path.with_name(path.name + ".1").exists()
