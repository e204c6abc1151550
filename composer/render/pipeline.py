"""Issue → MJML (Jinja2) → HTML (mjml-python) → inlined email HTML (premailer), and plain text.

Rendering is a pure function of the Issue, the templates and the options, so
the GUI preview, the CLI, the exporter and the tests all get the same email.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from jinja2 import (
    ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateRuntimeError,
    pass_context,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup
from mjml import mjml2html

from composer.model import ComposerError, Issue
from composer.resources import TEMPLATES_DIR

from . import filters, inlining, reuse
from .compiled import template_cache
from .editing import prose as _editable_prose
from .grouping import shown_blocks
from .markup import add_main_landmark, tidy_mjml
from .themes import load_theme
_PREVIEW_MARK = re.compile(r'class="ncb-([0-9a-zA-Z_-]+)"')
_SAFE_ID = re.compile(r"[0-9a-zA-Z_-]+")


class RenderError(ComposerError):
    """The email could not be rendered (usually a broken template)."""


@dataclass(frozen=True)
class RenderedEmail:
    html: str
    text: str
    mjml: str
    timings: Mapping[str, float] = field(default_factory=dict)


def render_email(issue: Issue, *, preview: bool = False, merge_tags: Mapping[str, str] | None = None) -> RenderedEmail:
    """The email a mailing provider would send, and its plain-text twin.

    With ``preview`` each block's element carries ``data-block-id`` so the
    preview can map clicks to blocks; exported HTML never does. Pieces that did not
    change since an earlier render are reused (see reuse.py); the result is the same.
    """
    if not _environment(issue.theme).globals["reusable"]:
        return render_whole_email(issue, preview=preview, merge_tags=merge_tags)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    settings = reuse.settings_key(issue, preview, merge_tags)
    fragments = reuse.Fragments(settings)
    layout = render_mjml(issue, preview=preview, merge_tags=merge_tags, fragments=fragments)
    timings["jinja"] = time.perf_counter() - started

    started = time.perf_counter()
    skeleton_html, css = reuse.skeleton(layout, compile_mjml, inline_css)
    timings["mjml"] = time.perf_counter() - started

    started = time.perf_counter()
    if css is None:  # a stylesheet that selects by context: inline the email whole
        html = inline_css(compile_mjml(reuse.fill_mjml(layout, fragments.html)))
    else:
        html = reuse.fill(skeleton_html, fragments.html, css)
    if preview:
        html = _PREVIEW_MARK.sub(r'data-block-id="\1"', html)
    timings["inline"] = time.perf_counter() - started

    started = time.perf_counter()
    text = render_text(issue, merge_tags=merge_tags, settings=settings)
    timings["text"] = time.perf_counter() - started
    return RenderedEmail(html=html, text=text, mjml=reuse.fill_mjml(layout, fragments.html), timings=timings)


def render_whole_email(issue: Issue, *, preview: bool = False,
                       merge_tags: Mapping[str, str] | None = None) -> RenderedEmail:
    """The same email made in one piece, nothing reused: for a coordinator's own theme, and
    the reference the reusing render is tested against."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    mjml = render_mjml(issue, preview=preview, merge_tags=merge_tags)
    timings["jinja"] = time.perf_counter() - started

    started = time.perf_counter()
    html = compile_mjml(mjml)
    timings["mjml"] = time.perf_counter() - started

    started = time.perf_counter()
    html = inline_css(html)
    if preview:
        html = _PREVIEW_MARK.sub(r'data-block-id="\1"', html)
    timings["inline"] = time.perf_counter() - started

    started = time.perf_counter()
    text = render_text(issue, merge_tags=merge_tags)
    timings["text"] = time.perf_counter() - started
    return RenderedEmail(html=html, text=text, mjml=mjml, timings=timings)


def render_mjml(issue: Issue, *, preview: bool = False, merge_tags: Mapping[str, str] | None = None,
                fragments: "reuse.Fragments | None" = None) -> str:
    """The email's MJML; with *fragments*, prose pieces are left as slots and collected there."""
    env = _environment(issue.theme)
    context = _context(issue, merge_tags)
    context["preview"] = preview
    context["_fragments"] = fragments
    try:
        return env.get_template("layout.mjml.j2").render(context)
    except TemplateError as error:
        raise RenderError(f"The email template failed: {error}") from error


def compile_mjml(mjml: str) -> str:
    """The email's HTML from our MJML: tidied for mjml-python first (see markup.py), then
    given a ``main`` landmark."""
    try:
        html = mjml2html(tidy_mjml(mjml))
    except Exception as error:  # mjml-python raises bare exceptions for bad markup
        raise RenderError(f"The email layout could not be built: {error}") from error
    return add_main_landmark(html)


def inline_css(html: str) -> str:
    """Copy our stylesheet's rules onto the elements, for clients that drop <style>.

    The <style> blocks stay too: media queries and dark-mode rules only work there.
    MJML's own reset styles are left in the head only: inlining them onto every
    table cell would add a third to the email's size for no visible gain.
    """
    import premailer  # loaded when first needed: the by-kind inlining rarely needs it (inlining.py)

    html = inlining.ignore_all_but_ours(html)
    inliner = premailer.Premailer(html, keep_style_tags=True, disable_leftover_css=False, **inlining.INLINER_SETTINGS)
    return inlining.with_doctype(inliner.transform(pretty_print=False))


