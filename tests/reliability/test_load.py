"""Load: 20 writers (the annotation API with tokens, and the notes form with sessions) and 50 readers (pages,
the annotation container, the SPARQL endpoint) against one real server for 60 s, while fact-checkers edit
the same annotation and the same review at the same moment. No write is lost or made twice (counted with
SPARQL over the whole dataset), no request fails with a 500, every unit of work is whole, and of edits
based on the same version exactly one wins: the others get 412 (API) or 409 (form), never a silent
overwrite. p95 latencies are printed, not asserted (tests never time things).

Marked ``load``: ``make test`` skips it, ``make test-all`` runs it. ``CLAIMKB_LOAD_SECONDS`` shortens it."""
import os
import re
import shutil
import statistics
import threading
import time
from collections import Counter, defaultdict
from http.client import HTTPException
from urllib.parse import quote, urlsplit

import pytest

from tests.reliability.conftest import (ARTICLE, CLAIM, PASSAGE, Server, add_accounts, note, serve,
                                        stop_server, unit_problems)

pytestmark = pytest.mark.load

SECONDS = float(os.environ.get("CLAIMKB_LOAD_SECONDS", "60"))
API_WRITERS, FORM_WRITERS, READERS = 15, 5, 50
EDITORS = ("rita", "rex", "eddie")  # may edit any review
USERS = {"wanda": "annotator", "walt": "annotator", "wes": "annotator", "rita": "reviewer", "rex": "reviewer",
         "eddie": "editor"}
REVIEW_EDIT = f"/annotate/review/{CLAIM}/edit"
SPARQL = "/sparql?query=" + quote("SELECT ?claim WHERE { ?claim a <http://schema.org/Claim> } LIMIT 20")
READS = ["/", "/claims", f"/claim/{CLAIM}", "/claims?q=sora", "/annotations/?page=0", f"/claim/{CLAIM}.ttl",
         "/timeline", SPARQL]
COUNT_NOTES = """SELECT ?text WHERE { ?body <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?text
                                      FILTER(STRSTARTS(STR(?text), "load-")) }"""


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)  # kind -> seconds
        self.statuses = Counter()  # (kind, status)
        self.failures: list = []  # 5xx (but a busy SPARQL pool's 503), lost connections
        self.sent: set = set()
        self.acknowledged: set = set()

    def record(self, kind: str, started: float, reply):
        with self.lock:
            self.latency[kind].append(time.perf_counter() - started)
            self.statuses[kind, reply.status] += 1
            busy = reply.status == 503 and reply.header("Retry-After") is not None  # back-pressure, by design
            if reply.status >= 500 and not busy:
                self.failures.append((kind, reply))


def timed(tally: Tally, kind: str, call):
    started = time.perf_counter()
    try:
        reply = call()
    except (OSError, HTTPException) as error:
        with tally.lock:
            tally.failures.append((kind, repr(error)))
        return None
    tally.record(kind, started, reply)
    return reply


def p95(values: list) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values, default=0.0)


