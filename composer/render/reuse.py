"""Rendering again only what changed: the preview re-renders on every pause in typing.

A render keeps what does not change between two renders of an issue:
- each block's HTML (and each section title's), keyed by the block and the issue's settings;
- the layout around them: the MJML with a slot where each block goes, compiled by mjml-python
  and inlined once, then reused while no block is added, removed or moved;
- each block's HTML with our stylesheet inlined (on that block alone);
- each block's plain text.

Inlining a block on its own gives what inlining the whole email gives because the rules we
inline select an element by its own tag or class, never by what contains it (see
``fragment_safe``); for the same reason premailer is asked once per kind of element
(inlining.py). A theme whose stylesheet does otherwise is rendered whole, as are the
coordinator's own themes.
"""

from __future__ import annotations

import re
from typing import Mapping

import lxml.html
from jinja2 import pass_context
from markupsafe import Markup

from composer.model import Issue

from . import inlining
from .markup import tidy_prose

# A slot: private-use characters no coordinator types, around the fragment's number.
_SLOT = "\ue000{}\ue001"
_SLOT_PATTERN = re.compile("\ue000([0-9]+)\ue001")
_EMPTY_LINES = re.compile(r"\n{3,}")
_SIMPLE_SELECTOR = re.compile(r"[A-Za-z0-9_.#-]+")


class BoundedCache(dict):
    """A dict that forgets everything when it grows past *size* entries: renders are
    cheap to redo, memory is not free, and a typing session reuses its recent entries."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def put(self, key, value):
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value


_block_html = BoundedCache(4096)
_inlined = BoundedCache(4096)
_skeletons = BoundedCache(32)
_block_text = BoundedCache(4096)
_settings = BoundedCache(64)


def clear() -> None:
    """Forget every kept piece (benchmarks measure a first render this way)."""
    for cache in (_block_html, _inlined, _skeletons, _block_text, _settings):
        cache.clear()


class SettingsKey:
    """One set of settings as it stands in the keys of kept pieces: compared by identity, so
    finding a block's piece does not compare two issues field by field."""

    __slots__ = ()


def settings_key(issue: Issue, preview: bool, merge_tags: Mapping[str, str] | None) -> SettingsKey | None:
    """What a block's rendering depends on besides the block: the issue without its sections.

    None when it cannot serve as a key (then nothing is reused).
    """
    key = (issue.model_copy(update={"sections": ()}), preview, tuple(sorted((merge_tags or {}).items())))
    try:
        kept = _settings.get(key)
    except TypeError:
        return None
    return kept if kept is not None else _settings.put(key, SettingsKey())


class Fragments:
    """The pieces one render put into slots, in order."""

    def __init__(self, settings: SettingsKey | None):
        self.settings = settings
        self.html: list[str] = []

    def slot(self, html: str) -> Markup:
        self.html.append(html)
        return Markup(_SLOT.format(len(self.html) - 1))


@pass_context
def fragment(context, kind: str, item) -> Markup:
    """A section title or a prose block inside an mj-text: its HTML, or a slot for it.

    Called from the layout; in a render that keeps pieces (``_fragments`` in the context)
    the HTML is made once per block and settings, and the layout gets a slot.
    """
    fragments: Fragments | None = context.get("_fragments")
    env = context.environment
    if kind == "title":
        template, name, key = "section-title.html.j2", "section", ("title", item.id, item.title, item.anchor_name())
    else:
        template, name, key = f"blocks/{item.type}.html.j2", "block", ("block", item)
    if fragments is None or fragments.settings is None:
        return Markup(_render_piece(env, template, context, name, item))
    key = (env.globals["theme_name"], key, fragments.settings)
    html = _block_html.get(key)
    if html is None:
        html = _block_html.put(key, _render_piece(env, template, context, name, item))
    return fragments.slot(html)


def _render_piece(env, template: str, context, name: str, item) -> str:
    # Each piece is a block-level element: white space around it shows nothing, and without
    # it a piece reads the same alone as among its neighbours.
    return render_with(env.get_template(template), {**context.get_all(), name: item}).strip()


