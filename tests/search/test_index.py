"""The Chroma index: built once, reused, rebuilt when stale or broken, safe with two builders."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.errors import IndexUnavailable
from assistant.search.aids import load_questions
from assistant.search.index import STALE, open_index, parse_id
from assistant.notice.load import notice_for
from assistant.settings import DEFAULT_CORPUS, DEFAULT_QUESTIONS


@pytest.fixture
def built(settings, notice, embeddings):
    """An index freshly built in this test's temporary folder."""
    return open_index(settings, notice, embeddings)


def current_folder(settings) -> Path:
    return settings.index_dir / json.loads((settings.index_dir / "CURRENT").read_text())["folder"]


def test_first_use_builds_and_the_next_reuses(settings, notice, embeddings, built):
    assert built.built and built.count == 106
    again = open_index(settings, notice, embeddings)
    assert not again.built
    assert again.location == built.location


def test_every_task_is_indexed_with_its_agencies_and_leads(built, notice):
    records = built.store._collection.get(where={"kind": "task"}, include=["metadatas", "documents"])
    by_task = {m["task"]: (m, d) for m, d in zip(records["metadatas"], records["documents"])}
    assert sorted(by_task) == list(range(1, 107)) and len(records["ids"]) == 106
    for task in notice.tasks:
        metadata, document = by_task[task.number]
        assert metadata["agency_ids"] == list(task.agency_ids)
        assert metadata["lead_ids"] == list(task.lead_ids)
        assert metadata["part"] == task.part and metadata["heading"] == task.heading
        assert task.text in document


def test_every_sample_question_is_indexed_under_its_task_with_the_same_filters(built, notice):
    asked = load_questions(DEFAULT_QUESTIONS)
    records = built.store._collection.get(where={"kind": "question"}, include=["metadatas", "documents"])
    assert built.records == 106 + len(records["ids"]) == 106 + sum(len(q) for q in asked.values())
    for record_id, metadata, text in zip(records["ids"], records["metadatas"], records["documents"]):
        task = notice.task(metadata["task"])
        assert text in asked[task.number]
        assert parse_id(record_id) == (task.number, "question")
        # A filtered search must not reach a task through its questions: they carry its agencies and part.
        assert metadata["agency_ids"] == list(task.agency_ids) and metadata["lead_ids"] == list(task.lead_ids)
        assert metadata["part"] == task.part


def test_nearest_returns_every_admitted_record_with_its_task_and_kind(built, notice):
    asked = load_questions(DEFAULT_QUESTIONS)
    led = [t.number for t in notice.tasks if "saic" in t.lead_ids]
    nearest = built.nearest(built.store.embeddings.embed_query("trade secrets"), {"lead_ids": {"$contains": "saic"}})
    assert sorted(n.task for n in nearest if n.kind == "task") == led
    assert len([n for n in nearest if n.kind == "question"]) == sum(len(asked[t]) for t in led)
    assert nearest[0].task == 24
    assert [n.similarity for n in nearest] == sorted((n.similarity for n in nearest), reverse=True)


def test_chroma_never_gets_its_default_embedding_function(built):
    # Chroma's default would download an ONNX model; every vector must come from our model.
    assert built.store._collection._embedding_function is None
    assert built.store.embeddings is not None


def test_a_changed_corpus_rebuilds_with_one_log_line(settings, notice, embeddings, built, tmp_path, caplog):
    corpus = tmp_path / "notice.txt"
    corpus.write_text(DEFAULT_CORPUS.read_text(encoding="utf-8").replace(
        "strengthen the protection of trade secrets in talent exchange",
        "strengthen the protection of trade secrets in staff exchange"), encoding="utf-8")
    changed = replace(settings, corpus=corpus)
    with caplog.at_level(logging.INFO, logger="assistant.search.index"):
        rebuilt = open_index(changed, notice_for(changed), embeddings)
    assert rebuilt.built and rebuilt.fingerprint != built.fingerprint
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"rebuilding the index at {settings.index_dir}: {STALE}"]
    assert "staff exchange" in rebuilt.store._collection.get(ids=["24"])["documents"][0]


def test_changed_sample_questions_rebuild(settings, notice, embeddings, built, tmp_path):
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"task": 24, "questions": ["Who keeps company recipes secret?"]}\n', encoding="utf-8")
    rebuilt = open_index(replace(settings, questions=questions), notice, embeddings)
    assert rebuilt.built and rebuilt.fingerprint != built.fingerprint and rebuilt.records == 107
    assert rebuilt.store._collection.get(ids=["q24-1"])["documents"] == ["Who keeps company recipes secret?"]


@pytest.mark.parametrize("damage", ["truncate database", "garbage database", "delete store folder",
                                    "garbage CURRENT", "delete CURRENT"])
