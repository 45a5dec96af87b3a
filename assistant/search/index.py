"""The Chroma index of the 106 tasks: built on first use, reused, rebuilt when stale or broken.

One document per task (kind "task"), plus one per sample question (kind
"question", see glosses.py), each with the task's number, part, heading,
agencies and leads as metadata so a search can be limited to "tasks led by X"
or one part.

Embedded by default: a persistent store under `index/`. The store lives in a
folder named after its build (`chroma-<fingerprint>-<build>`), and the file
`CURRENT` names the folder in use; a build writes a new folder and then
switches `CURRENT` with an atomic rename, under a file lock, so two processes
never write one store and a reader never sees half a build. The fingerprint
covers the corpus, the search aids, the parser, the agency registry, the
document recipe and the model: when any of them changes, or the store cannot be read, the index is rebuilt with one log line.

With `CHROMA_HOST` set, the collection lives on a Chroma server instead, under a name of its build
(`ipqa-tasks-<fingerprint>-<build>`), and a pointer record (collection `ipqa-tasks-current`, one record per
fingerprint) names the one in use: a rebuild writes a new collection and then switches the pointer, so a
process holding the old collection keeps answering while one that opens afterwards reads the new one.
After a switch, stores and collections no process needs are removed (`_remove_unused_stores`,
`_remove_unused_collections` say which, and why that is safe). A folder that cannot be written (a
read-only mount, another user's folder) is read without the lock, from a private copy (`_open_read_only`).

Documents are embedded by sentence-transformers, the reference encoder; questions by its
ONNX export (onnx_encoder.py), made at the first build into `onnx-<model fingerprint>/`
beside the store (with a server too), and made again, with one log line, when missing.
Opening reads every vector from Chroma into memory, where searches score them exactly.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import chromadb
import numpy as np
from chromadb.errors import NotFoundError
from langchain_core.documents import Document

from assistant.notice import agencies, parse
from assistant.search.model_files import model_fingerprint
from assistant.search.export import RECIPE as EXPORT_RECIPE, export
from assistant.search.onnx_encoder import OnnxEmbeddings, is_complete
from assistant.search.aids import load_glosses, load_questions
from assistant.errors import IndexUnavailable
from assistant.notice.records import Notice, Task
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from assistant.search.embeddings import SentenceEmbeddings

log = logging.getLogger("assistant.search.index")

# Set once this process has written records to a store: it must then leave through Python's normal exit,
# which closes Chroma; a process that only read may skip it (assistant/cli.py).
_wrote = threading.Event()


def wrote_in_this_process() -> bool:
    return _wrote.is_set()

COLLECTION_PREFIX = "ipqa-tasks"
STALE = "the corpus, search aids, parser, agency registry or model changed since it was built"


def chroma_settings() -> chromadb.Settings:
    """A new Settings each time: chromadb's clients write into the object they are given."""
    return chromadb.Settings(anonymized_telemetry=False)


# What each task's document says, by recipe. Chosen by `ipqa bench --recipes` (recall on the
# eval questions); the table and the reasons are in eval/README.md.
RECIPES = {
    "text": lambda t, gloss: t.text,
    "heading+text": lambda t, gloss: f"{t.heading}. {t.text}",
    "part+heading+text": lambda t, gloss: f"{t.part_title}. {t.heading}. {t.text}",
    "heading+text+agencies": lambda t, gloss: f"{t.heading}. {t.text} Agencies: {', '.join(a.name for a in t.agencies)}.",
    "text+gloss": lambda t, gloss: f"{t.text} {gloss}".strip(),
    "heading+text+gloss": lambda t, gloss: f"{t.heading}. {t.text} {gloss}".strip(),
}
DEFAULT_RECIPE = "text+gloss"


def _metadata(task: Task, kind: str) -> dict:
    """List metadata lets Chroma filter with `$contains`; every record of a task carries it."""
    return {
        "kind": kind,
        "task": task.number,
        "part": task.part,
        "heading_number": task.heading_number,
        "heading": task.heading,
        "agency_ids": list(task.agency_ids),
        "lead_ids": list(task.lead_ids),
    }


