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

With `CHROMA_HOST` set, the same collection lives on a Chroma server instead.

Documents are embedded by sentence-transformers, the reference encoder; questions by its
ONNX export (onnx_encoder.py), made at the first build into `onnx-<model fingerprint>/`
beside the store (with a server too), and made again, with one log line, when missing.
Opening reads every vector from Chroma into memory, where searches score them exactly.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from assistant.notice import agencies, parse
from assistant.search.embeddings import SentenceEmbeddings, model_fingerprint
from assistant.search.export import RECIPE as EXPORT_RECIPE, export
from assistant.search.onnx_encoder import OnnxEmbeddings, is_complete
from assistant.search.aids import load_glosses, load_questions
from assistant.errors import IndexUnavailable
from assistant.notice.records import Notice, Task
from assistant.settings import Settings

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
    """An open index: the LangChain vector store over the collection, its vectors in memory, and how it came to be.

    The vectors are read from Chroma when the index opens (embedded or server alike) and scored here
    exactly: 742 dot products take microseconds, where a Chroma query over both kinds of record took
    several milliseconds of the 15 ms warm answer (`ipqa bench`, "warm path profile")."""

    store: Chroma
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
        return self.store.embeddings

    def cosines(self, vector) -> np.ndarray:
        """The cosine of `vector` with every record, in row order."""
        query = np.asarray(vector, dtype=np.float32)
        return self.vectors @ (query / max(float(np.linalg.norm(query)), 1e-12))

    def nearest(self, vector: list[float], where: dict | None) -> list[Neighbour]:
        """Every record the filter admits, nearest first, as Chroma ranks them. Searches score in memory
        (`cosines`); this asks the store of record itself, and the tests hold the two to the same answer."""
        found = self.store._collection.query(query_embeddings=[vector], n_results=self.records, where=where,
                                             include=["distances"])
        return [Neighbour(*parse_id(record_id), 1.0 - float(distance))
                for record_id, distance in zip(found["ids"][0], found["distances"][0])]


def open_index(settings: Settings, notice: Notice, embeddings: Embeddings | None = None, *,
               rebuild: bool = False, recipe: str = DEFAULT_RECIPE) -> TaskIndex:
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
    store = _store(opened.client, opened.fingerprint, query)
    vectors, tasks, questions = _load_vectors(store, notice, len(docs))
    encoders.timings["read the vectors from Chroma"] = time.perf_counter() - step
    seal = Path(opened.location) / VECTORS_SEAL
    if opened.built and seal.parent.is_dir():
        seal.write_text(_digest(vectors, tasks), encoding="utf-8")
    damaged = seal.is_file() and seal.read_text(encoding="utf-8") != _digest(vectors, tasks)
    if not opened.built and (damaged or not _vectors_match(query, docs, vectors, tasks, questions)):
        # Bytes damaged inside the store pass every structural check and silently move answers to another
        # task; a few stored vectors, encoded afresh, catch it.
        log.warning("rebuilding the index at %s: its stored vectors do not match the model", opened.location)
        return open_index(settings, notice, embeddings, rebuild=True, recipe=recipe)
    seconds = time.perf_counter() - started
    if opened.built:
        log.info("indexed %d tasks and %d sample questions in %.1f s at %s", len(notice.tasks),
                 len(docs) - len(notice.tasks), seconds, opened.location)
    return TaskIndex(store, opened.fingerprint, opened.location, opened.built, seconds, len(notice.tasks),
                     glosses=glosses, records=len(docs), encoder=opened.encoder, vectors=vectors,
                     record_tasks=tasks, record_is_question=questions, timings=dict(encoders.timings))


