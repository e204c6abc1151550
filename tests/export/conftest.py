"""Issues with real pictures on disk, for the export and test-send stories."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image

from composer.model import Brand, HeadingBlock, ImageBlock, Issue, Section, TextBlock


@pytest.fixture
def pictures(tmp_path):
    """A folder beside the issue file with a wide transparent PNG and a wide photo (JPEG)."""
    folder = tmp_path / "work" / "pictures"
    folder.mkdir(parents=True)
    png = Image.new("RGBA", (1600, 900), (20, 80, 160, 255))
    png.paste((255, 255, 255, 0), (0, 0, 400, 900))
    png.save(folder / "volunteers.png")
    Image.new("RGB", (2000, 1500), (200, 120, 40)).save(folder / "fair.jpg", quality=95)
    Image.new("RGB", (300, 200), (0, 120, 0)).save(folder / "small.png")
    return folder


def make_issue(**changes) -> Issue:
    fields = dict(
        title="Autumn news from the Café Club",
        edition="Issue 12",
        issue_date=date(2023, 10, 2),
        preheader="",
        provider="mailchimp",
        hosted_base_url="https://www.example.org/newsletter/2023-autumn",
        brand=Brand(organisation="Café Club", website="https://www.example.org/", email="hello@example.org"),
        sections=(
            Section(kind="news", title="News", blocks=(
                HeadingBlock(text="Our volunteers"),
                TextBlock(markdown="Thanks to **everyone** who helped at the [fair](https://www.example.org/fair)."),
                ImageBlock(src="pictures/volunteers.png", alt="Volunteers at the fair", width=300),
                ImageBlock(src="pictures/fair.jpg", alt="The fair", width=600),
                ImageBlock(src="https://www.example.org/logo.png", alt="Logo", width=200),
            )),
        ),
    )
    fields.update(changes)
    return Issue(**fields)


@pytest.fixture(name="make_issue")
def make_issue_fixture():
    """Build a variant of the sample issue: ``make_issue(sections=…)``."""
    return make_issue


@pytest.fixture
def issue(pictures) -> Issue:
    return make_issue()


@pytest.fixture
def base_dir(pictures):
    return pictures.parent
