"""A provider's key or token: from the environment, or from the system keyring — never a file.

MAILCHIMP_API_KEY, BREVO_API_KEY, or LISTMONK_USER with LISTMONK_TOKEN serve the command
line and CI. The window keeps a key in the system keyring when she ticks "Remember";
with no keyring she is asked each time (passwords.keyring_problem says why).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from composer.export.passwords import PasswordStoreError, keyring_problem

SERVICE = "Newsletter Composer mailing provider"
ENVIRONMENT = {"mailchimp": ("MAILCHIMP_API_KEY",), "brevo": ("BREVO_API_KEY",),
               "listmonk": ("LISTMONK_USER", "LISTMONK_TOKEN")}


@dataclass(frozen=True)
class Credentials:
    """What the provider's API wants: an API key, or (listmonk) an API user and its token."""

    key: str
    user: str = ""

    def __repr__(self) -> str:  # never print a key, not even in a traceback
        return f"Credentials(user={self.user!r}, key=…)"

    def is_complete(self, provider: str) -> bool:
        return bool(self.key.strip()) and (provider != "listmonk" or bool(self.user.strip()))


def credentials_from_environment(provider: str) -> Credentials | None:
    names = ENVIRONMENT[provider]
    values = [os.environ.get(name, "").strip() for name in names]
    if not all(values):
        return None
    return Credentials(key=values[-1], user=values[0] if len(values) == 2 else "")


def saved_credentials(provider: str) -> Credentials | None:
    """The key saved in the system keyring, or None (none saved, or no keyring here)."""
    if keyring_problem():
        return None
    try:
        secret = keyring.get_password(SERVICE, provider)
    except KeyringError as error:
        raise PasswordStoreError(f"The system keyring did not give the key back: {error}") from None
    if not secret:
        return None
    user, _, key = secret.rpartition("\n")
    return Credentials(key=key, user=user)


def save_credentials(provider: str, credentials: Credentials) -> None:
    problem = keyring_problem()
    if problem:
        raise PasswordStoreError(problem.replace("the password", "the key").replace("send a test", "send"))
    try:
        keyring.set_password(SERVICE, provider, f"{credentials.user}\n{credentials.key}" if credentials.user
                             else credentials.key)
    except KeyringError as error:
        raise PasswordStoreError(f"The system keyring did not save the key: {error}") from None


def forget_credentials(provider: str) -> None:
    if keyring_problem():
        return
    try:
        keyring.delete_password(SERVICE, provider)
    except PasswordDeleteError:
        pass  # nothing was saved
    except KeyringError as error:
        raise PasswordStoreError(f"The system keyring did not remove the key: {error}") from None


def missing_key_message(provider: str, title: str) -> str:
    names = " and ".join(ENVIRONMENT[provider])
    return (f"No {title} key: set {names} in the environment, or send once from the window "
            f"(File → Send to {title}…) and tick “Remember” to keep it in the system keyring.")
