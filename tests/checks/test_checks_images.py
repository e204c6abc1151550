"""Image rules: every picture can be seen and described."""

from composer.checks.findings import Severity
from composer.checks.images import LARGE_IMAGE_BYTES, check_image_alt, check_image_file_size, check_image_source
from composer.model import ImageBlock

from check_helpers import issue_with

WEB_PHOTO = "https://files.charity.org.uk/photos/team.jpg"


def test_image_without_alt_text_is_an_error_on_its_alt_field(run_rule):
    image = ImageBlock(src=WEB_PHOTO)
    [finding] = run_rule(check_image_alt, issue_with(image))
    assert (finding.severity, finding.block_id, finding.field) == (Severity.ERROR, image.id, "alt")


def test_described_or_decorative_images_pass(run_rule):
    issue = issue_with(ImageBlock(src=WEB_PHOTO, alt="Our team at the AGM"), ImageBlock(src=WEB_PHOTO, decorative=True))
    assert run_rule(check_image_alt, issue) == []


def test_image_with_no_picture_is_an_error(run_rule):
    image = ImageBlock(alt="Our team")
    [finding] = run_rule(check_image_source, issue_with(image))
    assert (finding.severity, finding.field) == (Severity.ERROR, "src")


def test_local_image_without_hosting_address_is_an_error(run_rule, tmp_path):
    (tmp_path / "team.jpg").write_bytes(b"jpeg")
    image = ImageBlock(src="team.jpg", alt="Our team")
    [finding] = run_rule(check_image_source, issue_with(image, hosted_base_url="", provider="generic"), base_folder=tmp_path)
    assert "Pictures online at" in finding.message and "broken" in finding.message


def test_a_local_picture_is_fine_when_sending_to_a_provider_that_uploads_it(run_rule, tmp_path):
    (tmp_path / "team.jpg").write_bytes(b"jpeg")
    image = ImageBlock(src="team.jpg", alt="Our team")
    for provider in ("mailchimp", "listmonk"):
        assert run_rule(check_image_source, issue_with(image, hosted_base_url="", provider=provider),
                        base_folder=tmp_path) == []
    assert run_rule(check_image_source, issue_with(image, hosted_base_url="", provider="brevo"), base_folder=tmp_path)


def test_local_image_that_is_missing_is_an_error(run_rule, tmp_path):
    image = ImageBlock(src="photos/gone.jpg", alt="Our team")
    [finding] = run_rule(check_image_source, issue_with(image), base_folder=tmp_path)
    assert "cannot be found" in finding.message


def test_web_images_and_hosted_local_files_pass(run_rule, tmp_path):
    (tmp_path / "team.jpg").write_bytes(b"jpeg")
    issue = issue_with(ImageBlock(src=WEB_PHOTO, alt="Team"), ImageBlock(src="team.jpg", alt="Team"))
    assert run_rule(check_image_source, issue, base_folder=tmp_path) == []


def test_very_large_local_image_is_a_warning(run_rule, tmp_path):
    (tmp_path / "huge.jpg").write_bytes(b"\0" * (LARGE_IMAGE_BYTES + 1))
    (tmp_path / "small.jpg").write_bytes(b"\0" * 2000)
    huge = ImageBlock(src="huge.jpg", alt="A big photo")
    findings = run_rule(check_image_file_size, issue_with(huge, ImageBlock(src="small.jpg", alt="Small")), base_folder=tmp_path)
    assert [(f.block_id, f.severity) for f in findings] == [(huge.id, Severity.WARNING)]
