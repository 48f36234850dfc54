"""Query requests to ``/sparql`` answered in front of Flask, without its per-request machinery.

A SPARQL client's request (a query, results or RDF asked for, no cookie) needs none of what the app
does for every request: no session to open and sign (readers' pages, sign-in), no user to load, no
CSRF check, no reader's language. On the shipped KB these cost the web process about 0.6 ms of CPU per
query, where the whole answer of a small query costs ``oxigraph serve`` about 0.3 ms (BENCHMARKS.md,
"SPARQL endpoint"). So such requests are answered here, through the same :func:`web.sparql.answers.answer`
as the Flask view, and everything else goes on to the app unchanged: the workbench (HTML), the service
description, preflights, requests with a cookie or ``lang``, bodies that are not UTF-8, too large or
without a length, and protocol errors found before the query runs (the app's own pages and statuses).
What the app adds to every response (``web.headers``) is added here too.
"""
import io
from urllib.parse import unquote_to_bytes

from werkzeug.wrappers import Request

from web import headers
from web.sparql import answers, errors, protocol

BODY_TYPES = ("application/x-www-form-urlencoded", "application/sparql-query")


class DirectQueries:
    """WSGI middleware around the app's ``wsgi_app``. ``state``: the endpoint's (``app.extensions["sparql"]``);
    ``warm_up``: called on each request it answers, as the blueprint's ``before_request`` is."""

    def __init__(self, wsgi_app, state: dict, warm_up):
        self.wsgi_app, self.state, self.warm_up = wsgi_app, state, warm_up

    def __call__(self, environ, start_response):
        response = self._answer(environ) if _candidate(environ) else None
        if response is None:
            return self.wsgi_app(environ, start_response)
        return response(environ, start_response)

    def _answer(self, environ):
        """The response, or None to leave the request to the app."""
        settings = self.state["settings"]
        if environ["REQUEST_METHOD"] == "POST":
            length = environ.get("CONTENT_LENGTH")
            if not length or not length.isdigit() \
                    or int(length) > protocol.body_limit(settings["SPARQL_MAX_QUERY_BYTES"]):
                return None
            # Read once, and put back for the app, should the request be left to it: the request here reads
            # a copy of its own.
            body = environ["wsgi.input"].read(int(length))
            environ["wsgi.input"] = io.BytesIO(body)
            if len(body) != int(length) or (_body_type(environ) == BODY_TYPES[0] and not _utf8(body)):
                return None
            environ = {**environ, "wsgi.input": io.BytesIO(body)}
        if not _utf8(environ.get("QUERY_STRING", "").encode("latin-1")):
            return None  # the app refuses it (web.require_utf8)
        request = Request(environ)
        if "lang" in request.args:  # the app remembers the reader's language in a cookie
            return None
        formats = protocol.formats(request)
        if "html" in formats.values():
            return None
        try:
            text = protocol.query_text(request, settings["SPARQL_MAX_QUERY_BYTES"])
        except errors.HANDLED:
            return None
        if text is None:
            return None
        self.warm_up()
        return headers.add(answers.answer(request, self.state, text, formats))  # as the app adds to every answer


def _candidate(environ) -> bool:
    return (environ.get("PATH_INFO") == "/sparql" and environ["REQUEST_METHOD"] in ("GET", "POST")
            and "HTTP_COOKIE" not in environ and "HTTP_TRANSFER_ENCODING" not in environ
            and (environ["REQUEST_METHOD"] == "GET"
                 or _body_type(environ) in BODY_TYPES))


def _body_type(environ) -> str:
    return environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()


def _utf8(data: bytes) -> bool:
    """As ``web.require_utf8`` checks a query string or a form body."""
    try:
        unquote_to_bytes(data.replace(b"+", b" ")).decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
