"""`python main.py push ISSUE --provider mailchimp|brevo|listmonk [--list ID] [--test-to ADDR…] [--api-url URL]`.

The draft's record is written back into the issue file each time it changes (a picture
uploaded, the draft's id known), so an interrupted push resumes and never makes a second draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

from composer.storage import load_issue, save_issue

from .errors import ProviderRefused
from .keys import credentials_from_environment, missing_key_message, saved_credentials
from .push import PushRequest, provider_title, push_issue, with_draft


def push_command(path: Path, provider: str | None, *, list_id: str | None = None, test_to=(),
                 api_url: str | None = None) -> int:
    issue = load_issue(path)
    provider = (provider or issue.provider).strip().lower()
    title = provider_title(provider)
    credentials = credentials_from_environment(provider) or saved_credentials(provider)
    if credentials is None:
        raise ProviderRefused(missing_key_message(provider, title))
    state = {"issue": issue}

    def remember(draft) -> None:
        state["issue"] = with_draft(state["issue"], draft)
        save_issue(state["issue"], path)

    shown = {"last": ""}

    def progress(fraction: float, message: str) -> None:
        step = message.split(":", 1)[0]  # a wait counts down every second: say it once
        if step != shown["last"]:
            print(f"{fraction * 100:3.0f}%  {message}", file=sys.stderr, flush=True)
        shown["last"] = step

    request = PushRequest(provider, credentials, list_id=list_id or "", test_to=tuple(test_to),
                          api_url=api_url or "", base_dir=path.parent)
    result = push_issue(issue, request, remember=remember, progress=progress)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(result.summary(title))
    print(f"Open it: {result.draft.page}" if result.draft.page else f"Draft id: {result.draft.campaign_id}")
    return 0
