"""Local HTTP servers on 127.0.0.1 that answer as Mailchimp, Brevo and listmonk document their APIs.

Each fake keeps what a real account would (audiences, campaigns, files) and records every
request, so a test can check what arrived: paths, methods, auth headers, JSON bodies. Faults
are scripted per request (a status and body, a Retry-After, an answer that is not JSON, a
delay longer than the client's time-out, or "do it, then lose the answer").

The pages each fake follows are named in its docstring. The error texts are our own words,
shaped like the documented error bodies.
"""

from __future__ import annotations

import base64
import io
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from PIL import Image


@dataclass
class Seen:
    """One request as it arrived."""

    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body) if self.body else None


@dataclass
class Fault:
    method: str
    path: re.Pattern
    status: int = 500
    body: object = None
    headers: dict = field(default_factory=dict)
    times: int = 1
    raw: bytes | None = None           # an answer that is not JSON
    content_type: str = "application/json"
    delay: float = 0.0                 # seconds before answering (longer than the client's time-out)
    after: bool = False                # do the work, then answer with the fault (the answer is "lost")


class FakeProvider:
    """The server and the recording; subclasses answer the API's paths in ``route``."""

    prefix = ""

    def __init__(self):
        self.requests: list[Seen] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _any(self):
                fake._handle(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, method: str, path: str, status: int = 500, body=None, **options) -> Fault:
        fault = Fault(method, re.compile(path), status, body, **options)
        self.faults.append(fault)
        return fault

    def seen(self, method: str | None = None, path: str = "") -> list[Seen]:
        with self._lock:
            return [item for item in self.requests
                    if (method is None or item.method == method) and re.search(path, item.path)]

    # --- plumbing -----------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        seen = Seen(handler.command, parts.path, parse_qs(parts.query), dict(handler.headers.items()), body)
        with self._lock:
            self.requests.append(seen)
            fault = next((item for item in self.faults if item.times > 0 and item.method == seen.method
                          and item.path.search(seen.path)), None)
            if fault is not None:
                fault.times -= 1
        if fault is not None and not fault.after:
            time.sleep(fault.delay)
            self._reply(handler, fault.status, fault.body, fault.headers, fault.raw, fault.content_type)
            return
        denied = self.refuse(seen)
        if denied is not None:
            status, answer = denied
        else:
            try:
                status, answer = self.route(seen)
            except KeyError:
                status, answer = self.not_found(seen)
        if fault is not None:  # the work is done; the answer is late, or not the one the work deserved
            time.sleep(fault.delay)
            self._reply(handler, fault.status, fault.body if fault.body is not None else answer, fault.headers,
                        fault.raw, fault.content_type)
        else:
            self._reply(handler, status, answer)

    def _reply(self, handler, status, answer, headers=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else (b"" if answer is None else json.dumps(answer).encode())
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type if data else "text/plain")
            handler.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                handler.send_header(key, str(value))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a time-out test)

    def refuse(self, seen: Seen):
        """(status, body) when the request's credentials are wrong, else None."""
        return None

    def route(self, seen: Seen):
        raise KeyError(seen.path)

    def not_found(self, seen: Seen):
        return 404, {"message": "not found"}


def _picture_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:  # an upload must be a real picture
        return image.size


