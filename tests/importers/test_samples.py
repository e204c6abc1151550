"""Both real past newsletters import into the expected shape with no line lost.

The samples are read at test time from the shared folder and never copied here.
"""

import pytest

from composer.importers import import_text, lost_lines
from composer.resources import SHARED_SAMPLES_DIR
from composer.storage import dumps_issue, loads_issue


def sample(name: str) -> str:
    path = SHARED_SAMPLES_DIR / name
    if not path.exists():
        pytest.skip(f"the shared sample newsletters are not here ({path}); they live outside the repository")
    return path.read_text(encoding="utf-8")


def source_lines(text: str) -> set[str]:
    return {" ".join(line.split()) for line in text.splitlines()}


def test_autumn_2023_sample_imports_with_its_sections_and_blocks():
    text = sample("newsletter-2023-autumn.txt")
    result = import_text(text)
    assert [s.kind for s in result.issue.sections] == [
        "introduction", "custom", "custom", "custom", "webinars", "networks", "stakeholder_news", "afterword",
        "vacancies", "your_views",
    ]
    assert all(s.title in source_lines(text) for s in result.issue.sections)
    assert result.report.block_counts == {
        "text": 68, "heading": 14, "button": 6, "event": 4, "quote": 1, "signature": 1, "contact": 1,
    }
    assert result.issue.edition == "Autumn 2023"
    buttons = [i for i in result.report.attention if "has no address" in i.message]
    assert len(buttons) == 6 and all(i.from_checks for i in buttons)  # the six buttons that need their links
    assert not [i for i in result.report.attention if not i.from_checks]
    assert lost_lines(text, result.issue) == []


def test_june_2017_sample_imports_with_its_sections_and_blocks():
    text = sample("newsletter-2017-june.txt")
    result = import_text(text)
    assert [s.kind for s in result.issue.sections] == ["introduction", "news", "news", "your_views"]
    assert all(s.title in source_lines(text) for s in result.issue.sections)
    assert result.report.block_counts == {"text": 38, "heading": 14, "quote": 2, "signature": 2, "contact": 1}
    assert not [i for i in result.report.attention if not i.from_checks]
    # The report says what Checks will say, such as words run together in the old text itself.
    flagged = " ".join(i.message for i in result.report.attention)
    assert "“orclickhere”" in flagged and "“anactivenetwork”" in flagged
    assert lost_lines(text, result.issue) == []


def test_events_in_the_autumn_sample_are_dated_around_the_issue():
    result = import_text(sample("newsletter-2023-autumn.txt"))
    starts = sorted(b.start for _, b in result.issue.all_blocks() if b.type == "event")
    assert [(s.year, s.month) for s in starts] == [(2023, 11), (2023, 12), (2024, 1), (2024, 1)]
    assert all(b.end > b.start for _, b in result.issue.all_blocks() if b.type == "event")


@pytest.mark.parametrize("name", ["newsletter-2023-autumn.txt", "newsletter-2017-june.txt"])
def test_imported_sample_survives_saving_and_loading(name):
    issue = import_text(sample(name)).issue
    assert loads_issue(dumps_issue(issue)) == issue