class _Encoders:
    """The reference encoder for builds and exports, loaded on demand, and the seconds each step took."""

    def __init__(self, settings: Settings, given: Embeddings | None):
        self.settings = settings
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
            with self.timed("load sentence-transformers"):
                self._reference = SentenceEmbeddings(self.settings)
        return self._reference

    def write(self, store: Chroma, docs: list[Document]) -> None:
        """Embeds the documents with sentence-transformers and upserts them with fixed ids (so two
        processes building at once write the same records)."""
        reference = self.reference()
        _wrote.set()
        with self.timed("embed the documents (sentence-transformers)"):
            vectors = reference.embed_documents([d.page_content for d in docs])
        with self.timed("write to Chroma"):
            store._collection.upsert(ids=[d.id for d in docs], embeddings=vectors,
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


def encoder_fingerprint(settings: Settings) -> str:
    """Names the exported encoder's folder: a different model or export recipe is exported again."""
    return hashlib.sha256(f"{model_fingerprint(settings)};{EXPORT_RECIPE}".encode()).hexdigest()[:16]


def _load_vectors(store: Chroma, notice: Notice, records: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every record's vector (normalised), task and kind, read from Chroma; a store missing any fails here."""
    got = store._collection.get(include=["embeddings"])
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
    """An exclusive lock on the index folder: one builder at a time, across processes and threads."""
    with open(folder / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
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
    with _locked(root):
        if rebuild:
            log.warning("rebuilding the index at %s (asked for)", root)
        else:
            reason = _stale_reason(root, fp)
            if reason is None:
                try:
                    client, folder = _open_existing_local(root, fp, notice, len(docs))
                    return _Opened(client, fp, str(folder), False, encoders.ensure_onnx(root, building=False))
                except Exception as error:  # noqa: BLE001 - any unreadable store is rebuilt, not fatal
                    reason = f"it cannot be read ({type(error).__name__}: {_first_line(error)})"
            if reason == "missing":
                log.warning("building the index at %s (first use)", root)
            else:
                log.warning("rebuilding the index at %s: %s", root, reason)
        client, folder = _build_local(root, fp, notice, encoders, recipe, docs)
        return _Opened(client, fp, str(folder), True, encoders.ensure_onnx(root, building=True))


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


def _collection_name(fp: str) -> str:
    return f"{COLLECTION_PREFIX}-{fp}"


# Records Chroma adds to its HNSW index before writing it to disk (its default is 1,000). Above our 742 records,
# a build left the HNSW index only in Chroma's log, so every open replayed the log and wrote the HNSW files
# again: 0.08 s of each new process's first read, and a reader writing the store. Below it, the build leaves
# the HNSW index on disk and an open reads it (0.01 s).
HNSW_SYNC_THRESHOLD = 100


def _store(client, fp: str, embeddings: Embeddings | None) -> Chroma:
    return Chroma(
        client=client,
        collection_name=_collection_name(fp),
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": "cosine", "fingerprint": fp,
                             "hnsw:sync_threshold": HNSW_SYNC_THRESHOLD, "hnsw:batch_size": HNSW_SYNC_THRESHOLD},
    )


def _validate(store: Chroma, notice: Notice, records: int) -> int:
    """Reads every task back and runs one query: a store that passes can answer. Returns the task count."""
    collection = store._collection
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
    _validate(_store(client, fp, None), notice, records)
    return client, folder


def _build_local(root: Path, fp: str, notice: Notice, encoders: _Encoders, recipe: str,
                 docs: list[Document]) -> tuple[object, Path]:
    folder = root / f"chroma-{fp}-{uuid.uuid4().hex[:8]}"
    try:
        client = chromadb.PersistentClient(path=str(folder), settings=chroma_settings())
        store = _store(client, fp, None)
        encoders.write(store, docs)
        with encoders.timed("validate"):
            _validate(store, notice, len(docs))
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise IndexUnavailable.cannot_write(root, error) from error
    pointer = root / f"CURRENT.{os.getpid()}.tmp"
    pointer.write_text(json.dumps({"folder": folder.name, "fingerprint": fp, "recipe": recipe,
                                   "built": time.strftime("%Y-%m-%dT%H:%M:%S")}), encoding="utf-8")
    os.replace(pointer, root / "CURRENT")
    for old in root.glob("chroma-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return client, folder


# --- a Chroma server (CHROMA_HOST / CHROMA_PORT) -------------------------------------------------

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
    name = _collection_name(fp)
    location = f"http://{host}:{port}/{name}"
    root = _make_root(settings)
    with _locked(root):
        if rebuild and name in {c.name for c in client.list_collections()}:
            log.warning("rebuilding the index at %s (asked for)", location)
            client.delete_collection(name)
        store = _store(client, fp, None)
        try:
            _validate(store, notice, len(docs))
            return _Opened(client, fp, location, False, encoders.ensure_onnx(root, building=False))
        except IndexUnavailable as problem:
            if not rebuild:
                log.warning("building the index at %s: %s", location, problem)
        encoders.write(store, docs)
        with encoders.timed("validate"):
            _validate(store, notice, len(docs))
        return _Opened(client, fp, location, True, encoders.ensure_onnx(root, building=True))