def test_a_broken_store_is_rebuilt_not_fatal(settings, notice, embeddings, built, damage, caplog):
    folder = current_folder(settings)
    database = folder / "chroma.sqlite3"
    if damage == "truncate database":
        database.write_bytes(database.read_bytes()[:4096])
    elif damage == "garbage database":
        database.write_bytes(b"this is not a database" * 1000)
    elif damage == "delete store folder":
        shutil.rmtree(folder)
    elif damage == "garbage CURRENT":
        (settings.index_dir / "CURRENT").write_text("{not json")
    else:
        (settings.index_dir / "CURRENT").unlink()
    with caplog.at_level(logging.INFO, logger="assistant.search.index"):
        rebuilt = open_index(settings, notice, embeddings)
    assert rebuilt.built and rebuilt.count == 106
    assert rebuilt.location != built.location
    assert any("index at" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    hits = rebuilt.store.similarity_search("trade secrets", k=1)
    assert hits[0].metadata["task"] == 24


def test_rebuild_on_request(settings, notice, embeddings, built):
    again = open_index(settings, notice, embeddings, rebuild=True)
    assert again.built and again.location != built.location
    assert not Path(built.location).exists()  # the old store is cleaned up


def test_two_processes_building_at_once_leave_one_good_index(settings, notice, embeddings):
    code = (
        "import sys; from pathlib import Path\n"
        "from assistant.settings import Settings; from assistant.notice.load import notice_for\n"
        "from assistant.search.embeddings import SentenceEmbeddings; from assistant.search.index import open_index\n"
        "s = Settings(index_dir=Path(sys.argv[1])); i = open_index(s, notice_for(s), SentenceEmbeddings(s))\n"
        "print(i.built, i.count)"
    )
    processes = [subprocess.Popen([sys.executable, "-c", code, str(settings.index_dir)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=600) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    results = sorted(out.split()[0] for out, _ in outputs)
    assert results == ["False", "True"]  # one built it, the other waited and reused it
    index = open_index(settings, notice, embeddings)
    assert not index.built and index.count == 106
    assert len(list(settings.index_dir.glob("chroma-*"))) == 1


def test_an_unreachable_server_is_one_clear_line(settings, notice, embeddings, free_tcp_port):
    remote = replace(settings, chroma_host="127.0.0.1", chroma_port=free_tcp_port)
    with pytest.raises(IndexUnavailable) as error:
        open_index(remote, notice, embeddings)
    message = str(error.value)
    assert f"cannot reach the Chroma server at 127.0.0.1:{free_tcp_port}" in message
    assert "\n" not in message


def test_a_missing_model_is_a_clear_error(settings, notice, tmp_path):
    from assistant.search.embeddings import SentenceEmbeddings

    with pytest.raises(IndexUnavailable, match="the embedding model is not at"):
        SentenceEmbeddings(replace(settings, model_path=tmp_path / "nowhere"))


def test_stored_vectors_that_no_longer_match_are_rebuilt(settings, notice, embeddings, built, monkeypatch, caplog):
    """Damaged vector bytes pass every structural check; the seal written at build time and the spot check
    against fresh encodings do not, so the store is rebuilt instead of silently citing another task."""
    from assistant.search import index as index_module

    real = index_module._load_vectors

    def damaged(store, notice, records):
        vectors, tasks, questions = real(store, notice, records)
        vectors = vectors.copy()
        rows = list(tasks)
        vectors[rows.index(24)] = vectors[rows.index(27)]  # task 24's vector now says task 27
        return vectors, tasks, questions

    monkeypatch.setattr(index_module, "_load_vectors", damaged)
    with caplog.at_level(logging.WARNING, logger="assistant.search.index"):
        reopened = open_index(settings, notice, embeddings)
    assert reopened.built
    assert "stored vectors do not match" in caplog.text


def test_a_different_model_of_the_same_size_changes_the_fingerprint(tmp_path):
    """The weights are hashed, not only measured: same size and config, other bytes, another index."""
    from assistant.search.embeddings import weights_hash

    first, second = tmp_path / "a" / "model.safetensors", tmp_path / "b" / "model.safetensors"
    for path, byte in ((first, b"\0"), (second, b"\1")):
        path.parent.mkdir()
        path.write_bytes(byte * 4096)
    assert weights_hash(first, tmp_path / "cache-a") != weights_hash(second, tmp_path / "cache-b")
    assert weights_hash(first, tmp_path / "cache-a") == weights_hash(first, tmp_path / "cache-a")  # from the cache


def test_opening_a_built_index_leaves_its_files_as_they_were(settings, notice, built):
    """The build leaves Chroma's HNSW index on disk (index.HNSW_SYNC_THRESHOLD), so a process that opens the store
    reads it instead of replaying Chroma's log into a new one and writing it back."""
    from assistant.search import index as index_module

    assert index_module.wrote_in_this_process()  # the build wrote: this process must exit normally
    folder = current_folder(settings)
    vector_files = sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)
    assert vector_files, "the build left no HNSW files on disk"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in vector_files}
    code = (
        "import sys; from pathlib import Path\n"
        "from assistant.settings import Settings; from assistant.notice.load import notice_for\n"
        "from assistant.search import index\n"
        "s = Settings(index_dir=Path(sys.argv[1])); i = index.open_index(s, notice_for(s))\n"
        "print(i.built, index.wrote_in_this_process())"
    )
    done = subprocess.run([sys.executable, "-c", code, str(settings.index_dir)], capture_output=True, text=True,
                          timeout=300)
    assert done.stdout.split() == ["False", "False"], done.stderr[-2000:]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in vector_files} == before
