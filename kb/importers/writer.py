"""The commit of one import batch, in a thread, while the next batch is validated.

The write of a batch (a bulk load on the embedded store, ``EmbeddedStore.bulk_add``; one SPARQL Update on a
remote one) runs without Python's interpreter lock: in a thread of its own, it overlaps the next batch's
validation.
What that validation reads of the store is then the store plus the batch being written, which
:func:`kb.importers.validation.fast_check` reads from this writer (:attr:`Writer.pending`); any other
reading of the store waits for the write first (:meth:`Writer.settle`).

Each batch is still written whole or not at all. At most one is being written; if it
fails, the error is raised before anything else is written, and the batch validated meanwhile is not.
The KB's write lock is held from a batch's validation to the end of its commit, so no other write comes
in between: over a stretch of :data:`STRETCH` batches, then released for other writers (the web app's).
"""
import threading

# Batches validated and written under one holding of the write lock: other writers wait a few seconds.
STRETCH = 8


class Writer:
    def __init__(self, kb, commit):
        self.kb, self._commit = kb, commit
        self.pending = None  # the batch being written: its triples indexed (kb.importers.validation.index)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._on_done = None
        self._held = False
        self._written = 0

    def hold(self):
        """Take the KB's write lock, unless this writer holds it already."""
        if not self._held:
            self.kb.write_lock.acquire()
            self._held = True

    def settle(self):
        """Wait for the batch being written; raise its error if it failed."""
        if self._thread is None:
            return
        self._thread.join()
        self._thread, self.pending = None, None
        error, self._error = self._error, None
        if error is not None:
            raise error
        on_done, self._on_done = self._on_done, None
        on_done()

    def write(self, change, triples_index, on_done):
        """Commit ``change`` in a thread, once the previous batch is written; ``on_done`` once it is."""
        self.settle()

        def commit():
            try:
                self._commit(self.kb, change)
            except BaseException as error:  # raised in the importer's thread by settle()
                self._error = error

        self.pending, self._on_done = triples_index, on_done
        self._thread = threading.Thread(target=commit, name="claimkb-import-commit", daemon=False)
        self._thread.start()
        self._written += 1
        if self._written % STRETCH == 0:
            self.release()

    def release(self):
        """Wait for the batch being written, then let other writers in."""
        try:
            self.settle()
        finally:
            if self._held:
                self._held = False
                self.kb.write_lock.release()

    def abandon(self):
        """After an error elsewhere: the write under way ends (it is one transaction), and the lock is let go;
        that write's own error, if any, gives way to the first one."""
        try:
            self.release()
        except BaseException:  # noqa: BLE001 - the error being raised already says why the import stopped
            pass
