"""Getting the issue out: export bundle, mailing-provider profiles, SMTP test send. No Qt."""

from .bundle import GMAIL_CLIP_BYTES, ExportError, ExportedFile, ExportResult, export_issue
from .images import ImageProblem, resize_for_email
from .message import build_test_message
from .minify import minify_html
from .passwords import PasswordStoreError, forget_password, keyring_problem, load_password, save_password
from .providers import (
    PROVIDERS, GenericPlaceholders, ProviderProfile, generic_profile, provider_merge_tags, provider_profile,
)
from .smtp import SECURITY_CHOICES, SendError, SmtpSettings, send_test

__all__ = [
    "GMAIL_CLIP_BYTES", "ExportError", "ExportedFile", "ExportResult", "export_issue",
    "ImageProblem", "resize_for_email", "build_test_message", "minify_html", "PasswordStoreError",
    "forget_password", "keyring_problem", "load_password", "save_password", "PROVIDERS",
    "GenericPlaceholders", "ProviderProfile", "generic_profile", "provider_merge_tags", "provider_profile", "SECURITY_CHOICES",
    "SendError", "SmtpSettings", "send_test",
]
