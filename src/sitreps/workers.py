"""Forked worker processes that do an article's whole work: ``extract_many(..., n_process=N)``.

spaCy's own ``nlp.pipe(n_process=N)`` parses in N children but hands every Doc back to the calling
process, which then built every report alone: on two processes that one process was the bottleneck
(0.41-0.67 of raw ``nlp.pipe``). Here each child prepares, parses and extracts a chunk of articles and
sends back the finished reports, pickled (a pickled ``Report`` loads about 50 times faster than
``Report.from_dict`` rebuilds one from its dict), so the parent only reads the input and unpickles.

The children are forked: they inherit the parent's loaded spaCy pipeline, gazetteers and lexicons
(copy-on-write) and start at once, as spaCy's own children do. A pool whose workers loaded the model
themselves was measured slower than one process. Where fork is unsafe or missing (macOS, Windows)
``can_fork`` is false and the caller keeps spaCy's path.

Memory stays bounded: at most ``2 * processes`` chunks are in flight, and results come back in input
order as they are ready. The child's function reports an article's error as a value (the reports
before it, then the error), so the caller raises the very exception one process would have raised.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def can_fork() -> bool:
    """True where children can be forked safely: Linux and the BSDs, not macOS (whose system libraries are
    not fork-safe, so Python defaults to spawn there) nor Windows (no fork)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


class ChildTraceback(Exception):
    """The traceback of an error raised in a child, attached as the ``__cause__`` of the re-raised error
    (exceptions cross a process boundary without theirs)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def portable(error: Exception) -> tuple[Exception, str]:
    """An error as the child sends it back: itself when it survives pickling (every ``SitrepsError`` does,
    see its ``__reduce__``), else a ``RuntimeError`` naming it; and its traceback as text."""
    text = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # an exception class whose __init__ cannot be called again from its args
        error = RuntimeError(f"{type(error).__name__}: {error}")
    return error, text


def ordered_map(function: Callable[[list[In]], Out], chunks: Iterable[list[In]], *, processes: int) -> Iterator[Out]:
    """``function`` of each chunk, computed in ``processes`` forked children, yielded in input order.

    The chunks are read lazily: at most ``2 * processes`` are submitted and not yet yielded. Closing the
    iterator early (or an error) cancels what has not started; children end after their current chunk."""
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"),
                               initializer=_child_init)
    pending: deque[Future[Out]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(function, chunk))
            if len(pending) >= 2 * processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        # all read: the idle children end at once and are waited for (their CPU time then counts in this
        # process's rusage of children); closed early: those still at work end after their chunk, unwaited
        pool.shutdown(wait=not pending, cancel_futures=True)


def _child_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the parent, which cancels the rest
    # What the child inherited (model, gazetteers, lexicons: some 270,000 objects that the garbage collector
    # tracks) lives as long as the child: out of the collector's sight, a full collection no longer walks it
    # (about 0.2 s each) nor copies its pages by writing to their headers
    gc.freeze()
    watch_parent()


def watch_parent(interval: float = 0.5) -> None:
    """End this worker process as soon as its driver is gone (``kill -9`` of the driver must not leave
    workers writing to the store, nor holding their memory): a daemon thread checks every ``interval``
    seconds whether the parent is still the one that started it, and exits at once when it is not. An
    open transaction is rolled back by the database, as for any killed process."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="sitreps-watch-parent", daemon=True).start()
