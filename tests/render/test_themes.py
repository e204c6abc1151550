"""Themes: two built-in looks, and a coordinator's own themes kept in Jinja's sandbox."""

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from composer.render import render_email
from composer.render.pipeline import RenderError, _environment
from composer.render.themes import THEMES_DIR, ThemeError, available_themes, load_theme, user_themes_dir

GMAIL_CLIP = 102 * 1024
HOSTILE_TEMPLATES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../../etc/passwd' %}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ issue.__class__.__init__.__globals__ }}",
    "{{ issue.sections.__getitem__ }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999 }}",
    "{{ 1 / 0 }}",
]


@pytest.fixture(autouse=True)
def fresh_theme_caches():
    """Each test has its own home folder, so themes found by an earlier test must be forgotten."""
    load_theme.cache_clear()
    _environment.cache_clear()
    yield
    load_theme.cache_clear()
    _environment.cache_clear()


def _user_theme(name: str, section_title: str | None = None) -> Path:
    """A theme dropped into the user themes folder: classic's settings, maybe its own section title."""
    folder = user_themes_dir() / name
    folder.mkdir()
    (folder / "theme.json").write_text((THEMES_DIR / "classic" / "theme.json").read_text(encoding="utf-8"), encoding="utf-8")
    if section_title is not None:
        (folder / "section-title.html.j2").write_text(section_title, encoding="utf-8")
    return folder


@pytest.mark.parametrize("theme", ["classic", "bulletin"])
def test_each_built_in_theme_renders_the_sample_under_gmails_clip_limit(sample_issue, theme):
    html = render_email(sample_issue.model_copy(update={"theme": theme})).html
    assert len(html.encode("utf-8")) < GMAIL_CLIP
    assert "Annual General Meeting" in html and "{{" not in html


def test_bulletin_looks_different_a_band_per_section_title_and_sans_serif_headings(sample_issue):
    classic = render_email(sample_issue).html.replace(" ", "")
    bulletin = render_email(sample_issue.model_copy(update={"theme": "bulletin"})).html.replace(" ", "")
    band = re.compile(rf"<h2[^>]*background:{sample_issue.brand.primary_colour}")
    assert band.search(bulletin) and not band.search(classic)
    assert "Georgia" in classic and "Georgia" not in bulletin
    assert "Trebuchet" in bulletin
    assert len(re.findall(r"<h2[^>]*text-transform:uppercase", bulletin)) == len(sample_issue.sections)


def test_both_themes_are_offered_and_pass_the_contrast_check(sample_issue):
    from composer.checks.accessibility import check_colour_contrast
    from composer.checks.context import CheckContext

    assert {"classic", "bulletin"} <= set(available_themes())
    for theme in ("classic", "bulletin"):
        issue = sample_issue.model_copy(update={"theme": theme})
        context = CheckContext(issue, render_email(issue), date.today())
        assert list(check_colour_contrast(context)) == []


def test_a_users_theme_is_offered_and_rendered_in_the_sandbox(small_issue):
    _user_theme("harbour", section_title="<h2 style=\"color:teal\">{{ section.title | upper }}</h2>")

    assert "harbour" in available_themes()
    html = render_email(small_issue.model_copy(update={"theme": "harbour"})).html
    assert "INTRODUCTION" in html
    assert type(_environment("harbour")).__name__ == "_UserThemeEnvironment"
    assert type(_environment("classic")).__name__ == "Environment"
    assert _environment("harbour").bytecode_cache is None  # the sandbox's code is never kept on disk


@pytest.mark.parametrize("hostile", HOSTILE_TEMPLATES)
def test_a_hostile_user_theme_fails_with_a_clear_error_and_leaks_nothing(small_issue, hostile):
    _user_theme("hostile", section_title=hostile)

    with pytest.raises(RenderError) as raised:
        render_email(small_issue.model_copy(update={"theme": "hostile"}))
    message = str(raised.value)
    assert message.startswith("The email template failed")
    for secret in ("root:", "<class", "subclasses", "os.environ", "{'", "function "):
        assert secret not in message


def test_a_user_theme_cannot_follow_a_link_out_of_its_folder(small_issue, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the treasurer's password", encoding="utf-8")
    folder = _user_theme("linked")
    os.symlink(secret, folder / "section-title.html.j2")

    html = render_email(small_issue.model_copy(update={"theme": "linked"})).html
    assert "treasurer" not in html
    assert "Introduction" in html   # the built-in section title stands in


def test_a_user_folder_cannot_replace_a_built_in_theme(small_issue):
    _user_theme("classic", section_title="{{ ''.__class__ }}")

    assert not load_theme("classic").user
    assert "Introduction" in render_email(small_issue).html


def test_a_user_theme_with_stylesheet_breaking_settings_is_refused(small_issue):
    folder = _user_theme("leaky")
    settings = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
    settings["page_background"] = "#fff}</style><script>alert(1)</script>"
    (folder / "theme.json").write_text(json.dumps(settings), encoding="utf-8")

    with pytest.raises(ThemeError):
        render_email(small_issue.model_copy(update={"theme": "leaky"}))


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_both_themes_fit_a_phone_without_sideways_scrolling(sample_issue):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

    def offline(route):
        route.abort() if route.request.url.startswith(("http://", "https://")) else route.continue_()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            for theme in ("classic", "bulletin"):
                page = browser.new_page(viewport={"width": 375, "height": 800})
                page.route("**/*", offline)
                page.set_content(render_email(sample_issue.model_copy(update={"theme": theme})).html)
                assert page.evaluate("document.documentElement.scrollWidth") <= 375, theme
                page.close()
        finally:
            browser.close()
