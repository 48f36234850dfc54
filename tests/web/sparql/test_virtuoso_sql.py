"""On a remote store, Virtuoso's SQL functions are refused before the query reaches it: ``bif:`` and ``sql:``
however they are spelt, and relative IRIs called as functions (Virtuoso runs them as ``sql:``)."""
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests import backends
from tests.web.sparql.conftest import get, post_form

pytestmark = pytest.mark.skipif(not backends.REMOTE, reason="a remote store's endpoint (the embedded store has no "
                                                            "SQL functions)")

CALLS = {
    "prefixed": ('SELECT (bif:http_get("{canary}") AS ?x) {{}}', "bif:http_get"),
    "full-iri": ('SELECT (<bif:virtuoso_ini_path>() AS ?x) {{}}', "<bif:virtuoso_ini_path>"),
    "openlink-iri": ('SELECT (<http://www.openlinksw.com/schemas/bif#sys_stat>("st_dbms_ver") AS ?x) {{}}',
                     "<http://www.openlinksw.com/schemas/bif#sys_stat>"),
    "declared-prefix": ('PREFIX v: <bif:> SELECT (v:http_get("{canary}") AS ?x) {{}}', "<bif:>"),
    "declared-openlink-prefix": ('PREFIX v: <http://www.openlinksw.com/schemas/bif#>\n'
                                 'SELECT (v:file_to_string("virtuoso.ini") AS ?x) {{}}', "openlinksw"),
    "bif-redeclared": ('PREFIX bif: <http://example.org/> SELECT (bif:sequence_next("s") AS ?x) {{}}',
                       "bif:sequence_next"),
    "sql": ("SELECT (sql:rdf_net() AS ?x) {{}}", "sql:rdf_net"),
    "relative-iri": ("SELECT ?x {{ BIND (<rdf_net>() AS ?x) }}", "<rdf_net>"),
    "empty-prefix": ("PREFIX : <> SELECT ?x {{ ?x ?p ?o FILTER (:rdf_net()) }}", ":rdf_net"),
    "escaped": ('SELECT (<bi\\u0066:http_get>("{canary}") AS ?x) {{}}', "<bif:http_get>"),
    "in-a-comment-between": ('SELECT (bif:http_get # the call\n ("{canary}") AS ?x) {{}}', "bif:http_get"),
    "magic-predicate": ('SELECT ?s {{ ?s <http://schema.org/text> ?t . ?t bif:contains "sora" }}', "bif:contains"),
}


@pytest.mark.parametrize("name", CALLS)
def test_virtuoso_sql_functions_are_refused_before_the_store(server, canary, name):
    query, named = CALLS[name]
    reply = post_form(server, query=query.format(canary=canary.url))
    assert reply.status == 400, reply.text
    assert named in reply.text and "Virtuoso" in reply.text and "read-only" in reply.text, reply.text
    time.sleep(0.2)  # a fetch, if any, would have reached the canary by now
    assert canary.requests == []


def test_the_same_words_as_text_or_a_cast_are_answered(server):
    reply = get(server, 'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n'
                        'SELECT (xsd:integer("3") AS ?n) WHERE { ?s ?p "bif:sys_stat(1)" } # bif:http_get()',
                headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text


@pytest.mark.skipif(backends.BACKEND != "virtuoso", reason="Virtuoso's own endpoint")
def test_virtuoso_itself_would_run_them(server, canary):
    """The control: sent to Virtuoso's own endpoint, they read the server's files and fetch URLs."""
    store = backends.remote_for(server.directory)["query"]

    def ask(query):
        body = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(store, body, headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:
            return error.read().decode()

    assert "virtuoso.ini" in ask("SELECT (bif:virtuoso_ini_path() AS ?x) {}")
    ask(f'SELECT (bif:http_get("{canary.url}") AS ?x) {{}}')
    assert canary.requests
