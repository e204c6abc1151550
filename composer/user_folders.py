"""Where the app keeps its own files: recovery copies, settings, logs and a cache.

platformdirs picks the platform's usual folders. Setting NEWSLETTER_COMPOSER_HOME
puts all of them under one folder instead, so tests and CI never touch the
real home directory and a portable install can live on a USB stick.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsletter-composer"
HOME_VARIABLE = "NEWSLETTER_COMPOSER_HOME"


def data_dir() -> Path:
    """Recovery copies and other data the app writes for itself (created if missing)."""
    return _ensure(_override("data") or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def config_dir() -> Path:
    """Settings (created if missing)."""
    return _ensure(_override("config") or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def log_dir() -> Path:
    """The rotating log files (created if missing)."""
    return _ensure(_override("logs") or Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))


def cache_dir() -> Path:
    """Files the app can always make again, such as compiled email templates (created if missing)."""
    return _ensure(_override("cache") or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)))


def cache_folder(name: str) -> Path | None:
    """A folder of the cache for one kind of kept file (created if missing), or None where it cannot be
    made: a cache never stops the app, it is simply not used."""
    try:
        return _ensure(cache_dir() / name)
    except OSError:
        return None


def _override(kind: str) -> Path | None:
    home = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(home).expanduser() / kind if home else None


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder
