"""Headers every response carries: a second line of defence behind escaping and CSRF tokens.

- ``Content-Security-Policy``: scripts only from claimkb's own files (an injected ``<script>`` or ``onclick``
  would not run even if escaping failed somewhere); nothing fetched from elsewhere; forms post only here;
  no page may be framed by another site (clickjacking of the workspace's buttons). Inline styles stay
  allowed: the templates set bar widths and the graph's SVG styles inline, and a style cannot run code.
  JSON-LD blocks (``<script type="application/ld+json">``) are data, which the policy does not touch.
- ``X-Frame-Options``: the same refusal of framing for browsers that predate ``frame-ancestors``.
- ``X-Content-Type-Options``: a download (a dump, a SPARQL result) is never sniffed into HTML.
- ``Referrer-Policy``: a workspace or query URL is not sent to the sites a page links to (sources).
"""
from flask import Response

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def add(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
