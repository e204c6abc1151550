"""Premailer asked once per kind of element writes exactly what premailer writes over the whole email (issue 16)."""

import lxml.html
import premailer
from hypothesis import given, settings
from hypothesis import strategies as st

from composer.render import inlining, reuse
from composer.render.pipeline import inline_css

OURS = """/* inline */
a { color: #1d4f73; }
h1, h2, h3 { font-family: Georgia, serif; }
p.lead { font-size: 18px; }
.nc-muted { color: #52606d; font-size: 14px; }
.wide { width: 120px; background-color: #abc; text-align: center; }
#top { vertical-align: top; height: 30px; }
td { background-color: transparent; }
.loud { color: red !important; }
@media (prefers-color-scheme: dark) { a { color: #8cc4f0 !important; } }
"""
HEAD = (f'<!doctype html><html><head><title>x</title><style type="text/css">p {{ margin: 0; }}</style>'
        f'<!--[if mso]><style type="text/css">.x {{ width: 1px; }}</style><![endif]-->'
        f'<style type="text/css">{OURS}</style></head><body>')

TAGS = ["a", "p", "h2", "h3", "td", "div", "span", "strong"]
CLASSES = [None, "lead", "nc-muted", "wide", "loud", "nc-muted wide", "loud lead", "other"]
STYLES = [None, "color:green", "font-size: 10px; color: blue", "width:300px", "background-color:#fff;text-align:left",
          "color: black !important"]


def _premailer_pieces(pieces, css):
    """The per-piece pass as it was before kinds were kept: premailer over every piece."""
    holder = lxml.html.fragment_fromstring("".join(f"<div>{piece}</div>" for piece in pieces), create_parent="div")
    premailer.Premailer(holder, css_text=[css], keep_style_tags=False, disable_leftover_css=True,
                        **inlining.INLINER_SETTINGS).transform()
    return [(own.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in own)
            for own in holder]


def _element(tag, classes, style, element_id, words):
    attributes = "".join(f' {name}="{value}"' for name, value in
                         (("id", element_id), ("class", classes), ("style", style), ("href", "https://x.org/"))
                         if value is not None and (name != "href" or tag == "a"))
    if tag == "td":
        return f"<table><tr><td{attributes}>{words}</td></tr></table>"
    return f"<{tag}{attributes}>{words}</{tag}>"


elements = st.builds(_element, st.sampled_from(TAGS), st.sampled_from(CLASSES), st.sampled_from(STYLES),
                     st.sampled_from([None, "top", "other"]), st.sampled_from(["Words", "A & B", "01632 960 123", ""]))


def test_a_newsletter_shaped_page_is_inlined_exactly_as_premailer_inlines_it_whole():
    body = "".join([
        '<div class="nc-page"><table><tr><td class="wide" id="top">',
        '<h2 style="margin:0">Title</h2><p class="lead">Lead <a href="https://x.org/">link</a></p>',
        '<p class="nc-muted loud" style="color: black; line-height: 1">Small print</p>',
        '</td><td style="width:10px">cell</td></tr></table>',
        '<div class="nc-muted"><a class="loud" href="mailto:a@b.org" style="text-decoration:none">mail</a></div></div>',
    ])
    html = HEAD + body + "</body></html>"
    css = reuse.fragment_safe(reuse.inline_stylesheet(html))
    assert css is not None
    assert inlining.inline_document(html, css) == inline_css(html)


@settings(max_examples=60, deadline=None)
@given(st.lists(elements, min_size=1, max_size=8))
def test_any_mix_of_elements_is_inlined_as_premailer_inlines_the_whole_page(parts):
    html = HEAD + "".join(parts) + "</body></html>"
    css = reuse.inline_stylesheet(html)
    assert inlining.inline_document(html, css) == inline_css(html)


@settings(max_examples=60, deadline=None)
@given(st.lists(elements, min_size=1, max_size=6))
def test_pieces_are_inlined_as_premailer_inlines_them(pieces):
    css = reuse.fragment_safe(OURS)
    assert reuse._inline_fragments(pieces, css) == _premailer_pieces(pieces, css)


def test_a_piece_holding_a_stylesheet_goes_to_premailer_whole():
    pieces = ['<p class="lead">x</p>', '<style>p { color: red; }</style><a href="https://x.org/">y</a>']
    css = reuse.fragment_safe(OURS)
    assert reuse._inline_fragments(pieces, css) == _premailer_pieces(pieces, css)


def test_premailer_is_asked_about_a_kind_of_element_once(monkeypatch):
    asked = []
    real = inlining._ask_premailer
    monkeypatch.setattr(inlining, "_ask_premailer", lambda kinds, css: asked.append(set(kinds)) or real(kinds, css))
    css = OURS + "/* a stylesheet of its own for this test */"
    pieces = ['<p class="lead">one <a href="https://x.org/">a</a></p>', '<p class="lead">two</p>']
    reuse._inline_fragments(pieces, css)
    reuse._inline_fragments(pieces + ['<a href="https://y.org/">b</a>'], css)
    assert asked == [{("p", None, "lead", None), ("a", None, None, None)}]


def test_headings_anchored_by_their_own_ids_are_one_kind_when_no_rule_selects_by_id(monkeypatch):
    asked = []
    real = inlining._ask_premailer
    monkeypatch.setattr(inlining, "_ask_premailer", lambda kinds, css: asked.append(set(kinds)) or real(kinds, css))
    css = "/* inline */ h2 { font-family: Georgia, serif; } /* no id selector, for this test */"
    pieces = ['<h2 id="news">News</h2>', '<h2 id="events">Events</h2>']
    assert reuse._inline_fragments(pieces, css) == _premailer_pieces(pieces, css)
    assert asked == [{("h2", None, None, None)}]