def block_text(env, names: dict, block, settings: SettingsKey | None) -> str:
    """A block's plain text, trimmed and with no more than one empty line in a row, rendered once
    per block and settings; *names* as for render_with."""
    if settings is None:
        return _block_text_now(env, names, block)
    key = (env.globals["theme_name"], block, settings)
    text = _block_text.get(key)
    if text is None:
        text = _block_text.put(key, _block_text_now(env, names, block))
    return text


def _block_text_now(env, names: dict, block) -> str:
    text = render_with(env.get_template(f"text/blocks/{block.type}.txt.j2"), {**names, "block": block})
    return _EMPTY_LINES.sub("\n\n", text).strip()


def render_with(template, names: dict) -> str:
    """What ``template.render(names)`` gives, for *names* that already hold the environment's
    globals: a render makes dozens of blocks, and Template.render copies the globals in for each."""
    context = template.new_context(names, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        return template.environment.handle_exception()


def skeleton(mjml: str, compile_mjml, inline_whole) -> tuple[str, str | None]:
    """The layout's email HTML (slots and all) and the stylesheet to inline into the pieces;
    compiled and inlined only when the layout changed (*inline_whole*, premailer over the whole
    email, when the stylesheet cannot be inlined element by element)."""
    kept = _skeletons.get(mjml)
    if kept is None:
        html = compile_mjml(mjml)
        css = fragment_safe(inline_stylesheet(html))
        inlined = None
        if css is not None:
            try:
                inlined = inlining.inline_document(html, css)
            except inlining.NotByKind:
                pass  # premailer over the whole email, below
        kept = _skeletons.put(mjml, (inline_whole(html) if inlined is None else inlined, css))
    return kept


def fill(skeleton_html: str, pieces: list[str], css: str) -> str:
    """The skeleton with each slot replaced by its piece, tidied and inlined."""
    missing = [piece for piece in dict.fromkeys(pieces) if (piece, css) not in _inlined]
    if missing:  # inlined together: one parse for all the pieces a render has not seen
        for piece, done in zip(missing, _inline_fragments([tidy_prose(piece) for piece in missing], css)):
            _inlined.put((piece, css), done)
    inlined = [inline_fragment(piece, css) for piece in pieces]
    return _SLOT_PATTERN.sub(lambda found: inlined[int(found.group(1))], skeleton_html)


def fill_mjml(mjml: str, pieces: list[str]) -> str:
    """The whole MJML, each slot replaced by its piece: what official MJML would be given."""
    return _SLOT_PATTERN.sub(lambda found: pieces[int(found.group(1))], mjml)


def inline_fragment(html: str, css: str) -> str:
    """One block's HTML as it reads inside the whole inlined email."""
    key = (html, css)
    done = _inlined.get(key)
    if done is None:
        done = _inlined.put(key, _inline_fragments([tidy_prose(html)], css)[0])
    return done


def inline_stylesheet(html: str) -> str:
    """The rules marked to be inlined, as the email's head carries them."""
    return "\n".join(css for css in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
                     if inlining.INLINE_MARKER in css)


def fragment_safe(css: str) -> str | None:
    """*css* when every rule premailer would inline selects by the element's own tag or class
    (so a block inlined alone matches the whole email); otherwise None."""
    if all(_SIMPLE_SELECTOR.fullmatch(selector) for selector in inlining.selectors(css)):
        return css
    return None


def _inline_fragments(pieces: list[str], css: str) -> list[str]:
    """Each piece with *css* inlined, as premailer would inline it (each in a holder of its own)."""
    markup = "".join(f"<div>{piece}</div>" for piece in pieces)
    holder = lxml.html.fragment_fromstring(markup, create_parent="div")
    try:
        inlining.inline_elements(holder, css, keep_styles=False)
    except inlining.NotByKind:
        import premailer

        holder = lxml.html.fragment_fromstring(markup, create_parent="div")  # afresh for premailer
        premailer.Premailer(holder, css_text=[css], keep_style_tags=False, disable_leftover_css=True,
                            **inlining.INLINER_SETTINGS).transform()
    return [(own.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in own)
            for own in holder]
