"""Our stylesheet copied onto the elements by premailer, asked once per kind of element.

Premailer matches every rule against the whole document. When each rule it inlines selects an
element by its own tag, id or class (``reuse.fragment_safe``), what it writes on an element
depends on nothing but that element's tag, id, class and style. So premailer is shown one
element of each kind, once per stylesheet, and its answer is copied onto every element of that
kind: the email is byte for byte the one premailer makes of the whole (tests/render/test_reuse.py),
at a small part of the cost, since a whole email has a few dozen kinds among hundreds of elements.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

from . import kept_answers

# What every premailer pass of ours shares (the whole email's in pipeline.py, the kinds' here).
INLINER_SETTINGS = dict(
    strip_important=False,
    remove_classes=False,
    disable_validation=True,
    allow_network=False,
    cssutils_logging_level=logging.CRITICAL,
    cache_css_parsing=True,
    align_floating_images=False,  # our pictures never float; its CSS parse cost a third of the inlining
)

INLINE_MARKER = "/* inline */"  # in a stylesheet whose rules are copied onto the elements
_STYLE = re.compile(r"<style([^>]*)>(.*?)</style>", re.S)
_MEDIA = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_IGNORE = "data-premailer"
_KINDS_KEPT = 16  # stylesheets (a theme and brand colours each) whose answers are kept
_answers: dict[str, dict[tuple, tuple]] = {}


class NotByKind(Exception):
    """An element premailer treats other than by its kind (a <style> in a piece): inline it whole."""


def ignore_all_but_ours(html: str) -> str:
    """*html* with every stylesheet but ours marked for premailer to leave alone: MJML's own
    reset styles stay in the head only (inlined onto every cell they would add a third to the
    email's size for no visible gain)."""
    return _STYLE.sub(_ignore_unless_ours, html)


def inline_document(html: str, css: str) -> str:
    """*html* (a whole email) as premailer makes it with *css*, the stylesheet marked ours, inlined
    and every <style> block kept."""
    # Marked, parsed and written back exactly as in pipeline.inline_css, so the markup is premailer's.
    stripped = ignore_all_but_ours(html).strip()
    tree = etree.fromstring(stripped, etree.HTMLParser()).getroottree()
    page = tree.getroot()
    root = tree if stripped.startswith(tree.docinfo.doctype) else page
    for style in page.iter("style"):  # premailer drops its mark from the stylesheets it leaves alone
        if style.get(_IGNORE) == "ignore" and style.get("media") in (None, "", "all", "screen"):
            del style.attrib[_IGNORE]
    inline_elements(page, css, keep_styles=True)
    return with_doctype(etree.tostring(root, method="html", pretty_print=False, encoding="utf-8").decode("utf-8"))


def with_doctype(html: str) -> str:
    """*html* as premailer gives it back, with the doctype lxml drops: without it clients render in quirks mode."""
    return html if html.lstrip().lower().startswith("<!doctype") else "<!doctype html>" + html


def inline_elements(root, css: str, *, keep_styles: bool) -> None:
    """Every element under *root* (itself included) given premailer's styles for *css*, in place.

    <style> elements are left as they are when *keep_styles* (premailer keeps a whole email's);
    otherwise premailer would take them away, so NotByKind is raised.
    """
    if not keep_styles and next(root.iter("style"), None) is not None:
        raise NotByKind("a <style> element")
    answers = _answers.get(css)
    if answers is None:
        if len(_answers) >= _KINDS_KEPT:
            _answers.clear()
        answers = _answers[css] = kept_answers.read(css, INLINER_SETTINGS)
    rules = _rules(css)
    if rules is None:
        return
    any_rule, by_id = rules
    # Premailer changes only elements one of its selectors matches; no other element is looked at.
    # An id tells kinds apart only where a rule selects by id (else each heading's anchor would be a kind).
    elements = [(element, (element.tag, element.get("id") if by_id else None, element.get("class"),
                           element.get("style")))
                for element in any_rule(root)]
    unknown = {kind for _, kind in elements if kind not in answers}
    if unknown:
        answers.update(_ask_premailer(unknown, css))
        kept_answers.keep(css, INLINER_SETTINGS, dict(answers))  # a copy: another render may add to it
    for element, kind in elements:
        for name, value in answers[kind]:
            element.set(name, value)


def selectors(css: str) -> list[str]:
    """Every selector of *css* outside @media rules (those premailer leaves in the head)."""
    rules = _MEDIA.sub("", _COMMENT.sub("", css))
    return [selector.strip() for prelude in re.findall(r"([^{}]+)\{", rules) for selector in prelude.split(",")]


@lru_cache(maxsize=_KINDS_KEPT)
def _rules(css: str) -> tuple[CSSSelector, bool] | None:
    """What matches every element any rule of *css* selects (premailer's own selector engine),
    and whether a rule selects by id; None when *css* has no rule to inline."""
    if not (found := selectors(css)):
        return None
    try:
        return CSSSelector(", ".join(found)), any("#" in selector for selector in found)
    except Exception as error:  # cssselect raises its own errors for selectors it cannot read
        raise NotByKind(f"a selector premailer's engine cannot read ({error})") from error


def _ask_premailer(kinds: set[tuple], css: str) -> dict[tuple, tuple]:
    """What premailer changes on one element of each kind: (attribute, value) pairs in the order it set them."""
    import premailer  # only when an answer is not kept: it and cssutils take a while to load

    holder = etree.Element("div")
    shown = []
    for kind in kinds:
        tag, element_id, classes, style = kind
        before = {name: value for name, value in (("id", element_id), ("class", classes), ("style", style))
                  if value is not None}
        try:
            shown.append((kind, etree.SubElement(holder, tag, before), before))
        except ValueError as error:  # a tag name lxml cannot make on its own (never one of ours)
            raise NotByKind(f"an element named {tag!r}") from error
    premailer.Premailer(holder, css_text=[css], keep_style_tags=False, disable_leftover_css=True,
                        **INLINER_SETTINGS).transform()
    return {kind: tuple((name, value) for name, value in element.attrib.items() if before.get(name) != value)
            for kind, element, before in shown}


def _ignore_unless_ours(match: re.Match) -> str:
    attributes, css = match.groups()
    if INLINE_MARKER in css:
        return match.group(0)
    return f'<style {_IGNORE}="ignore"{attributes}>{css}</style>'