def render_text(issue: Issue, *, merge_tags: Mapping[str, str] | None = None, settings=None) -> str:
    """The plain-text twin; with *settings* (a reuse key) each block's text is made once."""
    env = _environment(issue.theme)
    context = _context(issue, merge_tags)
    names = {**env.globals, **context}  # what Template.render would give each block's template
    try:
        sections = [
            {
                "title": section.title,
                "blocks": [
                    text
                    for block in shown_blocks(section)
                    if (text := reuse.block_text(env, names, block, settings))
                ],
            }
            for section in issue.sections
        ]
        text = env.get_template("text/layout.txt.j2").render(context, sections=sections)
    except TemplateError as error:
        raise RenderError(f"The plain-text template failed: {error}") from error
    if "\n\n\n\n" in text:
        text = re.sub(r"\n{4,}", "\n\n\n", text)
    return text.strip() + "\n"


def _context(issue: Issue, merge_tags: Mapping[str, str] | None) -> dict:
    return {
        "issue": issue,
        "brand": issue.brand,
        "theme": load_theme(issue.theme).settings,
        "merge_tags": dict(merge_tags) if merge_tags else None,
        "preview": False,
    }


@dataclass
class _Run:
    """Consecutive items rendered together; a content run shares one mj-text.

    Items are ("title", section) or ("block", block).
    """

    content: bool
    items: list


def _content_runs(content_types: frozenset[str], issue: Issue) -> list[_Run]:
    """Group the issue so section titles and prose blocks share mj-texts (far less HTML per block)."""
    runs: list[_Run] = []

    def add(is_content: bool, item: tuple) -> None:
        if runs and runs[-1].content == is_content:
            runs[-1].items.append(item)
        else:
            runs.append(_Run(is_content, [item]))

    for section in issue.sections:
        if section.title:
            add(True, ("title", section))
        for block in shown_blocks(section):
            add(block.type in content_types, ("block", block))
    return runs


@pass_context
def _content_mark(context, block) -> Markup:
    """The preview's hook on a prose block's HTML; nothing in the real email."""
    if context.get("preview") and _SAFE_ID.fullmatch(block.id):
        return Markup(f' data-block-id="{block.id}"')
    return Markup("")


@pass_context
def _mark(context, block) -> Markup:
    """The preview's hook on a block's element; nothing in the real email."""
    # Ids come from files: one that could break out of the attribute gets no hook.
    if context.get("preview") and _SAFE_ID.fullmatch(block.id):
        return Markup(f' css-class="ncb-{block.id}"')
    return Markup("")


@lru_cache(maxsize=16)
def _environment(theme_name: str) -> Environment:
    """Built-in themes get the plain environment; a user's theme gets the sandbox, since its
    templates could otherwise reach Python internals and, through them, the file system."""
    theme = load_theme(theme_name)
    options = dict(
        loader=ChoiceLoader([
            _ThemeFolderLoader(str(theme.folder)) if theme.user else FileSystemLoader(str(theme.folder)),
            FileSystemLoader(str(TEMPLATES_DIR / "email")),
            FileSystemLoader(str(TEMPLATES_DIR)),
        ]),
        autoescape=_escapes_html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_xml_safe,
    )
    if theme.user:
        env = _UserThemeEnvironment(**options)
    else:
        compiled = template_cache({name: value for name, value in options.items() if name != "loader"})
        env = Environment(**options, bytecode_cache=compiled)
    env.globals["mark"] = _mark
    env.globals["content_mark"] = _content_mark
    env.globals["fragment"] = reuse.fragment
    env.globals["reusable"] = not theme.user  # a coordinator's theme is rendered whole, nothing kept
    env.globals["theme_name"] = theme.name  # what kept pieces are filed under
    env.globals["prose"] = _editable_prose  # preview-only marks on prose fields (editing.py)
    content_types = frozenset(
        name.removeprefix("blocks/").removesuffix(".html.j2")
        for name in env.list_templates()
        if name.startswith("blocks/") and name.endswith(".html.j2")
    )
    env.globals["content_runs"] = lambda issue: _content_runs(content_types, issue)
    filters.install(env)
    return env


class _UserThemeEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, plus: no huge strings or powers to stall the preview, and any failure of a
    user's template reported as a template error rather than a crash."""

    intercepted_binops = frozenset(["*", "**"])
    _LARGEST = 100_000

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("the theme raises a number to too large a power")
        if operator == "*" and any(isinstance(side, int) and abs(side) > self._LARGEST for side in (left, right)) \
                and any(isinstance(side, (str, list, tuple)) for side in (left, right)):
            raise SecurityError("the theme repeats text too many times")
        return super().call_binop(context, operator, left, right)

    def handle_exception(self, source=None):
        error = sys.exc_info()[1]
        if isinstance(error, TemplateError):
            super().handle_exception(source)
        raise TemplateRuntimeError(f"the theme's template failed ({type(error).__name__}: {error})") from error


class _ThemeFolderLoader(FileSystemLoader):
    """A user theme's own templates, but never a file a link inside the folder points elsewhere."""

    def get_source(self, environment, template):
        from jinja2.loaders import split_template_path

        from .themes import check_theme_file_size

        candidate = Path(self.searchpath[0], *split_template_path(template))
        if candidate.is_file():  # sized before it is read
            check_theme_file_size(Path(self.searchpath[0]).name, candidate)
        source, filename, uptodate = super().get_source(environment, template)
        root = Path(self.searchpath[0]).resolve()
        if not Path(filename).resolve().is_relative_to(root):
            raise TemplateNotFound(template)
        return source, filename, uptodate


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    """Control characters (Word's soft line break is \\x0b) are not allowed in MJML: mjml-python
    refuses the whole email. Every value a template prints is cleaned, keeping Markup as Markup."""
    if isinstance(value, str) and _NOT_XML.search(value):
        cleaned = _NOT_XML.sub(lambda found: "\n" if found.group() in "\x0b\x0c" else "", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def _escapes_html(template_name: str | None) -> bool:
    """Email templates escape user text; plain-text templates must not."""
    return not (template_name or "").endswith(".txt.j2")
