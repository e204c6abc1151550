"""The checks read what each block type declares, so prose is one answer everywhere and a new type is checked at once."""

from typing import Literal

import pytest

from composer.checks import accessibility, content, dates, images, links
from composer.checks.findings import Severity
from composer.checks.spelling import check_issue_spelling
from composer.model import ButtonBlock, LinkItem, LinkListBlock, QuoteBlock, Section
from composer.model.blocks import Block, BlockIcon, PictureSource, Url
from composer.model.roles import Link, Picture, Prose

from check_helpers import issue_with


def _spelling_checker():
    from composer.checks.spelling import SpellChecker, SpellingUnavailable

    try:
        return SpellChecker(organisation_words=None)
    except SpellingUnavailable as error:
        pytest.skip(str(error))


def test_a_link_lists_blurb_is_spell_checked_like_its_label(tmp_path):
    block = LinkListBlock(items=(LinkItem(label="Annual report", url="https://www.charity.org.uk/r",
                                          blurb="The relavant figures for the year"),))
    findings = check_issue_spelling(issue_with(block), _spelling_checker())
    [blurb] = [f for f in findings if f.block_id == block.id]
    assert (blurb.word, blurb.field) == ("relavant", "items.0.blurb")
    assert "one-line blurb" in blurb.message and "list of links" in blurb.message


def test_a_quotes_attribution_is_spell_checked():
    quote = QuoteBlock(text="It was a pleasure to serve", attribution="our retiring treasurer, Richard, in his speach")
    findings = check_issue_spelling(issue_with(quote), _spelling_checker())
    assert [(f.word, f.field) for f in findings if f.block_id == quote.id] == [("speach", "attribution")]


@pytest.mark.parametrize("block, field", [
    (QuoteBlock(text="The panel closes applications on 5 January 2025, so apply early."), "text"),
    (ButtonBlock(label="Apply by 1 March 2025", url="https://www.charity.org.uk/apply"), "label"),
    (QuoteBlock(text="Well worth it", attribution="a member, who booked before 7 February 2025"), "attribution"),
])
def test_a_deadline_in_a_quote_or_a_button_is_date_checked(run_rule, block, field):
    issue = issue_with(block)  # sent 4 March 2025
    [finding] = run_rule(dates.check_deadlines_before_send, issue)
    assert (finding.block_id, finding.field, finding.severity) == (block.id, field, Severity.WARNING)
    assert finding.message.startswith(f"The {type(block).block_title.lower()} “")


class VideoBlock(Block):
    """A block type the checks have never heard of: a thumbnail linking to a video, with a caption."""

    type: Literal["video"] = "video"
    block_title = "Video"
    icon = BlockIcon("▶", "#dc2626")
    roles = {
        "thumbnail": Picture("thumbnail", alt="caption"),
        "url": Link(words="caption", need="required", title="video link"),
        "caption": Prose(title="caption"),
    }
    thumbnail: PictureSource = ""
    url: Url = ""
    caption: str = ""


def _video_issue(video: VideoBlock):
    """An issue holding a block of a type the model's union does not know (built without validation)."""
    issue = issue_with()
    section = Section.model_construct(**{**dict(issue.sections[0]), "blocks": (video,)})
    return issue.model_copy(update={"sections": (section,)})


def test_a_new_block_type_gets_every_check_from_its_roles_alone(run_rule):
    video = VideoBlock(thumbnail="", url="https://www.charity.org.uk/TODO", caption="A TOUR OF OUR NEW HUB IN LEEDS")
    issue = _video_issue(video)
    found = {(rule.__name__, finding.field) for rule in (
        *links.RULES, *images.RULES, *content.RULES, *accessibility.RULES, *dates.RULES)
        for finding in run_rule(rule, issue) if finding.block_id == video.id}
    assert ("check_link_targets", "url") in found            # a placeholder link
    assert ("check_image_source", "thumbnail") in found      # no picture
    assert ("check_all_caps", "caption") in found            # prose, in capitals

    silent = VideoBlock(thumbnail="https://www.charity.org.uk/hub.jpg", url="https://www.charity.org.uk/hub",
                        caption="")
    found = {(rule.__name__, finding.field) for rule in links.RULES + images.RULES
             for finding in run_rule(rule, _video_issue(silent))}
    assert ("check_image_alt", "caption") in found           # the caption is the thumbnail's alt text


def test_a_new_block_types_caption_is_spell_checked():
    video = VideoBlock(url="https://www.charity.org.uk/hub", caption="A tour of our new hub in Leeds, recrded in May")
    findings = check_issue_spelling(_video_issue(video), _spelling_checker())
    assert [(f.word, f.field) for f in findings if f.block_id == video.id] == [("recrded", "caption")]
    assert "the video “" in findings[-1].message


def test_messages_name_blocks_and_sections_in_one_vocabulary(run_rule):
    button = ButtonBlock(label="Book now")
    [link] = run_rule(links.check_link_targets, issue_with(button))
    assert link.message.startswith("The button “Book now”: ")
    empty = Section(kind="vacancies")
    issue = issue_with(ButtonBlock(label="", url=""))
    issue = issue.model_copy(update={"sections": issue.sections + (empty,)})
    [section_finding] = run_rule(content.check_empty_sections, issue)
    assert section_finding.message == "The untitled vacancies section is empty."
    [block_finding] = run_rule(content.check_empty_blocks, issue)
    assert block_finding.message == "The button “Button” in the section “News” is empty."
