"""A coordinator exports an issue into a folder and a zip ready for the mailing provider."""

from __future__ import annotations

import os
import re
import threading
import zipfile
from datetime import datetime

import pytest
from lxml import html as lxml_html
from PIL import Image

from composer.export import (
    GMAIL_CLIP_BYTES, ExportError, GenericPlaceholders, ImageProblem, export_issue, generic_profile,
)
from composer.export.bundle import ExportCancelled
from composer.model import ComposerError, EventBlock, ImageBlock, Section, TextBlock


HOSTED = "https://www.example.org/newsletter/2023-autumn/images/"


def _doc(path):
    return lxml_html.fromstring(path.read_bytes())


def _hrefs(doc):
    return [a.get("href") for a in doc.iter("a")]


def test_coordinator_exports_for_mailchimp_and_gets_every_file(issue, base_dir, tmp_path):
    out = tmp_path / "export"
    result = export_issue(issue, out, provider="mailchimp", base_dir=base_dir)

    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == sorted([f"{issue.slug()}.html", f"{issue.slug()}.txt", f"{issue.slug()}-web.html", f"{issue.slug()}.zip",
                            "images/volunteers.png", "images/fair.jpg"])
    for item in result.files:
        assert item.path.stat().st_size == item.size
    assert not list(out.rglob("*.tmp"))

    doc = _doc(out / f"{issue.slug()}.html")
    assert "*|UNSUB|*" in _hrefs(doc) and "*|ARCHIVE|*" in _hrefs(doc)
    sources = [img.get("src") for img in doc.iter("img")]
    assert HOSTED + "volunteers.png" in sources and HOSTED + "fair.jpg" in sources
    assert "https://www.example.org/logo.png" in sources
    assert "style=" in (out / f"{issue.slug()}.html").read_text()  # inlined CSS

    text = (out / f"{issue.slug()}.txt").read_text()
    assert "Unsubscribe: *|UNSUB|*" in text and "View in your browser: *|ARCHIVE|*" in text

    assert result.html_size == (out / f"{issue.slug()}.html").stat().st_size
    assert result.gmail_clip_limit == GMAIL_CLIP_BYTES and not result.clipped_by_gmail
    assert result.provider.title == "Mailchimp"


def test_web_version_for_the_archive_has_no_merge_tags(issue, base_dir, tmp_path):
    export_issue(issue, tmp_path, provider="mailchimp", base_dir=base_dir)
    page = (tmp_path / f"{issue.slug()}-web.html").read_text()
    assert "*|" not in page and "Unsubscribe" not in page
    doc = lxml_html.fromstring(page)
    assert HOSTED + "volunteers.png" in [img.get("src") for img in doc.iter("img")]


def test_zip_holds_html_at_root_and_pictures_referenced_relatively(issue, base_dir, tmp_path):
    export_issue(issue, tmp_path, provider="mailchimp", base_dir=base_dir)
    with zipfile.ZipFile(tmp_path / f"{issue.slug()}.zip") as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == [f"{issue.slug()}.html", "images/volunteers.png", "images/fair.jpg"]
        doc = lxml_html.fromstring(archive.read(f"{issue.slug()}.html"))
        local = [img.get("src") for img in doc.iter("img") if not img.get("src").startswith("http")]
        assert sorted(local) == ["images/fair.jpg", "images/volunteers.png"]
        assert all(src in names for src in local)
        assert archive.read("images/fair.jpg") == (tmp_path / "images" / "fair.jpg").read_bytes()
        assert "*|UNSUB|*" in _hrefs(doc)


def test_wide_png_is_resized_to_twice_its_display_width_keeping_transparency(issue, base_dir, tmp_path):
    export_issue(issue, tmp_path, base_dir=base_dir)
    with Image.open(tmp_path / "images" / "volunteers.png") as picture:
        assert picture.format == "PNG"
        assert picture.size == (600, 338)  # shown 300 px wide; 1600×900 keeps its aspect
        assert picture.mode == "RGBA" and picture.getpixel((10, 10))[3] == 0


def test_wide_photo_becomes_a_progressive_jpeg_no_wider_than_the_layout_allows(issue, base_dir, tmp_path, pictures):
    export_issue(issue, tmp_path, base_dir=base_dir)
    exported = tmp_path / "images" / "fair.jpg"
    with Image.open(exported) as picture:
        assert picture.format == "JPEG" and picture.mode == "RGB"
        assert picture.size == (1168, 876)  # 600 px is capped at the 584 px column; twice that
        assert picture.info.get("progressive") or picture.info.get("progression")
    assert exported.stat().st_size < (pictures / "fair.jpg").stat().st_size


def test_small_picture_is_copied_byte_for_byte(make_issue, pictures, base_dir, tmp_path):
    issue = make_issue(sections=(Section(blocks=(ImageBlock(src="pictures/small.png", alt="Leaf", width=300),)),))
    export_issue(issue, tmp_path / "out", base_dir=base_dir)
    assert (tmp_path / "out" / "images" / "small.png").read_bytes() == (pictures / "small.png").read_bytes()