def document(task: Task, recipe: str = DEFAULT_RECIPE, gloss: str = "") -> Document:
    """The task as a LangChain Document; its id is the task number."""
    return Document(id=str(task.number), page_content=RECIPES[recipe](task, gloss), metadata=_metadata(task, "task"))


def parse_id(record_id: str) -> tuple[int, str]:
    """(task number, kind) from a record id: "24" is task 24, "q24-3" its third sample question."""
    if record_id.startswith("q"):
        return int(record_id[1:].split("-")[0]), "question"
    return int(record_id), "task"


@dataclass(frozen=True)
class Neighbour:
    task: int
    kind: str  # "task" or "question"
    similarity: float  # cosine


def documents(notice: Notice, recipe: str, glosses: dict[int, str],
              questions: dict[int, tuple[str, ...]]) -> list[Document]:
    """Every record the index holds: the tasks, then the sample questions (ids "q<task>-<n>")."""
    docs = [document(t, recipe, glosses.get(t.number, "")) for t in notice.tasks]
    for task in notice.tasks:
        docs += [Document(id=f"q{task.number}-{n}", page_content=text, metadata=_metadata(task, "question"))
                 for n, text in enumerate(questions.get(task.number, ()), 1)]
    return docs


def fingerprint(settings: Settings, recipe: str = DEFAULT_RECIPE) -> str:
    """Changes whenever the vectors or metadata would: corpus, search aids, parser, agency registry, recipe, model."""
    digest = hashlib.sha256()
    digest.update(Path(settings.corpus).read_bytes())
    for module in (parse, agencies):
        digest.update(Path(module.__file__).read_bytes())
    if "gloss" in recipe and Path(settings.glosses).is_file():
        digest.update(Path(settings.glosses).read_bytes())
    if Path(settings.questions).is_file():
        digest.update(Path(settings.questions).read_bytes())
    digest.update(f"recipe={recipe};schema=2".encode())
    digest.update(model_fingerprint(settings).encode())
    return digest.hexdigest()[:16]


@dataclass
class TaskIndex:
    """An open index: the Chroma collection, its vectors in memory, and how it came to be.

    The vectors are read from Chroma when the index opens (embedded or server alike) and scored here
    exactly: 742 dot products take microseconds, where a Chroma query over both kinds of record took
    several milliseconds of the 15 ms warm answer (`ipqa bench`, "warm path profile").

    The collection is read through chromadb itself; LangChain's vector store over it (`store`) is made
    when something first asks for it, because importing langchain_chroma brings LangChain's retrievers
    and langsmith with it: 0.25 s of every new process that answers (`ipqa bench`, README "Speed")."""

    collection: object  # the chromadb Collection: Chroma never embeds (its embedding function is None)
    client: object  # the chromadb client holding it
    query_embeddings: Embeddings  # what questions are embedded with
    fingerprint: str
    location: str
    built: bool
    seconds: float
    count: int  # tasks
    glosses: dict[int, str] = field(default_factory=dict)
    records: int = 0  # tasks and sample questions
    encoder: Path | None = None  # the exported ONNX encoder's folder
    vectors: np.ndarray | None = None  # (records, dimension), unit rows, in `record_tasks` order
    record_tasks: np.ndarray | None = None  # the task number of each row
    record_is_question: np.ndarray | None = None  # whether each row is a sample question
    timings: dict[str, float] = field(default_factory=dict)  # where an open or a build spent its seconds

    @property
    def embeddings(self) -> Embeddings:
        """The encoder questions are embedded with: the ONNX export unless the caller gave one."""
        return self.query_embeddings

    @cached_property
    def store(self) -> Chroma:
        """LangChain's vector store over the same collection, searching with `embeddings`."""
        from langchain_chroma import Chroma

        store = Chroma(client=self.client, collection_name=self.collection.name,
                       embedding_function=self.query_embeddings, collection_metadata=dict(self.collection.metadata or {}))
        if store._collection.id != self.collection.id:
            raise NotFoundError(self.collection.name)  # removed since the index opened, and created empty now
        return store

    def cosines(self, vector) -> np.ndarray:
        """The cosine of `vector` with every record, in row order."""
        query = np.asarray(vector, dtype=np.float32)
        return self.vectors @ (query / max(float(np.linalg.norm(query)), 1e-12))

    def nearest(self, vector: list[float], where: dict | None) -> list[Neighbour]:
        """Every record the filter admits, nearest first, as Chroma ranks them. Searches score in memory
        (`cosines`); this asks the store of record itself, and the tests hold the two to the same answer."""
        found = self.collection.query(query_embeddings=[vector], n_results=self.records, where=where,
                                             include=["distances"])
        return [Neighbour(*parse_id(record_id), 1.0 - float(distance))
                for record_id, distance in zip(found["ids"][0], found["distances"][0])]


