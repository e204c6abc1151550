"""The SMTP password, kept in the system keyring and never in the settings file.

Without a usable keyring (a bare Linux session, some containers) nothing is
stored: the app asks for the password each time and says why.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError

from composer.model import ComposerError

from .smtp import SmtpSettings

SERVICE = "Newsletter Composer SMTP"
NO_KEYRING = ("No system keyring is available on this computer, so the password cannot be saved; "
              "you will be asked for it each time you send a test")


class PasswordStoreError(ComposerError):
    """The keyring is missing or refused to store or give back the password."""


def keyring_problem() -> str | None:
    """Why passwords cannot be saved here, or None when a keyring is available."""
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if getattr(backend, "priority", 1) <= 0 or module.endswith((".fail", ".null")):
        return NO_KEYRING
    return None


def save_password(settings: SmtpSettings, password: str) -> None:
    problem = keyring_problem()
    if problem:
        raise PasswordStoreError(problem)
    try:
        keyring.set_password(SERVICE, account_name(settings), password)
    except KeyringError as error:
        raise PasswordStoreError(f"The system keyring did not save the password: {error}") from None


def load_password(settings: SmtpSettings) -> str | None:
    """The saved password, or None when none is saved or no keyring is available."""
    if keyring_problem():
        return None
    try:
        return keyring.get_password(SERVICE, account_name(settings))
    except KeyringError as error:
        raise PasswordStoreError(f"The system keyring did not give the password back: {error}") from None


def forget_password(settings: SmtpSettings) -> None:
    if keyring_problem():
        return
    try:
        keyring.delete_password(SERVICE, account_name(settings))
    except keyring.errors.PasswordDeleteError:
        pass  # nothing was saved
    except KeyringError as error:
        raise PasswordStoreError(f"The system keyring did not remove the password: {error}") from None


def account_name(settings: SmtpSettings) -> str:
    """One entry per user and server, so two accounts on one server do not collide."""
    return f"{settings.user}@{settings.host}:{settings.port}"