class FakeMailchimp(FakeProvider):
    """Mailchimp Marketing API 3.0, as documented at:

    - https://mailchimp.com/developer/guides/marketing-api-conventions/ — HTTP Basic, any user
      name, the API key as password; the key's "-usN" ending names the data centre.
    - https://mailchimp.com/developer/marketing/docs/errors/ — errors as application/problem+json
      with type, title, status, detail, instance.
    - https://mailchimp.com/developer/marketing/api/lists/ — GET /lists: {"lists": [{id, web_id,
      name, stats: {member_count}}], "total_items"}.
    - https://mailchimp.com/developer/marketing/api/campaigns/ — POST /campaigns (type "regular",
      recipients.list_id, settings: subject_line, preview_text, title, from_name, reply_to;
      answers the campaign with id, web_id, status "save"), PATCH and GET /campaigns/{id},
      GET /campaigns?status=save.
    - https://mailchimp.com/developer/marketing/api/campaign-content/ — PUT
      /campaigns/{id}/content with html and plain_text.
    - https://mailchimp.com/developer/marketing/api/campaign-actions/ — POST
      /campaigns/{id}/actions/test with test_emails and send_type; 204 No Content.
    - https://developer.mailchimp.com/documentation/mailchimp/reference/file-manager/files/ —
      POST /file-manager/files with name and base64 file_data; answers full_size_url.
    """

    prefix = "/3.0"
    KEY = "0123456789abcdef0123456789abcdef-us6"

    def __init__(self, audiences=(("a1b2c3d4e5", "Members", 1200),), refuse_html: bool = False):
        self.audiences = [{"id": id_, "web_id": 100 + n, "name": name, "stats": {"member_count": count}}
                          for n, (id_, name, count) in enumerate(audiences)]
        self.campaigns: dict[str, dict] = {}
        self.files: list[dict] = []
        self.tests: list[dict] = []
        self.refuse_html = refuse_html
        super().__init__()

    def refuse(self, seen):
        scheme, _, token = seen.headers.get("Authorization", "").partition(" ")
        password = base64.b64decode(token).decode().partition(":")[2] if scheme == "Basic" and token else ""
        if password != self.KEY:
            return 401, _problem(401, "API Key Invalid", "The key given is not one this account has.")
        return None

    def not_found(self, seen):
        return 404, _problem(404, "Resource Not Found", "The requested resource could not be found.")

    def route(self, seen):
        path, method, body = seen.path.removeprefix(self.prefix), seen.method, seen.json
        if (method, path) == ("GET", "/lists"):
            return 200, {"lists": self.audiences, "total_items": len(self.audiences)}
        if (method, path) == ("POST", "/campaigns"):
            if body.get("type") != "regular":
                return 400, _problem(400, "Invalid Resource", "The campaign type must be given.")
            if body.get("recipients", {}).get("list_id") not in {item["id"] for item in self.audiences}:
                return 400, _problem(400, "Invalid Resource", "The list does not exist.")
            campaign_id = f"c{len(self.campaigns) + 1:09d}"
            self.campaigns[campaign_id] = {"id": campaign_id, "web_id": 5000 + len(self.campaigns), "type": "regular",
                                           "status": "save", "recipients": body["recipients"],
                                           "settings": body.get("settings", {}), "content": None}
            return 200, self._public(campaign_id)
        if (method, path) == ("GET", "/campaigns"):
            found = [self._public(key) for key, item in self.campaigns.items()
                     if item["status"] == seen.query.get("status", ["save"])[0]]
            return 200, {"campaigns": list(reversed(found)), "total_items": len(found)}
        found = re.fullmatch(r"/campaigns/(\w+)(/content|/actions/test)?", path)
        if found:
            campaign = self.campaigns[found[1]]
            if found[2] is None and method == "GET":
                return 200, self._public(found[1])
            if found[2] is None and method == "PATCH":
                campaign["recipients"] = body.get("recipients", campaign["recipients"])
                campaign["settings"].update(body.get("settings", {}))
                return 200, self._public(found[1])
            if found[2] == "/content" and method == "PUT":
                if self.refuse_html:
                    return 400, _problem(400, "Invalid Resource", "Custom HTML is not available on this account's plan.")
                campaign["content"] = {"html": body["html"], "plain_text": body.get("plain_text", "")}
                return 200, {"html": body["html"], "plain_text": body.get("plain_text", "")}
            if found[2] == "/actions/test" and method == "POST":
                if campaign["content"] is None:
                    return 400, _problem(400, "Invalid Resource", "The campaign has no content yet.")
                self.tests.append({"campaign": found[1], **body})
                return 204, None
        if (method, path) == ("POST", "/file-manager/files"):
            data = base64.b64decode(body["file_data"])
            width, height = _picture_size(data)
            item = {"id": len(self.files) + 1, "folder_id": 0, "type": "image", "name": body["name"],
                    "full_size_url": f"https://mcusercontent.example/fake/images/{body['name']}",
                    "size": len(data), "width": width, "height": height, "data": data}
            self.files.append(item)
            return 200, {key: value for key, value in item.items() if key != "data"}
        raise KeyError(path)

    def _public(self, campaign_id):
        campaign = self.campaigns[campaign_id]
        return {key: value for key, value in campaign.items() if key != "content"}


