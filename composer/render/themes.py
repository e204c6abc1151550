"""Themes: a folder with a theme.json and optional template overrides.

Built-in themes live under templates/themes/; a coordinator may add their own
in the user themes folder (data_dir()/themes). Built-in names win, so a user
folder cannot replace a shipped theme, and user themes are marked so the
pipeline renders them in Jinja's sandbox.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from composer.model import ComposerError
from composer.resources import TEMPLATES_DIR
from composer.limits import THEME_FILE_BYTES, describe_bytes
from composer.user_folders import data_dir

THEMES_DIR = TEMPLATES_DIR / "themes"
DEFAULT_THEME = "classic"
# Theme values are written into <style> unescaped (quotes in font names must survive),
# so anything that could close the rule or the tag is refused.
_UNSAFE_CSS = re.compile(r"[<>{};\\]|/\*")
_THEME_NAME = re.compile(r"[A-Za-z0-9_-]+")


class ThemeError(ComposerError):
    """A theme folder that is missing or whose settings cannot be read."""


def check_theme_file_size(name: str, path: Path) -> None:
    """A theme's file far larger than any theme needs is refused before it is read (ThemeError)."""
    size = path.stat().st_size
    if size > THEME_FILE_BYTES:
        limit = describe_bytes(THEME_FILE_BYTES)
        how_big = f" of {describe_bytes(size)}" if describe_bytes(size) != limit else ""
        raise ThemeError(f"The theme {name!r} has a file, {path.name}{how_big}, larger than a theme file can be "
                         f"({limit}), so the theme was not used")


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    settings: Mapping[str, str]
    user: bool = False  # added by the coordinator: its templates are untrusted


def user_themes_dir() -> Path:
    """Where a coordinator drops theme folders of their own (created if missing)."""
    folder = data_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def available_themes() -> list[str]:
    """Built-in and user theme names, each once, for the issue settings."""
    names = {path.parent.name for path in THEMES_DIR.glob("*/theme.json")}
    names |= {path.parent.name for path in user_themes_dir().glob("*/theme.json")
              if _THEME_NAME.fullmatch(path.parent.name)}
    return sorted(names)


@lru_cache(maxsize=32)
def load_theme(name: str) -> Theme:
    # The name comes from the issue file: "../x" or "/tmp/x" must not load templates from elsewhere.
    if not _THEME_NAME.fullmatch(name):
        name = DEFAULT_THEME
    folder, user = THEMES_DIR / name, False
    if not (folder / "theme.json").is_file() and (user_themes_dir() / name / "theme.json").is_file():
        folder, user = user_themes_dir() / name, True
    settings_file = folder / "theme.json"
    if not settings_file.is_file():
        if name != DEFAULT_THEME:
            return load_theme(DEFAULT_THEME)
        raise ThemeError(f"The theme {name!r} is missing its theme.json")
    try:
        check_theme_file_size(name, settings_file)
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ThemeError(f"The theme {name!r} has unreadable settings: {error}") from None
    if not isinstance(settings, dict):
        raise ThemeError(f"The theme {name!r} has settings that are not a list of names and values")
    unsafe = [key for key, value in settings.items() if not isinstance(value, str) or _UNSAFE_CSS.search(value)]
    if unsafe:
        raise ThemeError(f"The theme {name!r} has settings that cannot go into a stylesheet: {', '.join(unsafe)}")
    return Theme(name=name, folder=folder, settings=MappingProxyType(settings), user=user)