def test_missing_picture_names_the_block_and_leaves_nothing_behind(make_issue, pictures, base_dir, tmp_path):
    (pictures / "fair.jpg").unlink()
    issue = make_issue()
    out = tmp_path / "export"
    with pytest.raises(ImageProblem) as caught:
        export_issue(issue, out, base_dir=base_dir)
    message = str(caught.value)
    assert "“The fair”" in message and "section “News”" in message and "does not exist" in message
    assert not out.exists()

    out.mkdir()
    with pytest.raises(ComposerError):
        export_issue(issue, out, base_dir=base_dir)
    assert list(out.iterdir()) == []


def test_two_different_pictures_with_one_name_are_refused(make_issue, pictures, base_dir, tmp_path):
    other = pictures / "other"
    other.mkdir()
    Image.new("RGB", (50, 50)).save(other / "fair.jpg")
    issue = make_issue(sections=(Section(title="News", blocks=(
        ImageBlock(src="pictures/fair.jpg", alt="The fair"),
        ImageBlock(src="pictures/other/fair.jpg", alt="Another fair"),
    )),))
    with pytest.raises(ImageProblem, match="same file name “fair.jpg”"):
        export_issue(issue, tmp_path / "out", base_dir=base_dir)


def test_a_file_that_is_not_a_picture_is_a_clear_error(make_issue, pictures, base_dir, tmp_path):
    (pictures / "notes.png").write_text("not a picture")
    issue = make_issue(sections=(Section(blocks=(ImageBlock(src="pictures/notes.png", alt="Notes"),)),))
    with pytest.raises(ImageProblem, match="The image “Notes” in the untitled custom section: notes.png is not a picture this app can read"):
        export_issue(issue, tmp_path / "out", base_dir=base_dir)


@pytest.mark.parametrize(("provider", "unsubscribe", "web"), [
    ("brevo", "{{ unsubscribe }}", "{{ mirror }}"),
    ("mailerlite", "{$unsubscribe}", "{$url}"),
    ("listmonk", "{{ UnsubscribeURL }}", "{{ MessageURL }}"),
    ("campaign_monitor", "[unsubscribe]", "[webversion]"),
])
def test_each_provider_gets_its_own_tags_unescaped(issue, base_dir, tmp_path, provider, unsubscribe, web):
    result = export_issue(issue, tmp_path, provider=provider, base_dir=base_dir)
    hrefs = _hrefs(_doc(result.html_path))
    assert unsubscribe in hrefs and web in hrefs
    assert f"Unsubscribe: {unsubscribe}" in (tmp_path / f"{issue.slug()}.txt").read_text()


def test_generic_provider_uses_the_coordinators_placeholders(issue, base_dir, tmp_path):
    profile = generic_profile(GenericPlaceholders(unsubscribe="%%unsub_link%%", view_in_browser="", preheader="%%pre%%"))
    result = export_issue(issue, tmp_path, provider=profile, base_dir=base_dir)
    page = result.html_path.read_text()
    assert 'href="%%unsub_link%%"' in page and "View in your browser" not in page
    assert "%%pre%%" in page


def test_mailchimp_preview_text_tag_fills_the_preheader_only_when_the_issue_has_none(issue, base_dir, tmp_path):
    result = export_issue(issue, tmp_path / "a", provider="mailchimp", base_dir=base_dir)
    assert "*|MC_PREVIEW_TEXT|*" in result.html_path.read_text()
    typed = issue.model_copy(update={"preheader": "Fair photos and the AGM date"})
    result = export_issue(typed, tmp_path / "b", provider="mailchimp", base_dir=base_dir)
    page = result.html_path.read_text()
    assert "Fair photos and the AGM date" in page and "MC_PREVIEW_TEXT" not in page


def test_unknown_provider_is_a_clear_error(issue, tmp_path):
    with pytest.raises(ComposerError, match="“Constant Contact” is not a mailing provider.*mailchimp"):
        export_issue(issue, tmp_path, provider="Constant Contact")


def test_provider_comes_from_the_issue_when_not_given(issue, base_dir, tmp_path):
    result = export_issue(issue.model_copy(update={"provider": "brevo"}), tmp_path, base_dir=base_dir)
    assert result.provider.name == "brevo"


def test_provider_hosting_pictures_warns_when_the_issue_has_no_hosting_address(make_issue, pictures, base_dir, tmp_path):
    issue = make_issue(hosted_base_url="")
    result = export_issue(issue, tmp_path, provider="mailerlite", base_dir=base_dir)
    assert any("hosting address" in warning for warning in result.warnings)
    sources = [img.get("src") for img in _doc(result.html_path).iter("img")]
    assert "images/volunteers.png" in sources
    assert not export_issue(issue, tmp_path, provider="mailchimp", base_dir=base_dir).warnings