class FakeBrevo(FakeProvider):
    """Brevo API v3, as documented at:

    - https://developers.brevo.com/reference/get-lists — GET /contacts/lists (limit ≤ 50, offset):
      {"lists": [{id, name, totalSubscribers, …}], "count"}.
    - https://developers.brevo.com/reference/create-email-campaign — POST /emailCampaigns with
      name, subject, sender {name, email}, htmlContent, recipients {listIds}, replyTo,
      previewText; 201 {"id"}.
    - https://developers.brevo.com/reference/update-email-campaign — PUT /emailCampaigns/{id}; 204.
    - https://developers.brevo.com/reference/send-test-email — POST /emailCampaigns/{id}/sendTest
      with emailTo; 204.
    - https://developers.brevo.com/reference/upload-image-to-gallery — POST /emailCampaigns/images
      with imageUrl (an absolute URL, "no local file") and name; 201 {"url"}.
    - https://developers.brevo.com/docs/limit-headers — 429 with x-sib-ratelimit-limit,
      -remaining and -reset. The api-key header carries the key; errors are {"code", "message"}.
    """

    prefix = "/v3"
    KEY = "xkeysib-0123456789abcdef"

    def __init__(self, lists=((2, "Members", 800), (7, "Trustees", 12)), website: dict | None = None):
        self.lists = [{"id": id_, "name": name, "totalSubscribers": count, "totalBlacklisted": 0,
                       "uniqueSubscribers": count, "folderId": 1} for id_, name, count in lists]
        self.campaigns: dict[int, dict] = {}
        self.gallery: list[dict] = []
        self.tests: list[dict] = []
        self.website = website if website is not None else {}  # the charity's own site: url → bytes
        super().__init__()

    def refuse(self, seen):
        if seen.headers.get("api-key") != self.KEY:
            return 401, {"code": "unauthorized", "message": "Key not found"}
        return None

    def not_found(self, seen):
        return 404, {"code": "document_not_found", "message": "Campaign ID does not exist"}

    def route(self, seen):
        path, method, body = seen.path.removeprefix(self.prefix), seen.method, seen.json
        if (method, path) == ("GET", "/contacts/lists"):
            limit, offset = int(seen.query.get("limit", ["10"])[0]), int(seen.query.get("offset", ["0"])[0])
            if limit > 50:
                return 400, {"code": "out_of_range", "message": "Limit exceeds max value"}
            return 200, {"lists": self.lists[offset:offset + limit], "count": len(self.lists)}
        if (method, path) == ("POST", "/emailCampaigns"):
            problem = self._invalid(body)
            if problem:
                return 400, {"code": "invalid_parameter", "message": problem}
            campaign_id = len(self.campaigns) + 1
            self.campaigns[campaign_id] = {"id": campaign_id, "status": "draft", "type": "classic", **body}
            return 201, {"id": campaign_id}
        if (method, path) == ("GET", "/emailCampaigns"):
            found = [item for item in self.campaigns.values() if item["status"] == seen.query.get("status", ["draft"])[0]]
            return 200, {"campaigns": list(reversed(found)), "count": len(found)}
        if (method, path) == ("POST", "/emailCampaigns/images"):
            data = self.website.get(body.get("imageUrl"))
            if data is None:
                return 400, {"code": "invalid_parameter", "message": "The image could not be fetched from imageUrl"}
            _picture_size(data)
            self.gallery.append({"name": body.get("name"), "source": body["imageUrl"], "data": data})
            return 201, {"url": f"https://img.brevo-user.example/{body.get('name')}"}
        found = re.fullmatch(r"/emailCampaigns/(\d+)(/sendTest)?", path)
        if found:
            campaign = self.campaigns[int(found[1])]
            if found[2] is None and method == "GET":
                return 200, campaign
            if found[2] is None and method == "PUT":
                campaign.update(body)
                return 204, None
            if found[2] == "/sendTest" and method == "POST":
                self.tests.append({"campaign": campaign["id"], **body})
                return 204, None
        raise KeyError(path)

    def _invalid(self, body) -> str:
        if not body.get("name"):
            return "name is missing"
        if not (body.get("sender") or {}).get("email"):
            return "sender is missing"
        if not body.get("htmlContent"):
            return "htmlContent is missing"
        if not set(body.get("recipients", {}).get("listIds", [])) <= {item["id"] for item in self.lists}:
            return "List ID does not exist"
        return ""


