"""What the first render of a new start of the app keeps for the next one: the compiled built-in templates
and premailer's answers per kind of element (issue 16)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from composer.render import compiled, inlining, kept_answers, reuse
from composer.render.pipeline import _environment, render_email, render_whole_email

ROOT = Path(__file__).resolve().parents[2]

# One start of the app: render the sample, and say how many templates had to be compiled.
_ONE_START = """
import json, sys
from jinja2 import Environment
compiled = []
real = Environment._compile
def counting(self, source, filename):
    compiled.append(filename)
    return real(self, source, filename)
Environment._compile = counting
from composer.render import render_email
from composer.resources import SAMPLE_ISSUE
from composer.storage import load_issue
email = render_email(load_issue(SAMPLE_ISSUE))
print(json.dumps({"compiled": len(compiled), "premailer": "premailer" in sys.modules, "html": email.html,
                  "text": email.text}))
"""


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test has its own home folder: forget environments and cache folders found before."""
    def forget():
        _environment.cache_clear()
        compiled._cache_for.cache_clear()
        kept_answers._folder.cache_clear()
        inlining._answers.clear()
        reuse.clear()

    forget()
    yield
    forget()


def _start_the_app(home: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _ONE_START], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "NEWSLETTER_COMPOSER_HOME": str(home)}, timeout=120)
    return json.loads(done.stdout)


def test_the_second_start_of_the_app_compiles_no_template_nor_loads_premailer_and_renders_the_same_email(tmp_path):
    first = _start_the_app(tmp_path)
    second = _start_the_app(tmp_path)

    assert first["compiled"] > 10  # the layout, its parts and a partial per block type
    assert first["premailer"]
    assert second["compiled"] == 0
    assert not second["premailer"]
    assert (second["html"], second["text"]) == (first["html"], first["text"])
    assert any((tmp_path / "cache").glob("templates-*/*.cache"))
    assert any((tmp_path / "cache").glob("premailer-*/*.json"))


def test_an_edited_template_is_compiled_afresh(private_home, tmp_path):
    settings = dict(trim_blocks=True, autoescape=True)
    (tmp_path / "hello.j2").write_text("Hello {{ name }}", encoding="utf-8")
    before = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=compiled.template_cache(settings),
                         **settings)
    assert before.get_template("hello.j2").render(name="Sam") == "Hello Sam"

    (tmp_path / "hello.j2").write_text("Goodbye {{ name }}", encoding="utf-8")
    after = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=compiled.template_cache(settings),
                        **settings)
    assert after.get_template("hello.j2").render(name="Sam") == "Goodbye Sam"


def test_other_settings_never_read_each_others_compiled_templates():
    plain = compiled.template_cache(dict(trim_blocks=True, autoescape=True))
    other = compiled.template_cache(dict(trim_blocks=False, autoescape=True))
    assert plain.directory != other.directory


def test_no_cache_folder_is_no_problem(private_home, sample_issue):
    (private_home / "cache").write_text("a file where the cache folder would go", encoding="utf-8")

    assert _environment(sample_issue.theme).bytecode_cache is None
    assert "Autumn" in render_email(sample_issue).html


@pytest.mark.parametrize("damage", ["{not json", '[["a", 1]]', '[[["a", null, null], [["style", "x"]]]]',
                                    '[[["a", null, null, null], [["style", 7]]]]'])
def test_a_damaged_file_of_answers_is_ignored_and_premailer_asked_again(sample_issue, damage, monkeypatch):
    email = render_email(sample_issue)
    files = list((Path(os.environ["NEWSLETTER_COMPOSER_HOME"]) / "cache").glob("premailer-*/*.json"))
    assert files
    for path in files:
        path.write_text(damage, encoding="utf-8")
    inlining._answers.clear()
    asked = []
    real = inlining._ask_premailer
    monkeypatch.setattr(inlining, "_ask_premailer", lambda kinds, css: asked.append(kinds) or real(kinds, css))

    retitled = sample_issue.model_copy(update={"title": "Another title"})
    assert render_email(retitled).html == render_whole_email(retitled).html
    assert asked
    assert render_email(sample_issue).html == email.html


def test_answers_are_kept_apart_for_other_premailer_settings(sample_issue):
    render_email(sample_issue)
    css = next(iter(inlining._answers))
    assert kept_answers.read(css, inlining.INLINER_SETTINGS)
    assert kept_answers.read(css, {**inlining.INLINER_SETTINGS, "strip_important": True}) == {}
