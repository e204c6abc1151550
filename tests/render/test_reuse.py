"""Rendering again reuses what did not change, and the email is exactly the one made whole (issue 16)."""

import pytest

from composer.model import Section, TextBlock
from composer.render import render_email
from composer.render import reuse
from composer.render.pipeline import render_whole_email

TAGS = {"unsubscribe": "*|UNSUB|*", "view_in_browser": "*|ARCHIVE|*", "update_preferences": "*|UPDATE_PROFILE|*"}


def _same(a, b):
    assert a.html == b.html
    assert a.text == b.text
    assert a.mjml == b.mjml


@pytest.mark.parametrize("theme", ["classic", "bulletin"])
@pytest.mark.parametrize("preview", [False, True])
def test_a_first_and_a_second_render_equal_the_email_made_whole(sample_issue, theme, preview):
    issue = sample_issue.model_copy(update={"theme": theme})
    reuse.clear()
    whole = render_whole_email(issue, preview=preview, merge_tags=TAGS)
    _same(render_email(issue, preview=preview, merge_tags=TAGS), whole)  # nothing kept yet
    _same(render_email(issue, preview=preview, merge_tags=TAGS), whole)  # everything kept


def _with_text(issue, section_index, block_index, markdown):
    section = issue.sections[section_index]
    block = section.blocks[block_index].model_copy(update={"markdown": markdown})
    blocks = section.blocks[:block_index] + (block,) + section.blocks[block_index + 1:]
    sections = list(issue.sections)
    sections[section_index] = section.model_copy(update={"blocks": blocks})
    return issue.model_copy(update={"sections": tuple(sections)})


def test_typing_in_one_block_changes_only_that_block_and_nothing_stale_shows(sample_issue):
    render_email(sample_issue)
    where = next((s, b) for s, section in enumerate(sample_issue.sections)
                 for b, block in enumerate(section.blocks) if isinstance(block, TextBlock))
    for typed in ("Fresh words **here**", "Fresh words **here** and\nmore", "Fresh words"):
        edited = _with_text(sample_issue, *where, typed)
        email = render_email(edited)
        _same(email, render_whole_email(edited))
        assert email.timings["mjml"] < 0.002  # the layout was not rebuilt for a keystroke
    _same(render_email(sample_issue), render_whole_email(sample_issue))  # and back again


def test_a_changed_setting_reaches_every_block(sample_issue):
    render_email(sample_issue)
    brand = sample_issue.brand.model_copy(update={"primary_colour": "#2b6f3a", "accent_colour": "#7c2d12"})
    recoloured = sample_issue.model_copy(update={"brand": brand, "hosted_base_url": "https://files.example.org.uk/x"})
    email = render_email(recoloured)
    _same(email, render_whole_email(recoloured))
    assert "#1d4f73" not in email.html.split("</head>", 1)[1]


def test_adding_and_moving_blocks_rebuilds_the_layout(sample_issue):
    render_email(sample_issue)
    extra = Section(title="Late news", blocks=(TextBlock(markdown="A late line."),))
    grown = sample_issue.model_copy(update={"sections": (extra, *reversed(sample_issue.sections))})
    _same(render_email(grown), render_whole_email(grown))


def test_only_stylesheets_that_select_by_the_element_itself_are_inlined_piece_by_piece():
    assert reuse.fragment_safe("/* inline */ a { color: red; } h1, h2 { font-family: x; } .nc-muted { color: grey; }"
                               " @media (prefers-color-scheme: dark) { .nc-content a { color: blue !important; } }")
    assert reuse.fragment_safe("/* inline */ .nc-content p { color: red; }") is None
    assert reuse.fragment_safe("/* inline */ ul > li { margin: 0; }") is None
