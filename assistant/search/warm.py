"""Opening the searcher on a background thread, before anything asks for it.

`start()` opens the index, the ONNX encoder and their imports on a thread, and the
first `open_retriever` call for the same settings and notice takes that searcher
instead of opening another; a failure in the background is raised there too.
`ipqa ask` starts it before importing the answering code, so the two overlap
(assistant/cli.py). A server can start it as it starts, with
`st.App("app.py", lifespan=warm.lifespan)`; the app as `make run` serves it loads the
whole Assistant instead (assistant/ui/resources.py `lifespan`, serve.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from contextlib import asynccontextmanager

from assistant.settings import Settings

_lock = threading.Lock()
_started: dict[Settings, Future] = {}


def start(settings: Settings | None = None) -> Future:
    """Begins opening the searcher for `settings` (default: from the environment) in the background, once."""
    settings = settings or Settings.from_env()
    with _lock:
        if settings not in _started:
            future: Future = Future()
            _started[settings] = future
            threading.Thread(target=_open, args=(settings, future), name="ipqa-warm", daemon=True).start()
        return _started[settings]


def take(settings: Settings, notice):
    """The searcher `start` opened for these settings and this notice, once it is ready; None if none was started.
    The first caller gets it; later callers open their own, as they would without a warm start."""
    with _lock:
        future = _started.get(settings)
        if future is None:
            return None
        del _started[settings]
    searcher = future.result()  # raises what the background open raised
    return searcher if searcher.notice is notice else None


def settle() -> None:
    """Waits for every open still under way (its outcome is for whoever takes it): a process must not end while
    a thread of it writes an index."""
    with _lock:
        pending = list(_started.values())
    for future in pending:
        try:
            future.exception()
        except BaseException:  # noqa: BLE001 - cancelled or interrupted: nothing left to wait for
            pass


@asynccontextmanager
async def lifespan(app):
    """For `st.App(..., lifespan=warm.lifespan)`: start opening as the server starts."""
    start()
    yield None


def _open(settings: Settings, future: Future) -> None:
    try:
        from assistant.notice.load import notice_for
        from assistant.search.index import open_index
        from assistant.search.retrieve import Searcher

        notice = notice_for(settings)
        index = open_index(settings, notice)
        searcher = Searcher(notice, index, index.embeddings, settings=settings)
        searcher.search("trade secrets")  # the first run of a session allocates; let it happen here
        future.set_result(searcher)
    except BaseException as error:  # noqa: BLE001 - handed to whoever takes the searcher
        future.set_exception(error)
