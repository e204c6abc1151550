"""What can go wrong when sending to a provider, sorted by what the coordinator can do about it."""

from __future__ import annotations

from composer.model import ComposerError


class ProviderError(ComposerError):
    """Something the provider or the network did; the message says what, and that nothing was lost."""


class ProviderRefused(ProviderError):
    """The provider said no to what we gave it: a wrong key, a list it does not have, HTML it will not take."""


class ProviderUnavailable(ProviderError):
    """The network or the provider failed (offline, too slow, busy, an error of its own): try again later."""

    try_again_later = True  # the command line's exit code 3


class PushCancelled(ProviderError):
    """The coordinator pressed Cancel; nothing more was sent after that."""

    try_again_later = True