@pytest.fixture
def loaded(shipped_dir, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    tokens = add_accounts(directory, USERS, ("wanda", "walt", "wes", "eddie"))
    process, url = serve(directory)
    yield Server(url, directory, tokens)
    stop_server(process)


def test_concurrent_writers_and_readers(loaded):
    server, tally, deadline = loaded, Tally(), time.time() + SECONDS
    conflicts = Counter()

    def api_writer(number: int):
        client = server.client(token=("wanda", "walt", "wes")[number % 3])
        n = 0
        while time.time() < deadline:
            value = f"load-api-{number}-{n}"
            n += 1
            with tally.lock:
                tally.sent.add(value)
            reply = timed(tally, "write", lambda: client.post("/annotations/", json=note(value)))
            if reply is not None and reply.status == 201:
                with tally.lock:
                    tally.acknowledged.add(value)

    def form_writer(number: int):
        client = server.client(("wanda", "walt", "wes")[number % 3])
        csrf = client.csrf()
        n = 0
        while time.time() < deadline:
            value = f"load-form-{number}-{n}"
            n += 1
            with tally.lock:
                tally.sent.add(value)
            form = {"csrf_token": csrf, "source": ARTICLE, "passage": PASSAGE, "note_text": value,
                    "motivation": "commenting", "language": "fr"}
            reply = timed(tally, "write", lambda: client.post("/annotate/notes/new", form=form))
            if reply is not None and reply.status == 303:
                with tally.lock:
                    tally.acknowledged.add(value)

    def reader(number: int):
        client = server.client()
        n = number
        while time.time() < deadline:
            path = READS[n % len(READS)]
            n += 1
            timed(tally, "read", lambda: client.get(path))

    def same_annotation():
        """Three tokens PUT the same version of one annotation at once: one 200, two 412."""
        clients = [server.client(token=name) for name in ("wanda", "eddie", "eddie")]
        created = clients[0].post("/annotations/", json=note("contested"))
        assert created.status == 201, created
        path = urlsplit(created.header("Location")).path
        while True:  # at least one round, however slow the machine
            etag = clients[0].get(path).header("ETag")
            barrier, answers = threading.Barrier(len(clients)), []

            def put(client, text):
                barrier.wait()
                reply = timed(tally, "edit", lambda: client.request("PUT", path, json=note(text),
                                                                    headers={"If-Match": etag}))
                answers.append(reply.status if reply is not None else None)
            threads = [threading.Thread(target=put, args=(c, f"contested {i}")) for i, c in enumerate(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            conflicts["annotation", tuple(sorted(answers, key=str))] += 1
            if time.time() > deadline:
                return
            time.sleep(1)

    def same_review():
        """Three reviewers save the edit form of one review, filled in on the same version: one 303, two 409."""
        clients = [server.client(name) for name in EDITORS]
        while True:
            pages = [client.get(REVIEW_EDIT) for client in clients]
            versions = [re.search(r'name="version" value="([^"]+)"', page.text).group(1) for page in pages]
            tokens = [re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1) for page in pages]
            assert len(set(versions)) == 1, versions
            barrier, answers = threading.Barrier(len(clients)), []

            def save(client, token, text):
                form = {"csrf_token": token, "version": versions[0], "verdict": "https://w3id.org/claimkb#False",
                        "status": "Published", "body_fr": text, "date_published": "2024-12-01"}
                barrier.wait()
                reply = timed(tally, "edit", lambda: client.post(REVIEW_EDIT, form=form))
                answers.append(reply.status if reply is not None else None)
            threads = [threading.Thread(target=save, args=(c, t, f"avis {i}"))
                       for i, (c, t) in enumerate(zip(clients, tokens))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            conflicts["review", tuple(sorted(answers, key=str))] += 1
            # a late save on the version everyone started from is refused too
            stale = clients[0].post(REVIEW_EDIT, form={"csrf_token": tokens[0], "version": versions[0],
                                                       "verdict": "https://w3id.org/claimkb#True", "status": "Draft",
                                                       "body_fr": "late", "date_published": "2024-12-01"})
            conflicts["review-late", stale.status] += 1
            if time.time() > deadline:
                return
            time.sleep(1)

    errors = []

    def guarded(target):
        def run(*args):
            try:
                target(*args)
            except BaseException as error:  # an assertion in a thread must fail the test
                errors.append(error)
        return run
    threads = ([threading.Thread(target=guarded(api_writer), args=(n,)) for n in range(API_WRITERS)]
               + [threading.Thread(target=guarded(form_writer), args=(n,)) for n in range(FORM_WRITERS)]
               + [threading.Thread(target=guarded(reader), args=(n,)) for n in range(READERS)]
               + [threading.Thread(target=guarded(same_annotation)), threading.Thread(target=guarded(same_review))])
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 300)
    assert not errors, errors

    from kb.connect import open_kb
    kb = open_kb(server.directory)  # through the server's /_kb/ endpoints: the whole dataset
    try:
        stored = [str(row["text"]) for row in kb.query(COUNT_NOTES).rows]
        import pyoxigraph as ox
        quads = set(ox.parse(kb.export("nq"), format=ox.RdfFormat.N_QUADS))
    finally:
        kb.close()

    reads, writes, edits = (tally.latency[k] for k in ("read", "write", "edit"))
    print(f"\nload: {SECONDS:g} s, {API_WRITERS + FORM_WRITERS} writers, {READERS} readers: "
          f"{len(writes)} writes ({len(tally.acknowledged)} acknowledged), {len(reads)} reads, {len(edits)} edits; "
          f"p95 write {p95(writes) * 1000:.0f} ms, read {p95(reads) * 1000:.0f} ms, edit {p95(edits) * 1000:.0f} ms; "
          f"median write {statistics.median(writes or [0]) * 1000:.0f} ms, read {statistics.median(reads or [0]) * 1000:.0f} ms; "
          f"statuses {dict(sorted(tally.statuses.items()))}; conflicts {dict(conflicts)}")

    assert not tally.failures, tally.failures[:5]
    assert tally.acknowledged, "no write went through"
    assert len(stored) == len(set(stored)), "a write was stored twice"
    assert tally.acknowledged <= set(stored), f"acknowledged writes lost: {sorted(tally.acknowledged - set(stored))[:5]}"
    assert set(stored) == tally.acknowledged, f"written without a success answer: {sorted(set(stored) - tally.acknowledged)[:5]}"
    assert unit_problems(quads) == []
    for (kind, answers), _count in conflicts.items():
        if kind == "annotation":
            assert sorted(answers) == [200, 412, 412], answers
        elif kind == "review":
            assert sorted(answers) == [303, 409, 409], answers
        else:
            assert answers == 409, (kind, answers)
    assert {kind for kind, _ in conflicts} == {"annotation", "review", "review-late"}
