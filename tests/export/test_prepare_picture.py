"""Issue 19, pictures: a chosen picture is cropped, sized at twice its display width and kept under 200 KB.

The original file is never changed; the email-ready copy is JPEG or PNG (or an animated GIF as it was).
"""

from __future__ import annotations

import hashlib
import io
import random

import pytest
from PIL import Image

from hostile_pictures import photo_jpeg

from composer.export.prepare_picture import prepare_picture, save_prepared
from composer.limits import PICTURE_EMAIL_BYTES


def noisy_photo(path, size=(4000, 3000)):
    """A photo with fine detail everywhere (the hardest kind to compress)."""
    random.seed(7)
    small = Image.frombytes("RGB", (size[0] // 8, size[1] // 8), bytes(random.randrange(256) for _ in range(size[0] * size[1] * 3 // 64)))
    small.resize(size, Image.Resampling.BICUBIC).save(path, quality=95)
    return path


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_big_photo_becomes_twice_its_display_width_under_the_budget_and_the_original_stays(tmp_path):
    original = photo_jpeg(tmp_path / "fair.jpg", (4000, 3000))
    before = fingerprint(original)
    prepared = prepare_picture(original, display_width=500)
    assert prepared.format == "JPEG" and (prepared.width, prepared.height) == (1000, 750)
    assert len(prepared.data) <= PICTURE_EMAIL_BYTES and not prepared.over_budget
    assert fingerprint(original) == before


def test_a_detailed_photo_steps_down_in_quality_then_size_until_it_fits(tmp_path):
    """The widest email column is 584 px, so 1,168 px at most; this one fits only smaller."""
    prepared = prepare_picture(noisy_photo(tmp_path / "crowd.jpg"), display_width=600)
    assert len(prepared.data) <= PICTURE_EMAIL_BYTES and not prepared.over_budget
    assert 584 <= prepared.width < 1168


def test_a_crop_keeps_the_shape_she_chose(tmp_path):
    original = photo_jpeg(tmp_path / "hall.jpg", (3000, 2000))
    prepared = prepare_picture(original, display_width=300, crop=(500, 400, 2500, 1400))  # 2:1
    assert (prepared.width, prepared.height) == (600, 300)


def test_a_logo_with_transparency_stays_png_with_its_transparency(tmp_path):
    logo = Image.new("RGBA", (1600, 400), (0, 0, 0, 0))
    logo.paste((29, 79, 115, 255), (100, 100, 1500, 300))
    logo.save(tmp_path / "logo.png")
    prepared = prepare_picture(tmp_path / "logo.png", display_width=200)
    with Image.open(io.BytesIO(prepared.data)) as result:
        assert (prepared.format, result.width) == ("PNG", 400)
        assert result.convert("RGBA").getpixel((0, 0))[3] == 0


def test_she_can_insist_on_full_quality(tmp_path):
    original = noisy_photo(tmp_path / "fair.jpg")
    prepared = prepare_picture(original, display_width=584, budget=None)
    assert prepared.width == 1168 and len(prepared.data) > PICTURE_EMAIL_BYTES and not prepared.over_budget


def test_a_picture_that_cannot_fit_is_kept_smallest_and_says_so(tmp_path):
    original = noisy_photo(tmp_path / "fair.jpg")
    prepared = prepare_picture(original, display_width=584, budget=20 * 1024)
    assert prepared.over_budget and prepared.width == 584  # never below the width it is shown at


def test_a_small_picture_is_not_blown_up(tmp_path):
    Image.new("RGB", (300, 200), (0, 120, 0)).save(tmp_path / "badge.jpg")
    prepared = prepare_picture(tmp_path / "badge.jpg", display_width=600)
    assert (prepared.width, prepared.height) == (300, 200)


def test_a_photo_taken_sideways_comes_out_upright(tmp_path):
    image = Image.new("RGB", (1200, 800), (90, 90, 200))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° when shown
    image.save(tmp_path / "phone.jpg", exif=exif)
    prepared = prepare_picture(tmp_path / "phone.jpg", display_width=200)
    assert (prepared.width, prepared.height) == (400, 600)


def test_an_animated_gif_is_kept_as_it_is(tmp_path):
    frames = [Image.new("RGB", (200, 100), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    frames[0].save(tmp_path / "wave.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    prepared = prepare_picture(tmp_path / "wave.gif", display_width=100)
    assert prepared.format == "GIF" and prepared.data == (tmp_path / "wave.gif").read_bytes()


def test_the_copy_is_saved_beside_the_issue_under_a_name_that_never_overwrites(tmp_path):
    original = photo_jpeg(tmp_path / "fair.jpg", (2400, 1600))
    first = save_prepared(prepare_picture(original, 600), tmp_path / "pictures", "fair")
    again = save_prepared(prepare_picture(original, 600), tmp_path / "pictures", "fair")
    other = save_prepared(prepare_picture(original, 600, crop=(0, 0, 2000, 1333)), tmp_path / "pictures", "fair")
    assert first.name == "fair-1168w.jpg" and again == first and other.name == "fair-1168w-2.jpg"


@pytest.mark.parametrize("name", ["cut.jpg", "bomb.png", "logo.svg"])
def test_a_hostile_picture_is_refused_before_anything_is_written(name, tmp_path):
    from hostile_pictures import HOSTILE
    from composer.pictures import PictureProblem

    make, words = HOSTILE[name]
    with pytest.raises(PictureProblem, match=words):
        prepare_picture(make(tmp_path / name), 600)
