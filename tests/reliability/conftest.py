"""The reliability suite's fixtures: a real ``claimkb serve`` process on a copy of the shipped KB, its
fact-checkers and API tokens made with the real CLI, clients that speak raw HTTP to it, and the checks
that every test ends with: nothing written, nothing lost (the dump of every named graph, compared)."""
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests import backends
from tests.conftest import ROOT, serve, stop_server
from tests.reliability.client import PASSWORD, Client
from tests.web.sparql.conftest import Canary

ARTICLE = "https://w3id.org/claimkb/source/touslestops-sora-article"
CLAIM = "sora-still-in-research-phase"
PASSAGE = "Sora est toujours en phase de recherche"
# otto is a second annotator: "another user" for anna's work
USERS = {"anna": "annotator", "otto": "annotator", "rita": "reviewer", "eddie": "editor"}
TOKENS = ("anna", "otto", "eddie")
# What an attacker types where a value reaches a query: closing a string or an IRI, then an update.
INJECTIONS = ['"> } ; DROP ALL ; #', "') } ; CLEAR ALL ; #", '\\u0022 } ; DROP ALL #', "x\n} ; DROP ALL ;\r\n#",
              "<https://w3id.org/claimkb/x> } ; INSERT DATA { <a:b> <a:b> <a:b> } #", "%00%22", "\u0000"]


def cli(*args, store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kb.cli", *args, "--store", str(store)], cwd=ROOT, text=True,
                            env=backends.env_for(store),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen, input: str | None = None) -> str:
    out, err = process.communicate(input, timeout=120)
    assert process.returncode == 0, err
    return out


def add_accounts(directory: Path, users: dict, tokens=()) -> dict:
    """``claimkb user add`` (password on stdin) and ``claimkb token create``, run side by side."""
    adding = [(cli("user", "add", name, "--role", role, store=directory), PASSWORD + "\n") for name, role in users.items()]
    for process, input in adding:
        finish(process, input)
    creating = {name: cli("token", "create", name, store=directory) for name in tokens}
    return {name: finish(process).strip().splitlines()[-1] for name, process in creating.items()}


@dataclass
class Server:
    url: str
    directory: Path
    tokens: dict = field(default_factory=dict)

    def client(self, user: str | None = None, token: str | None = None) -> Client:
        """A client: anonymous, signed in as ``user`` (a browser session), or with ``token``'s API token."""
        client = Client(self.url, token=self.tokens[token] if token else None)
        if user:
            reply = client.login(user)
            assert reply.status == 303, reply
        return client

    def dump(self) -> bytes:
        reply = Client(self.url).get("/dumps/claimkb.nq")
        assert reply.status == 200, reply
        return reply.body

    def quads(self) -> set:
        return set(ox.parse(self.dump(), format=ox.RdfFormat.N_QUADS))

    @contextmanager
    def nothing_written(self):
        before = self.dump()
        yield
        assert self.dump() == before, "the store changed"

    @contextmanager
    def nothing_lost(self):
        """For requests that may write legitimately: every quad that was there stays, and whatever was
        added is in new units of work, the current view and the provenance graph only."""
        before = self.quads()
        yield
        after = self.quads()
        assert before <= after, f"quads lost: {list(before - after)[:5]}"
        provenance = ox.NamedNode("https://w3id.org/claimkb#provenance")
        new_units = {q.subject for q in after - before if q.graph_name == provenance}
        for quad in after - before:
            assert quad.graph_name in new_units | {provenance, ox.DefaultGraph()}, quad

    @contextmanager
    def history_kept(self):
        """For edits (new versions that replace old ones in the current view): no named graph loses a
        quad, provenance included, and every unit of work is whole after (see ``unit_problems``)."""
        before = {q for q in self.quads() if q.graph_name != ox.DefaultGraph()}
        yield
        after = self.quads()
        assert before <= after, f"quads lost: {list(before - after)[:5]}"
        assert unit_problems(after) == []


@pytest.fixture(scope="session")
def server(shipped_dir, tmp_path_factory):
    """One server for the suite; tests that write leave only what a legitimate write leaves."""
    directory = tmp_path_factory.mktemp("reliability") / "store"
    shutil.copytree(shipped_dir, directory)
    tokens = add_accounts(directory, USERS, TOKENS)
    process, url = serve(directory)
    yield Server(url, directory, tokens)
    stop_server(process)


@pytest.fixture
def canary():
    canary = Canary()
    yield canary
    canary.close()


def note(value: str) -> dict:
    """A valid Web Annotation for the API: a comment on the shipped article's passage."""
    return {"type": "Annotation", "motivation": "commenting", "body": {"type": "TextualBody", "value": value},
            "target": {"source": ARTICLE, "selector": {"type": "TextQuoteSelector", "exact": PASSAGE}}}


def no_server_error(reply, what=""):
    assert reply.status < 500, f"{what}: {reply}"


PROVENANCE = ox.NamedNode("https://w3id.org/claimkb#provenance")
# The provenance of units holding an unpublished review (kb/embargo.py): provenance too, kept apart.
EMBARGOED_PROVENANCE = ox.NamedNode("https://w3id.org/claimkb#embargoed-provenance")
PROV = "http://www.w3.org/ns/prov#"


def restart_after_crash(directory: Path) -> tuple[subprocess.Popen, str]:
    """A crashed server leaves its ``server.json``: the new one writes its own (the store's lock went with
    the dead process), so wait for that one rather than read the stale one."""
    (directory / "server.json").unlink(missing_ok=True)
    return serve(directory)


def unit_problems(quads: set) -> list[str]:
    """What would show a partial unit of work: a named graph without provenance, provenance naming a graph
    that is not there, a current unit whose triples are not all in the default graph (the current view),
    or a triple of the view that no current unit holds."""
    graphs: dict = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, set()).add(ox.Triple(quad.subject, quad.predicate, quad.object))
    view = graphs.pop(ox.DefaultGraph(), set())
    provenance = graphs.pop(PROVENANCE, set()) | graphs.pop(EMBARGOED_PROVENANCE, set())
    described: dict = {}
    for triple in provenance:
        described.setdefault(triple.subject, set()).add(triple.predicate.value)
    problems = [f"{g} has no provenance" for g in graphs if g not in described]
    problems += [f"provenance of {s}, which holds nothing" for s in described if s not in graphs]
    current = [g for g in graphs if PROV + "invalidatedAtTime" not in described.get(g, ())]
    held = set().union(*(graphs[g] for g in current))
    problems += [f"current triple missing from the view: {t}" for t in list(held - view)[:5]]
    problems += [f"view triple no current unit holds: {t}" for t in list(view - held)[:5]]
    return problems
