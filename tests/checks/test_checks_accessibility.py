"""Accessibility rules: the email is readable for people with low vision or screen readers."""

import pytest

from composer.checks.accessibility import (
    check_all_caps,
    check_colour_contrast,
    check_images_of_text,
    contrast_ratio,
    is_shouting,
)
from composer.checks.findings import Severity
from composer.model import Brand, ImageBlock, TextBlock

from check_helpers import issue_with


@pytest.mark.parametrize("fore, back, expected", [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#777777", "#ffffff", 4.48),
    ("#ffffff", "#1d4f73", 8.68),
    ("#fff", "#000", 21.0),
])
def test_contrast_ratio_follows_wcag(fore, back, expected):
    assert contrast_ratio(fore, back) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(back, fore) == pytest.approx(expected, abs=0.01)


def test_pale_brand_colour_fails_contrast_on_the_field_to_change(run_rule):
    issue = issue_with(brand=Brand(primary_colour="#ffdd00"))
    findings = run_rule(check_colour_contrast, issue)
    assert findings and {f.field for f in findings} == {"brand.primary_colour"}
    assert Severity.ERROR in {f.severity for f in findings}  # yellow on white is below 3:1


def test_borderline_accent_colour_is_a_warning(run_rule):
    issue = issue_with(brand=Brand(accent_colour="#888888"))  # 3.5:1 under white button text
    [finding] = run_rule(check_colour_contrast, issue)
    assert (finding.severity, finding.field) == (Severity.WARNING, "brand.accent_colour")
    assert "Button text" in finding.message


def test_default_theme_and_brand_pass_contrast(run_rule):
    assert run_rule(check_colour_contrast, issue_with()) == []


def test_all_caps_paragraph_is_a_warning(run_rule):
    shouting = TextBlock(markdown="Welcome.\n\nPLEASE REGISTER FOR THE AGM BEFORE FRIDAY")
    [finding] = run_rule(check_all_caps, issue_with(shouting))
    assert (finding.block_id, finding.severity, finding.field) == (shouting.id, Severity.WARNING, "markdown")


def test_acronyms_in_ordinary_sentences_pass(run_rule):
    text = TextBlock(markdown="The LSCP and NSPCC met the DfE about the CSPR on [NCB](https://ncb.org.uk) news.")
    assert run_rule(check_all_caps, issue_with(text)) == []
    assert not is_shouting("NSPCC AGM")


def test_poster_marked_decorative_is_a_warning(run_rule):
    poster = ImageBlock(src="https://files.charity.org.uk/agm-poster.png", decorative=True)
    [finding] = run_rule(check_images_of_text, issue_with(poster))
    assert (finding.block_id, finding.field, finding.severity) == (poster.id, "decorative", Severity.WARNING)


def test_poster_with_full_alt_text_and_ordinary_photos_pass(run_rule):
    issue = issue_with(
        ImageBlock(src="https://files.charity.org.uk/agm-poster.png",
                   alt="AGM, Thursday 7 December, 4:30pm, online: book at charity.org.uk"),
        ImageBlock(src="https://files.charity.org.uk/context-photo.jpg", decorative=True),
    )
    assert run_rule(check_images_of_text, issue) == []