def open_index(settings: Settings, notice: Notice, embeddings: Embeddings | None = None, *,
               rebuild: bool = False, recipe: str = DEFAULT_RECIPE, _retried: bool = False) -> TaskIndex:
    """Opens the index, building it (and exporting the ONNX encoder) when missing, stale or broken.

    `embeddings` is the encoder the store searches with; by default the ONNX export. Documents are
    always embedded by sentence-transformers, the reference: `embeddings` is reused for that when it is
    a SentenceEmbeddings, and otherwise the model is loaded only if something must be built."""
    started = time.perf_counter()
    glosses = load_glosses(settings.glosses)
    docs = documents(notice, recipe, glosses, load_questions(settings.questions))
    encoders = _Encoders(settings, embeddings)
    opener = _open_on_server if settings.chroma_host else _open_local
    opened = opener(settings, notice, encoders, docs, rebuild=rebuild, recipe=recipe)
    step = time.perf_counter()
    query = embeddings if embeddings is not None else OnnxEmbeddings(opened.encoder)
    encoders.timings["load the ONNX encoder"] = time.perf_counter() - step
    step = time.perf_counter()
    try:
        collection = _collection(opened.client, opened.collection, opened.fingerprint, create=False)
        vectors, tasks, questions = _load_vectors(collection, notice, len(docs))
    except NotFoundError:
        if _retried:
            raise
        # Removed between the pointer's read and this one, by two switches in quick succession elsewhere
        # (see _remove_unused_collections): the pointer now names a newer build.
        log.warning("the index at %s was replaced while it opened: opening the new one", opened.location)
        return open_index(settings, notice, embeddings, rebuild=False, recipe=recipe, _retried=True)
    encoders.timings["read the vectors from Chroma"] = time.perf_counter() - step
    seal = Path(opened.location) / VECTORS_SEAL
    if opened.built and seal.parent.is_dir():
        seal.write_text(_digest(vectors, tasks), encoding="utf-8")
    damaged = seal.is_file() and seal.read_text(encoding="utf-8") != _digest(vectors, tasks)
    if not opened.built and (damaged or not _vectors_match(query, docs, vectors, tasks, questions)):
        # Bytes damaged inside the store pass every structural check and silently move answers to another
        # task; a few stored vectors, encoded afresh, catch it.
        log.warning("rebuilding the index at %s: its stored vectors do not match the model", opened.location)
        return open_index(settings, notice, embeddings, rebuild=True, recipe=recipe, _retried=_retried)
    seconds = time.perf_counter() - started
    if opened.built:
        log.info("indexed %d tasks and %d sample questions in %.1f s at %s", len(notice.tasks),
                 len(docs) - len(notice.tasks), seconds, opened.location)
    return TaskIndex(collection, opened.client, query, opened.fingerprint, opened.location, opened.built, seconds, len(notice.tasks),
                     glosses=glosses, records=len(docs), encoder=opened.encoder, vectors=vectors,
                     record_tasks=tasks, record_is_question=questions, timings=dict(encoders.timings))