class FakeListmonk(FakeProvider):
    """listmonk, as documented at:

    - https://listmonk.app/docs/apis/apis/ — HTTP Basic with an API user and its token; answers
      wrapped in {"data": …}; errors {"message": …} with the matching status.
    - https://listmonk.app/docs/apis/lists/ — GET /api/lists?per_page=all: {"data": {"results":
      [{id, name, subscriber_count, …}], "total", …}}.
    - https://listmonk.app/docs/apis/campaigns/ — POST /api/campaigns (name, subject, lists,
      from_email, type, content_type, body, altbody, messenger); PUT and GET
      /api/campaigns/{id}; GET /api/campaigns?status=draft; POST /api/campaigns/{id}/test with
      the campaign's fields and "subscribers".
    - https://listmonk.app/docs/apis/media/ — POST /api/media, multipart form with "file";
      {"data": {id, uuid, filename, url, thumb_url, …}}.
    """

    USER, TOKEN = "newsletter-api", "tok3n0123456789"

    def __init__(self, lists=((1, "Members", 340), (3, "Volunteers", 45)), subscribers=("coordinator@example.org",)):
        self.lists = [{"id": id_, "name": name, "subscriber_count": count, "type": "private", "optin": "single"}
                      for id_, name, count in lists]
        self.subscribers = set(subscribers)
        self.campaigns: dict[int, dict] = {}
        self.media: list[dict] = []
        self.tests: list[dict] = []
        super().__init__()

    def refuse(self, seen):
        expected = "Basic " + base64.b64encode(f"{self.USER}:{self.TOKEN}".encode()).decode()
        if seen.headers.get("Authorization") != expected:
            return 403, {"message": "Invalid API credentials"}
        return None

    def not_found(self, seen):
        return 404, {"message": "Campaign not found."}

    def route(self, seen):
        path, method = seen.path, seen.method
        if (method, path) == ("GET", "/api/lists"):
            return 200, {"data": {"results": self.lists, "total": len(self.lists), "per_page": 0, "page": 1}}
        if (method, path) == ("POST", "/api/campaigns"):
            body = seen.json
            problem = self._invalid(body)
            if problem:
                return 400, {"message": problem}
            campaign_id = len(self.campaigns) + 1
            self.campaigns[campaign_id] = {"id": campaign_id, "status": "draft", **body,
                                           "lists": [{"id": id_} for id_ in body["lists"]]}
            return 200, {"data": self.campaigns[campaign_id]}
        if (method, path) == ("GET", "/api/campaigns"):
            found = [item for item in self.campaigns.values() if item["status"] in seen.query.get("status", ["draft"])]
            return 200, {"data": {"results": list(reversed(found)), "total": len(found)}}
        if (method, path) == ("POST", "/api/media"):
            name, data, content_type = _multipart_file(seen)
            _picture_size(data)
            item = {"id": len(self.media) + 1, "uuid": f"u-{len(self.media) + 1}", "filename": name,
                    "content_type": content_type, "url": f"{self.url}/uploads/{name}",
                    "thumb_url": f"{self.url}/uploads/thumb_{name}"}
            self.media.append({**item, "data": data})
            return 200, {"data": item}
        found = re.fullmatch(r"/api/campaigns/(\d+)(/test)?", path)
        if found:
            campaign = self.campaigns[int(found[1])]
            if found[2] is None and method == "GET":
                return 200, {"data": campaign}
            if found[2] is None and method == "PUT":
                body = seen.json
                problem = self._invalid(body)
                if problem:
                    return 400, {"message": problem}
                campaign.update({**body, "lists": [{"id": id_} for id_ in body["lists"]]})
                return 200, {"data": campaign}
            if found[2] == "/test" and method == "POST":
                body = seen.json
                unknown = [address for address in body.get("subscribers", []) if address not in self.subscribers]
                if not body.get("subscribers") or unknown:
                    return 400, {"message": f"Subscriber(s) not found: {', '.join(unknown)}"}
                self.tests.append({"campaign": campaign["id"], **body})
                return 200, {"data": True}
        raise KeyError(path)

    def _invalid(self, body) -> str:
        if not body.get("name") or not body.get("subject"):
            return "Invalid name or subject."
        if body.get("content_type") not in ("richtext", "html", "markdown", "plain"):
            return "Invalid content type."
        if not set(body.get("lists", [])) <= {item["id"] for item in self.lists}:
            return "Invalid list IDs."
        return ""


def _problem(status: int, title: str, detail: str) -> dict:
    return {"type": "https://mailchimp.com/developer/marketing/docs/errors/", "title": title, "status": status,
            "detail": detail, "instance": "00000000-fake-0000-0000-000000000000"}


def _multipart_file(seen: Seen) -> tuple[str, bytes, str]:
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {seen.headers['Content-Type']}\r\n\r\n".encode() + seen.body)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_filename(), part.get_payload(decode=True), part.get_content_type()
    raise KeyError("file")