def test_minified_export_is_smaller_and_keeps_outlook_conditionals(issue, base_dir, tmp_path):
    plain = export_issue(issue, tmp_path / "plain", base_dir=base_dir)
    small = export_issue(issue, tmp_path / "small", minify=True, base_dir=base_dir)
    assert small.html_size < plain.html_size
    conditional = re.compile(r"<!--\[if [^\]]*\]>.*?<!\[endif\]-->", re.S)
    before, after = plain.html_path.read_text(), small.html_path.read_text()
    assert conditional.findall(after) == conditional.findall(before)
    assert any("mso" in block for block in conditional.findall(after))


def test_progress_is_reported_up_to_done(issue, base_dir, tmp_path):
    seen = []
    export_issue(issue, tmp_path, base_dir=base_dir, progress=lambda fraction, message: seen.append(fraction))
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0


def test_long_issue_is_flagged_against_gmails_clip_limit(make_issue, tmp_path):
    words = " ".join(["Members shared their news from every region."] * 40)
    sections = tuple(Section(title=f"Region {n}", blocks=(TextBlock(markdown=words),) * 6) for n in range(12))
    result = export_issue(make_issue(sections=sections), tmp_path)
    assert result.html_size > GMAIL_CLIP_BYTES and result.clipped_by_gmail
    assert any("Gmail clips" in warning for warning in result.warnings)


def test_exporting_onto_a_file_is_a_clear_error(issue, base_dir, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export_issue(issue, target, base_dir=base_dir)
    assert target.read_text() == "keep me"


def test_events_get_calendar_files(make_issue, base_dir, tmp_path):
    calendar = pytest.importorskip("composer.render.calendar", reason="composer/render/calendar.py is not built yet")
    event = EventBlock(title="Autumn webinar", start=datetime(2023, 10, 12, 18, 30))
    issue = make_issue(sections=(Section(title="Webinars", blocks=(event,)),))
    result = export_issue(issue, tmp_path, base_dir=base_dir)
    path = tmp_path / "calendar" / calendar.ics_filename(event)
    assert path.read_bytes() == calendar.event_ics(event, issue)
    assert path in [item.path for item in result.files]
    assert b"BEGIN:VCALENDAR" in path.read_bytes()
    links = [a.get("href") for a in _doc(result.html_path).iter("a")]
    assert "https://www.example.org/newsletter/2023-autumn/calendar/" + path.name in links


def _everything_in(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_export_cancelled_before_it_starts_writes_nothing(issue, base_dir, tmp_path):
    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "nested" / "export"
    before = sorted(tmp_path.iterdir())
    with pytest.raises(ExportCancelled, match="cancelled"):
        export_issue(issue, out, base_dir=base_dir, cancel=cancel)
    assert sorted(tmp_path.iterdir()) == before  # not even the missing parent folder


def test_export_cancelled_while_writing_leaves_the_folder_as_it_was(issue, base_dir, tmp_path):
    out = tmp_path / "export"
    out.mkdir()
    beside = sorted(tmp_path.iterdir())
    (out / "notes.txt").write_text("my own notes")
    (out / f"{issue.slug()}.html").write_text("last month's email")
    before = _everything_in(out)
    cancel = threading.Event()
    files_started = []

    def progress(fraction, message):
        if message == "Writing files":
            files_started.append(fraction)
            if len(files_started) == 3:  # two files are already in the hidden folder
                cancel.set()

    with pytest.raises(ExportCancelled):
        export_issue(issue, out, base_dir=base_dir, progress=progress, cancel=cancel)
    assert len(files_started) == 3
    assert _everything_in(out) == before
    assert sorted(tmp_path.iterdir()) == beside  # no hidden folder left beside it


def test_a_failed_move_puts_back_the_previous_files(issue, base_dir, tmp_path, monkeypatch):
    out = tmp_path / "export"
    export_issue(issue, out, base_dir=base_dir)
    (out / "notes.txt").write_text("my own notes")
    before, beside = _everything_in(out), sorted(tmp_path.iterdir())
    real_replace = os.replace
    calls = []

    def replace_failing_on_the_seventh(source, target):
        calls.append(target)
        if len(calls) == 7:
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_failing_on_the_seventh)
    with pytest.raises(ExportError, match="No space left on device"):
        export_issue(issue, out, base_dir=base_dir, minify=True)  # minified, so the emails differ from those in place
    assert len(calls) > 7  # the failure came mid-way, and the putting back ran
    assert _everything_in(out) == before
    assert sorted(tmp_path.iterdir()) == beside


def test_cancel_may_be_a_function(issue, base_dir, tmp_path):
    with pytest.raises(ExportCancelled):
        export_issue(issue, tmp_path / "export", base_dir=base_dir, cancel=lambda: True)
    assert not (tmp_path / "export").exists()