class _Encoders:
    """The reference encoder for builds and exports, loaded on demand, and the seconds each step took."""

    def __init__(self, settings: Settings, given: Embeddings | None):
        self.settings = settings
        self._reference = None
        if given is not None:  # sentence-transformers and LangChain's Embeddings are imported only to build
            from assistant.search.embeddings import SentenceEmbeddings

            self._reference = given if isinstance(given, SentenceEmbeddings) else None
        self.timings: dict[str, float] = {}

    @contextmanager
    def timed(self, step: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started

    def reference(self) -> SentenceEmbeddings:
        if self._reference is None:
            from assistant.search.embeddings import SentenceEmbeddings

            with self.timed("load sentence-transformers"):
                self._reference = SentenceEmbeddings(self.settings)
        return self._reference

    def write(self, collection, docs: list[Document]) -> None:
        """Embeds the documents with sentence-transformers and upserts them with fixed ids (so two
        processes building at once write the same records).

        The ONNX export runs after it, not beside it on a second thread: the two share the model's tokenizer, whose
        padding and truncation settings are set per call, and a fresh-clone test run failed with a batch tokenized
        under the other thread's settings (it saved 0.16 s of a 4.8 s build). Beside the write to Chroma instead,
        which shares nothing with it, it saved nothing measurable: 4.82 to 5.32 s against 4.85 to 5.29 s serially (three
        builds each, one process, load under 1): both hold Python's lock most of the time."""
        reference = self.reference()
        _wrote.set()
        with self.timed("embed the documents (sentence-transformers)"):
            vectors = reference.embed_documents([d.page_content for d in docs])
        with self.timed("write to Chroma"):
            collection.upsert(ids=[d.id for d in docs], embeddings=vectors,
                                     metadatas=[d.metadata for d in docs], documents=[d.page_content for d in docs])

    def ensure_onnx(self, root: Path, *, building: bool) -> Path:
        """The exported encoder's folder under `root`, exported first if it is missing (caller holds the lock)."""
        folder = root / f"onnx-{encoder_fingerprint(self.settings)}"
        if is_complete(folder):
            return folder
        message = "exporting the ONNX encoder to %s (%s)"
        why = "with the index" if building else "the index was built without it"
        (log.info if building else log.warning)(message, folder, why)
        reference = self.reference()
        with self.timed("export to ONNX"):
            export(reference.model, reference.path, folder)
        for old in root.glob("onnx-*"):
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
        return folder


@dataclass
class _Opened:
    """What an opener found or built: the client holding the collection, and the encoder's folder."""

    client: object
    fingerprint: str
    location: str
    built: bool
    encoder: Path
    collection: str  # its name in `client`


def encoder_fingerprint(settings: Settings) -> str:
    """Names the exported encoder's folder: a different model or export recipe is exported again."""
    return hashlib.sha256(f"{model_fingerprint(settings)};{EXPORT_RECIPE}".encode()).hexdigest()[:16]


def _load_vectors(collection, notice: Notice, records: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every record's vector (normalised), task and kind, read from Chroma; a store missing any fails here."""
    got = collection.get(include=["embeddings"])
    if len(got["ids"]) != records:
        raise IndexUnavailable.record_count(len(got["ids"]), records)
    parsed = [parse_id(record_id) for record_id in got["ids"]]
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    tasks = np.array([task for task, _ in parsed], dtype=np.int32)
    return vectors, tasks, np.array([kind == "question" for _, kind in parsed])


# Tasks whose stored vectors are checked against fresh encodings at every open (first, middle, last), and the
# cosine they must reach: the ONNX export matches sentence-transformers to 1 - 1e-12 (tests/search), so 0.999
# leaves room for float noise and none for a damaged vector. Each is checked through its first sample question
# where it has one: a question of a dozen tokens encodes in a fraction of the time of a task's document of a
# hundred or more, which every new process paid (0.05 to 0.16 s).
SPOT_CHECK_TASKS = (0, 52, 105)
# A digest of every stored vector, written beside a local store when it is built and checked at each open
# (about a millisecond): a damaged vector anywhere fails it.
VECTORS_SEAL = "vectors.sha256"
SPOT_CHECK_MIN_COSINE = 0.999


def _digest(vectors: np.ndarray, tasks: np.ndarray) -> str:
    return hashlib.sha256(np.round(vectors, 5).astype(np.float32).tobytes() + tasks.tobytes()).hexdigest()


def _vectors_match(query: Embeddings, docs: list[Document], vectors: np.ndarray, tasks: np.ndarray,
                   questions: np.ndarray) -> bool:
    by_id = {d.id: d for d in docs}
    chosen = [by_id.get(f"q{docs[i].metadata['task']}-1", docs[i]) for i in SPOT_CHECK_TASKS if i < len(docs)]
    fresh = np.asarray(query.embed_documents([d.page_content for d in chosen]), dtype=np.float32)
    for doc, vector in zip(chosen, fresh):
        asked = doc.metadata["kind"] == "question"
        rows = np.flatnonzero((tasks == int(doc.metadata["task"])) & (questions == asked))
        if len(rows) == 0 or (not asked and len(rows) != 1):
            return False
        # A question's row among its task's questions: the one it matches (two questions of a task reach 0.85 at most).
        cosine = float(np.max(vectors[rows] @ vector) / max(float(np.linalg.norm(vector)), 1e-12))
        if cosine < SPOT_CHECK_MIN_COSINE:
            return False
    return True


# --- embedded store under index/ -------------------------------------------------------------------

@contextmanager
def _locked(folder: Path):
    """Yields True holding an exclusive lock on the index folder (one builder at a time, across processes and
    threads), or False when no lock can be taken there because its `.lock` cannot be opened for writing.

    Any OSError counts, not a look at permission bits: a read-only mount refuses root too (EROFS), and
    access checks say nothing about ACLs, other users' folders or a `.lock` that is not a file."""
    try:
        handle = open(folder / ".lock", "a+")
    except OSError:
        handle = None
    if handle is None:
        yield False
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _make_root(settings: Settings) -> Path:
    root = Path(settings.index_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailable.cannot_create(root, error.strerror) from error
    return root


def _open_local(settings: Settings, notice: Notice, encoders: _Encoders, docs: list[Document], *,
                rebuild: bool, recipe: str) -> _Opened:
    root = _make_root(settings)
    fp = fingerprint(settings, recipe)
    with _locked(root) as locked:
        if not locked:
            return _open_read_only(settings, root, fp, notice, len(docs), rebuild=rebuild)
        if rebuild:
            log.warning("rebuilding the index at %s (asked for)", root)
        else:
            reason = _stale_reason(root, fp)
            if reason is None:
                try:
                    client, folder = _open_existing_local(root, fp, notice, len(docs))
                    _remove_unused_stores(root)  # what a builder killed before its switch left
                    return _Opened(client, fp, str(folder), False, encoders.ensure_onnx(root, building=False),
                                   _collection_name(fp))
                except Exception as error:  # noqa: BLE001 - any unreadable store is rebuilt, not fatal
                    reason = f"it cannot be read ({type(error).__name__}: {_first_line(error)})"
            if reason == "missing":
                log.warning("building the index at %s (first use)", root)
            else:
                log.warning("rebuilding the index at %s: %s", root, reason)
        client, folder = _build_local(root, fp, notice, encoders, recipe, docs)
        return _Opened(client, fp, str(folder), True, encoders.ensure_onnx(root, building=True), _collection_name(fp))


def _open_read_only(settings: Settings, root: Path, fp: str, notice: Notice, records: int, *,
                    rebuild: bool) -> _Opened:
    """Answers from the index in a folder that cannot be written, without the lock.

    Reading without the lock is safe because no builder ever changes a store that CURRENT names: it
    writes a new folder, switches CURRENT with an atomic rename, and keeps the folder it replaced
    (`_remove_unused_stores`), so the store read here stays whole while it is read. Chroma writes to a
    store as it opens it ("attempt to write a readonly database" on a read-only mount), so the store is
    copied into a private temporary folder, removed at exit, and opened there; it holds a few megabytes."""
    if rebuild:
        raise IndexUnavailable.read_only_rebuild(root)
    for attempt in range(2):
        reason = _stale_reason(root, fp)
        if reason is not None:
            raise IndexUnavailable.read_only_unbuilt(root, reason)
        folder = root / _current(root)["folder"]
        try:
            copy = Path(tempfile.mkdtemp(prefix="ipqa-index-")) / folder.name
            atexit.register(shutil.rmtree, copy.parent, True)
            shutil.copytree(folder, copy)
        except OSError as error:
            if attempt == 0 and not folder.is_dir():
                continue  # replaced twice while we read: CURRENT names a newer store
            raise IndexUnavailable.cannot_read(folder, error) from error
        client = chromadb.PersistentClient(path=str(copy), settings=chroma_settings())
        try:
            _validate(_collection(client, _collection_name(fp), fp, create=False), notice, records)
        except (NotFoundError, IndexUnavailable) as error:
            raise IndexUnavailable.read_only_unbuilt(root, _first_line(error)) from error
        encoder = root / f"onnx-{encoder_fingerprint(settings)}"
        if not is_complete(encoder):
            raise IndexUnavailable.read_only_no_encoder(root)
        log.info("reading the index at %s without a lock: the folder cannot be written", folder)
        return _Opened(client, fp, str(folder), False, encoder, _collection_name(fp))
    raise AssertionError("unreachable")  # pragma: no cover


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [""])[0][:200]


def _current(root: Path) -> dict | None:
    try:
        data = json.loads((root / "CURRENT").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("folder"), str) else None


def _stale_reason(root: Path, fp: str) -> str | None:
    current = _current(root)
    if current is None:
        return "missing" if not (root / "CURRENT").exists() else "its CURRENT file is unreadable"
    if current.get("fingerprint") != fp:
        return STALE
    folder = root / current["folder"]
    database = folder / "chroma.sqlite3"
    if not database.is_file():
        return f"{folder.name} is missing its database"
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return f"its database is corrupted ({error})"
    if verdict != "ok":
        return f"its database is corrupted ({verdict})"
    return None


def _collection_name(fp: str, build: str | None = None) -> str:
    """The collection's name: in a local store, one per folder; on a server, one per build."""
    return f"{COLLECTION_PREFIX}-{fp}" + (f"-{build}" if build else "")


# Records Chroma adds to its HNSW index before writing it to disk (its default is 1,000). Above our 742 records,
# a build left the HNSW index only in Chroma's log, so every open replayed the log and wrote the HNSW files
# again: 0.08 s of each new process's first read, and a reader writing the store. Below it, the build leaves
# the HNSW index on disk and an open reads it (0.01 s).
HNSW_SYNC_THRESHOLD = 100


def _collection(client, name: str, fp: str, *, create: bool = True, metadata: dict | None = None):
    """The chromadb collection `name`, with no embedding function (every vector comes from our encoders; Chroma's
    default one downloads a model when called); `create=False` for a collection that must already exist:
    NotFoundError if it does not, so a reader never takes an empty collection for a removed one."""
    if not create:
        return client.get_collection(name, embedding_function=None)
    return client.get_or_create_collection(
        name, embedding_function=None,
        metadata={"hnsw:space": "cosine", "fingerprint": fp, "hnsw:sync_threshold": HNSW_SYNC_THRESHOLD,
                  "hnsw:batch_size": HNSW_SYNC_THRESHOLD, **(metadata or {})})


def _validate(collection, notice: Notice, records: int) -> int:
    """Reads every task back and runs one query: a store that passes can answer. Returns the task count."""
    count = collection.count()
    if count != records:
        raise IndexUnavailable.record_count(count, records)
    got = collection.get(ids=[str(t.number) for t in notice.tasks], include=["metadatas", "embeddings"])
    if sorted(int(m["task"]) for m in got["metadatas"]) != [t.number for t in notice.tasks]:
        raise IndexUnavailable.missing_tasks()
    collection.query(query_embeddings=[list(got["embeddings"][0])], n_results=1, include=["distances"])
    return len(got["metadatas"])


def _open_existing_local(root: Path, fp: str, notice: Notice, records: int) -> tuple[object, Path]:
    folder = root / _current(root)["folder"]
    client = chromadb.PersistentClient(path=str(folder), settings=chroma_settings())
    if _collection_name(fp) not in {c.name for c in client.list_collections()}:
        raise IndexUnavailable.missing_collection()
    _validate(_collection(client, _collection_name(fp), fp, create=False), notice, records)
    return client, folder


def _build_local(root: Path, fp: str, notice: Notice, encoders: _Encoders, recipe: str,
                 docs: list[Document]) -> tuple[object, Path]:
    folder = root / f"chroma-{fp}-{uuid.uuid4().hex[:8]}"
    try:
        client = chromadb.PersistentClient(path=str(folder), settings=chroma_settings())
        collection = _collection(client, _collection_name(fp), fp)
        encoders.write(collection, docs)
        with encoders.timed("validate"):
            _validate(collection, notice, len(docs))
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise IndexUnavailable.cannot_write(root, error) from error
    replaced = _current(root)
    pointer = root / f"CURRENT.{os.getpid()}.tmp"
    pointer.write_text(json.dumps({"folder": folder.name, "fingerprint": fp, "recipe": recipe,
                                   "previous": replaced["folder"] if replaced else None,
                                   "built": time.strftime("%Y-%m-%dT%H:%M:%S")}), encoding="utf-8")
    os.replace(pointer, root / "CURRENT")
    _remove_unused_stores(root)
    return client, folder


def _remove_unused_stores(root: Path) -> list[Path]:
    """Removes every store folder except the one CURRENT names and the one it replaced; called holding the lock.

    What is safe to remove, and why:
    - Every builder holds the lock from its first write to its switch, so, with the lock held here, a
      folder that CURRENT does not name is finished with: a store replaced by a switch, or one a builder
      killed before its switch (`kill -9`) left half written.
    - The replaced store ("previous" in CURRENT) is kept. A process reads CURRENT under the lock but the
      vectors after releasing it, so one that read CURRENT just before the last switch may be reading that
      store at this moment. It goes at the next switch: a build takes seconds, that read a fraction of one.
    - A process that opened an older store holds its vectors in memory and keeps answering after the
      folder goes; only `TaskIndex.nearest`, which asks the store itself, then fails.
    With CURRENT unreadable nothing is known to be in use, and nothing is removed (the rebuild that
    follows writes a new CURRENT, and removes them then)."""
    current = _current(root)
    if current is None:
        return []
    keep = {current["folder"], current.get("previous")}
    removed = [old for old in root.glob("chroma-*") if old.name not in keep]
    for old in removed:
        log.info("removing the unused store %s", old)
        shutil.rmtree(old, ignore_errors=True)
    return removed


# --- a Chroma server (CHROMA_HOST / CHROMA_PORT) -------------------------------------------------

# The collection of pointers: one record per fingerprint, id the fingerprint, whose metadata names the build
# in use ("collection") and the one it replaced ("previous"). Upserting one record is atomic on the server.
POINTER_COLLECTION = f"{COLLECTION_PREFIX}-current"
# A build's collection and the old one-per-fingerprint names this replaced; the pointer collection is not one.
BUILD_NAME = re.compile(rf"^{COLLECTION_PREFIX}-[0-9a-f]{{16}}(-[0-9a-f]{{8}})?$")
# How old a build no pointer names must be before it is taken for a builder killed before its switch, rather
# than another machine's build in progress (the lock is per machine). Builds took 6.4 to 21.6 s on this 2-core
# machine (README, "Speed": `ipqa bench` and `/usr/bin/time ipqa index`); ten minutes leaves a wide margin.
BUILD_GRACE_SECONDS = 600


def _pointer(client, fp: str) -> dict | None:
    """The pointer record of fingerprint `fp` (its "collection" and "previous"), or None."""
    try:
        pointers = client.get_collection(POINTER_COLLECTION)
    except NotFoundError:
        return None
    got = pointers.get(ids=[fp], include=["metadatas"])
    return dict(got["metadatas"][0]) if got["ids"] else None


def _switch(client, fp: str, collection: str) -> dict | None:
    """Points fingerprint `fp` at `collection`; returns the pointer it replaced."""
    replaced = _pointer(client, fp)
    pointers = client.get_or_create_collection(POINTER_COLLECTION)
    pointers.upsert(ids=[fp], embeddings=[[1.0]], metadatas=[{
        "collection": collection, "previous": (replaced or {}).get("collection", ""),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S")}])
    return replaced


def _remove_unused_collections(client, fp: str, replaced: dict | None) -> list[str]:
    """Removes, after fingerprint `fp`'s pointer switched away from `replaced`, the collections no process needs.

    What is kept, what is removed, and why that is safe:
    - kept: the new build, and the one it replaced. A process that read the pointer just before the switch
      may be reading the replaced one's vectors at this moment; one that opened it earlier holds its vectors
      in memory and keeps answering, and its `nearest` keeps working until the next switch.
    - removed: the build the replaced one had itself replaced: superseded a whole build ago (seconds, at
      least), while a process reads a collection's vectors within a fraction of a second of reading the
      pointer. Should two switches still overtake a reader, `open_index` reads the pointer again.
    - removed: the builds of other fingerprints, and their pointers (an older corpus, aids, parser or
      model, as a local store keeps one fingerprint). A process still running on one keeps answering from
      memory; one that opens with those settings again builds again.
    - removed: builds no pointer names (a builder killed before its switch, or the old names without a
      build), once older than BUILD_GRACE_SECONDS: the lock is per machine, so a younger one may be
      another machine's build in progress, which must not vanish under it.
    Deleting a collection a process still holds only fails that process's next `nearest`."""
    current = _pointer(client, fp) or {}
    keep = {current.get("collection"), current.get("previous")}
    retired = (replaced or {}).get("previous")
    try:
        pointers = client.get_collection(POINTER_COLLECTION)
        named = pointers.get(include=["metadatas"])
    except NotFoundError:
        named = {"ids": [], "metadatas": []}
    other = {other_fp: meta for other_fp, meta in zip(named["ids"], named["metadatas"]) if other_fp != fp}
    finished = {retired} | {meta.get(key) for meta in other.values() for key in ("collection", "previous")}
    removed = []
    for collection in client.list_collections():
        name = collection.name
        if not BUILD_NAME.match(name) or name in keep:
            continue
        started = (collection.metadata or {}).get("started")
        old = not isinstance(started, (int, float)) or time.time() - started > BUILD_GRACE_SECONDS
        if name in finished or old:
            try:
                client.delete_collection(name)
            except NotFoundError:
                continue  # another cleaner was first
            log.info("removing the unused collection %s", name)
            removed.append(name)
    if other:
        pointers.delete(ids=list(other))
    return removed


def _open_on_server(settings: Settings, notice: Notice, encoders: _Encoders, docs: list[Document], *,
                    rebuild: bool, recipe: str) -> _Opened:
    """The collection lives on the server; the exported encoder, which the process runs, under index/."""
    host, port = settings.chroma_host, settings.chroma_port
    try:
        client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings())
        client.heartbeat()
    except Exception as error:  # noqa: BLE001 - every way of not reaching it gets the same message
        raise IndexUnavailable.no_server(host, port, error) from error
    fp = fingerprint(settings, recipe)
    root = _make_root(settings)

    server = f"http://{host}:{port}"

    def location(name: str) -> str:
        return f"{server}/{name}"

    def encoder(building: bool) -> Path:
        if locked:
            return encoders.ensure_onnx(root, building=building)
        folder = root / f"onnx-{encoder_fingerprint(settings)}"
        if not is_complete(folder):
            raise IndexUnavailable.read_only_no_encoder(root)
        return folder

    with _locked(root) as locked:  # one builder per machine; the pointer keeps readers safe across machines
        if rebuild:
            log.warning("rebuilding the index at %s (asked for)", server)
        for attempt in range(2):
            pointer = None if rebuild else _pointer(client, fp)
            if pointer is None:
                if not rebuild:
                    log.warning("building the index at %s (first use)", server)
                break
            name = pointer["collection"]
            try:
                _validate(_collection(client, name, fp, create=False), notice, len(docs))
                return _Opened(client, fp, location(name), False, encoder(False), name)
            except NotFoundError:
                if attempt == 0:
                    continue  # removed after two quick switches elsewhere: read the pointer again
                log.warning("building the index at %s: its collection is missing", location(name))
            except IndexUnavailable as problem:
                log.warning("rebuilding the index at %s: %s", location(name), problem)
            break
        name = _collection_name(fp, uuid.uuid4().hex[:8])
        collection = _collection(client, name, fp, metadata={"build": name.rsplit("-", 1)[1], "started": time.time()})
        encoders.write(collection, docs)
        with encoders.timed("validate"):
            _validate(collection, notice, len(docs))
        folder = encoder(True)
        replaced = _switch(client, fp, name)
        _remove_unused_collections(client, fp, replaced)
        return _Opened(client, fp, location(name), True, folder, name)
