"""A small HTTP client for the reliability suite: raw paths (nothing re-encoded), every header as sent,
and its own cookie jar (the server's session cookie is ``Secure``; it is sent back over loopback HTTP the
way a browser does for 127.0.0.1, which ``http.cookiejar`` would not)."""
import http.client
import json as jsonlib
import re
import urllib.parse
from dataclasses import dataclass, field

PASSWORD = "correct horse battery"


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str, default=None):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return jsonlib.loads(self.body)

    def __repr__(self):
        return f"<Reply {self.status} {self.text[:300]!r}>"


@dataclass
class Client:
    base: str
    cookies: dict = field(default_factory=dict)
    token: str | None = None  # an API token, sent as Authorization: Bearer

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                form: dict | list | None = None, json=None, timeout: float = 60) -> Reply:
        headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if json is not None:
            body = jsonlib.dumps(json)
            headers.setdefault("Content-Type", "application/ld+json")
        if isinstance(body, str):
            body = body.encode("utf-8")
        if self.cookies:
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        parts = urllib.parse.urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.getheaders(), response.read())
        finally:
            connection.close()
        for cookie in reply.all("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""') or "expires=Thu, 01 Jan 1970" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return reply

    def get(self, path: str, **options) -> Reply:
        return self.request("GET", path, **options)

    def post(self, path: str, **options) -> Reply:
        return self.request("POST", path, **options)

    def csrf(self, path: str = "/annotate/") -> str:
        page = self.get(path)
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found, f"no CSRF token on {path}: {page}"
        return found.group(1)

    def login(self, name: str, password: str = PASSWORD) -> Reply:
        token = self.csrf("/login")
        return self.post("/login", form={"name": name, "password": password, "csrf_token": token})


def query(path: str, **params) -> str:
    return path + "?" + urllib.parse.urlencode(params, doseq=True)
