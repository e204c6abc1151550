"""`python main.py push ISSUE --provider … [--list ID] [--test-to ADDR…] [--api-url URL]`, run as a coordinator's script would."""

from __future__ import annotations

import os
import subprocess
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from provider_fakes import FakeListmonk, FakeMailchimp

from composer.export.mailing import (
    Credentials, credentials_from_environment, forget_credentials, save_credentials, saved_credentials,
)
from composer.export.passwords import PasswordStoreError
from composer.resources import ROOT
from composer.storage import load_issue, save_issue


def push(*args, env=None):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("MAILCHIMP_API_KEY", "BREVO_API_KEY", "LISTMONK_USER", "LISTMONK_TOKEN")}
    environment.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "push", *args], capture_output=True, text=True,
                          env=environment, timeout=120)


@pytest.fixture
def mailchimp():
    fake = FakeMailchimp()
    yield fake
    fake.close()


@pytest.fixture
def issue_file(issue, base_dir):
    path = base_dir / "autumn.newsletter"
    save_issue(issue, path)
    return path


def test_push_makes_the_draft_remembers_it_in_the_file_and_a_second_push_updates_it(mailchimp, issue_file):
    env = {"MAILCHIMP_API_KEY": FakeMailchimp.KEY}
    first = push(str(issue_file), "--provider", "mailchimp", "--api-url", mailchimp.url,
                 "--test-to", "zoe@example.org", env=env)
    assert first.returncode == 0, first.stderr
    assert "Made a new draft in Mailchimp; 2 pictures uploaded; a test went to zoe@example.org." in first.stdout
    assert "Open it: https://us6.admin.mailchimp.com/campaigns/edit?id=" in first.stdout
    assert "Uploading picture 1 of 2" in first.stderr
    [draft] = load_issue(issue_file).provider_drafts
    assert draft.campaign_id in mailchimp.campaigns and len(draft.pictures) == 2
    assert FakeMailchimp.KEY not in issue_file.read_text(encoding="utf-8")

    second = push(str(issue_file), "--api-url", mailchimp.url, env=env)  # the issue's own provider
    assert second.returncode == 0 and "Updated the draft in Mailchimp, 2 already there" in second.stdout
    assert len(mailchimp.campaigns) == 1 and len(mailchimp.files) == 2


def test_push_without_a_key_says_where_to_put_one(issue_file, private_home):
    result = push(str(issue_file), "--provider", "mailchimp", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert result.returncode == 2 and "No Mailchimp key: set MAILCHIMP_API_KEY" in result.stderr
    assert result.stderr.count("\n") == 1


def test_push_exit_codes_say_whose_turn_it_is(mailchimp, issue_file):
    wrong = push(str(issue_file), "--api-url", mailchimp.url, env={"MAILCHIMP_API_KEY": "e" * 32 + "-us6"})
    assert wrong.returncode == 2 and "refused the key" in wrong.stderr and "Traceback" not in wrong.stderr

    mailchimp.fail("GET", "/lists", status=502, body={"title": "Bad Gateway", "detail": "Upstream down"})
    down = push(str(issue_file), "--api-url", mailchimp.url, env={"MAILCHIMP_API_KEY": FakeMailchimp.KEY})
    assert down.returncode == 3 and "try again later" in down.stderr

    unknown = push(str(issue_file), "--list", "zzz", "--api-url", mailchimp.url, env={"MAILCHIMP_API_KEY": FakeMailchimp.KEY})
    assert unknown.returncode == 2 and "no audience with the id “zzz”" in unknown.stderr


def test_push_to_listmonk_takes_user_and_token_from_the_environment(issue_file):
    fake = FakeListmonk()
    try:
        result = push(str(issue_file), "--provider", "listmonk", "--list", "1", "--api-url", fake.url,
                      env={"LISTMONK_USER": FakeListmonk.USER, "LISTMONK_TOKEN": FakeListmonk.TOKEN})
        assert result.returncode == 0, result.stderr
        assert len(fake.campaigns) == 1 and f"Open it: {fake.url}/admin/campaigns/1" in result.stdout
    finally:
        fake.close()


# --- keys live in the system keyring or the environment, nowhere else ----------------------

class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets = {}

    def set_password(self, service, username, password):
        self.secrets[service, username] = password

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


def test_a_key_is_kept_in_the_keyring_and_forgotten_on_request(monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    monkeypatch.setattr(keyring, "set_password", backend.set_password)
    monkeypatch.setattr(keyring, "get_password", backend.get_password)
    monkeypatch.setattr(keyring, "delete_password", backend.delete_password)
    save_credentials("listmonk", Credentials("tok", "api-user"))
    assert saved_credentials("listmonk") == Credentials("tok", "api-user")
    forget_credentials("listmonk")
    assert saved_credentials("listmonk") is None
    assert "tok" not in repr(Credentials("tok", "api-user"))


def test_without_a_keyring_nothing_is_saved_and_she_is_told_why(monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(PasswordStoreError, match="No system keyring"):
        save_credentials("mailchimp", Credentials(FakeMailchimp.KEY))
    assert saved_credentials("mailchimp") is None


def test_the_environment_gives_keys_for_scripts(monkeypatch):
    monkeypatch.setenv("BREVO_API_KEY", "xkeysib-abc")
    monkeypatch.delenv("LISTMONK_TOKEN", raising=False)
    monkeypatch.setenv("LISTMONK_USER", "api")
    assert credentials_from_environment("brevo") == Credentials("xkeysib-abc")
    assert credentials_from_environment("listmonk") is None  # a user without a token is no key
