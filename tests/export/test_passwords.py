"""The SMTP password lives in the system keyring, or nowhere, never in the settings file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from composer.export import PasswordStoreError, SmtpSettings, forget_password, keyring_problem, load_password, save_password


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict, standing in for the system one."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.saved = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        if self.saved.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not saved")


@pytest.fixture
def use_keyring():
    previous = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


SETTINGS = SmtpSettings("smtp.example.org", 587, user="zoe@example.org")


def test_password_is_saved_in_the_keyring_per_user_and_server(use_keyring):
    store = use_keyring(MemoryKeyring())
    assert keyring_problem() is None
    save_password(SETTINGS, "right horse")
    assert load_password(SETTINGS) == "right horse"
    assert load_password(SmtpSettings("smtp.example.org", 465, security="ssl", user="zoe@example.org")) is None
    assert list(store.saved.values()) == ["right horse"]

    forget_password(SETTINGS)
    assert load_password(SETTINGS) is None
    forget_password(SETTINGS)  # forgetting twice is harmless


def test_without_a_keyring_the_coordinator_is_told_and_nothing_is_stored(use_keyring):
    use_keyring(fail.Keyring())
    assert "No system keyring" in keyring_problem()
    with pytest.raises(PasswordStoreError, match="asked for it each time"):
        save_password(SETTINGS, "right horse")
    assert load_password(SETTINGS) is None
