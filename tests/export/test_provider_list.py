"""One list of mailing providers: the issue settings offer, the checks name and the export has a profile for the same ones."""

from composer.export.providers import PROVIDERS
from composer.model import PROVIDER_TITLES


def test_every_provider_the_issue_can_name_has_a_profile_with_the_same_title():
    assert list(PROVIDERS) == [name for name in PROVIDER_TITLES if name != "generic"] + ["generic"]
    assert {name: profile.title for name, profile in PROVIDERS.items()} == PROVIDER_TITLES
