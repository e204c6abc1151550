"""Sending an issue straight to a mailing provider as a draft campaign (Mailchimp, Brevo, listmonk). No Qt."""

from .campaign import Audience, CampaignContent, Draft
from .errors import ProviderError, ProviderRefused, ProviderUnavailable, PushCancelled
from .keys import (
    Credentials, credentials_from_environment, forget_credentials, missing_key_message, save_credentials,
    saved_credentials,
)
from .push import (
    PUSH_PROVIDERS, PushRequest, PushResult, account_audiences, campaign_name, provider_title, push_issue, with_draft,
)

__all__ = [
    "Audience", "CampaignContent", "Draft", "ProviderError", "ProviderRefused", "ProviderUnavailable", "PushCancelled",
    "Credentials", "credentials_from_environment", "forget_credentials", "missing_key_message", "save_credentials",
    "saved_credentials", "PUSH_PROVIDERS", "PushRequest", "PushResult", "account_audiences", "campaign_name",
    "provider_title", "push_issue", "with_draft",
]
