"""A coordinator's own theme whose files are far larger than any theme needs is refused before they are
read, with one sentence naming the file and the limit."""

import tracemalloc

import pytest

from composer.limits import THEME_FILE_BYTES
from composer.model import ComposerError
from composer.render import render_email
from composer.render.pipeline import _environment
from composer.render.themes import THEMES_DIR, ThemeError, load_theme, user_themes_dir


@pytest.fixture(autouse=True)
def fresh_theme_caches():
    load_theme.cache_clear()
    _environment.cache_clear()
    yield
    load_theme.cache_clear()
    _environment.cache_clear()


def _theme(name):
    folder = user_themes_dir() / name
    folder.mkdir()
    (folder / "theme.json").write_text((THEMES_DIR / "classic" / "theme.json").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    return folder


def _sparse(path, size):
    with open(path, "wb") as file:
        file.truncate(size)


def test_a_huge_theme_settings_file_is_refused_unread():
    folder = _theme("bloated")
    _sparse(folder / "theme.json", 50 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ThemeError) as caught:
            load_theme("bloated")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
    assert "theme.json of 50 MB, larger than a theme file can be (1 MB)" in str(caught.value)


def test_a_huge_theme_template_is_refused_unread(sample_issue):
    folder = _theme("big-template")
    _sparse(folder / "section-title.html.j2", THEME_FILE_BYTES + 1)
    with pytest.raises(ComposerError) as caught:
        render_email(sample_issue.model_copy(update={"theme": "big-template"}))
    assert "section-title.html.j2, larger than a theme file can be (1 MB), so the theme was not used" in str(caught.value)
