"""Issue 23, pictures: every reader refuses a hostile picture with one clear sentence, before decoding it.

The files are generated here (tests/hostile_pictures.py); time and memory for each are
measured by benchmarks/hostile_pictures.py, not asserted.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from PIL import Image

from hostile_pictures import HOSTILE, bomb_png, photo_jpeg

from composer.checks import run_checks
from composer.export import ImageProblem, export_issue
from composer.limits import PICTURE_PIXELS
from composer.model import Brand, ImageBlock, Issue, Section
from composer.pictures import PictureProblem, check_picture, open_picture, picture_facts
from composer.resources import ROOT
from composer.storage import save_issue


def picture_issue(src: str) -> Issue:
    return Issue(title="Spring news", issue_date=date(2099, 3, 3), send_date=date(2099, 3, 4),
                 preheader="Spring news from the partnership", provider="mailchimp",
                 hosted_base_url="https://files.example.org/spring",
                 brand=Brand(organisation="Example Partnership", email="hello@example.org",
                             footer_address="1 High Street, Leeds LS1 1AA"),
                 sections=(Section(kind="news", title="News", blocks=(
                     ImageBlock(src=src, alt="Volunteers at the fair", width=600),)),))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_picture_is_refused_in_one_sentence_naming_the_file(name, tmp_path):
    make, words = HOSTILE[name]
    path = make(tmp_path / name)
    with pytest.raises(PictureProblem) as refused:
        check_picture(path)
    message = str(refused.value)
    assert name in message and words in message
    assert message.count(". ") == 0 and "Traceback" not in message  # one sentence


def test_a_decompression_bomb_is_refused_from_its_header_alone(tmp_path, monkeypatch):
    """Nothing is decoded: PIL is never even asked to open the file."""
    path = bomb_png(tmp_path / "bomb.png")
    assert path.stat().st_size < 200_000
    monkeypatch.setattr(Image, "open", lambda *a, **k: pytest.fail("the bomb was handed to PIL"))
    with pytest.raises(PictureProblem, match="30,000 × 30,000 pixels"):
        picture_facts(path)


def test_a_picture_just_within_the_bounds_is_accepted_and_opened_upright(tmp_path):
    path = photo_jpeg(tmp_path / "wide.jpg", (4000, 2000))
    facts = check_picture(path)
    assert (facts.format, facts.width, facts.height) == ("JPEG", 4000, 2000) and facts.pixels < PICTURE_PIXELS
    image, _ = open_picture(path)
    assert image.size == (4000, 2000)


def test_the_checks_report_an_unusable_picture_as_an_error_on_its_block(tmp_path):
    bomb_png(tmp_path / "bomb.png")
    issue = picture_issue("bomb.png")
    block = issue.sections[0].blocks[0]
    findings = [f for f in run_checks(issue, base_folder=tmp_path) if f.rule == "images"]
    assert [(f.severity.value, f.block_id, f.field) for f in findings] == [("error", block.id, "src")]
    assert "megapixels" in findings[0].message and "bomb.png" in findings[0].message


def test_export_refuses_with_the_sentence_not_a_traceback(tmp_path):
    bomb_png(tmp_path / "bomb.png")
    with pytest.raises(ImageProblem, match="bomb.png is 30,000 × 30,000 pixels"):
        export_issue(picture_issue("bomb.png"), tmp_path / "out", base_dir=tmp_path)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_and_export_from_the_command_line(name, tmp_path):
    """`check` says it on the block (exit 1); `export` stops with the sentence (exit 2), no traceback."""
    make, words = HOSTILE[name]
    make(tmp_path / name)
    issue_path = tmp_path / "spring.newsletter"
    save_issue(picture_issue(name), issue_path)
    main = [sys.executable, str(ROOT / "main.py")]
    check = subprocess.run([*main, "check", str(issue_path)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 1, check.stdout + check.stderr
    assert words in check.stdout and name in check.stdout
    export = subprocess.run([*main, "export", str(issue_path), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=60)
    assert export.returncode == 2 and "Traceback" not in export.stderr
    assert export.stderr.startswith("error: ") and export.stderr.count("\n") == 1 and words in export.stderr
