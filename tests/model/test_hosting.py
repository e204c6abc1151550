"""One rule for where a picture lives and where the email finds it (render, export, checks, preview, upload)."""

from pathlib import Path

from composer.model import ImageBlock, LinkItem, LinkListBlock
from composer.model.hosting import hosted_address, hosted_name, is_local, picture_file
from composer.model.roles import with_pictures
from composer.model.values import is_web_address
from composer.resources import RESOURCES_DIR


def test_web_pictures_stay_and_local_ones_are_hosted_under_images():
    assert is_web_address("HTTPS://www.charity.org.uk/a.jpg") and not is_web_address("pictures/a.jpg")
    assert hosted_address("https://www.charity.org.uk/a.jpg", "https://files.org/x") == "https://www.charity.org.uk/a.jpg"
    assert hosted_address("pictures\\fair.jpg") == "images/fair.jpg"
    assert hosted_address("/home/sam/fair.jpg", "https://files.charity.org.uk/spring/") == \
        "https://files.charity.org.uk/spring/images/fair.jpg"
    assert hosted_name("app:social/mastodon.png") == "mastodon.png" and is_local("app:social/mastodon.png")
    assert not is_local("") and not is_local("http://a.org/x.png")


def test_where_a_local_picture_is_on_this_computer(tmp_path):
    assert picture_file("pictures/fair.jpg", tmp_path) == tmp_path / "pictures" / "fair.jpg"
    assert picture_file("pictures/fair.jpg", None) is None
    assert picture_file("https://a.org/x.png", tmp_path) is None
    assert picture_file("app:icons/newsletter-composer.png", tmp_path) == (
        RESOURCES_DIR / "icons" / "newsletter-composer.png").resolve()
    assert picture_file("app:../../etc/passwd", tmp_path) is None  # never outside the app's own files
    assert isinstance(picture_file("/tmp/x.png", None), Path)


def test_pictures_are_rewritten_through_the_roles_and_other_fields_are_left_alone():
    image = ImageBlock(src="pictures/fair.jpg", alt="The fair", link_url="https://www.charity.org.uk")
    moved = with_pictures(image, lambda source: "https://cdn.example.net/" + hosted_name(source))
    assert (moved.src, moved.link_url, moved.id) == ("https://cdn.example.net/fair.jpg", image.link_url, image.id)
    links = LinkListBlock(items=(LinkItem(label="A", url="https://a.org"),))
    assert with_pictures(links, lambda source: "changed") is links  # no pictures declared, nothing to change
