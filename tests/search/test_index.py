"""The Chroma index: built once, reused, rebuilt when stale or broken, safe with two builders."""

from __future__ import annotations

import json
import logging
import os
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


def in_a_new_process(settings, *lines: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Runs `lines` in a new Python process, with `s` (these settings' index folder) and `notice_for` at hand:
    Chroma keeps a store it has opened in memory for the life of the process, so only a new one reads it afresh."""
    code = "\n".join(("import sys; from pathlib import Path",
                      "from assistant.settings import Settings; from assistant.notice.load import notice_for",
                      "s = Settings(index_dir=Path(sys.argv[1]))", *lines))
    return subprocess.run([sys.executable, "-c", code, str(settings.index_dir)], capture_output=True, text=True,
                          timeout=timeout)


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


def test_rebuild_on_request_keeps_the_replaced_store_until_the_next_switch(settings, notice, embeddings, built):
    """A process that read CURRENT just before a switch may still be reading the store it named; that store
    goes at the switch after, and nothing else is left behind (issue 11, defect 22)."""
    again = open_index(settings, notice, embeddings, rebuild=True)
    assert again.built and again.location != built.location
    assert Path(built.location).is_dir() and built.nearest(built.vectors[0], None)[0].task == 1
    third = open_index(settings, notice, embeddings, rebuild=True)
    assert not Path(built.location).exists()
    assert {p.name for p in settings.index_dir.glob("chroma-*")} == {Path(again.location).name,
                                                                     Path(third.location).name}


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


# --- a rebuild never pulls an index from under a running process (issue 11, defects 6 and 22) ------------

from tests.search.test_retrieve import chroma_server  # noqa: E402,F401 - the fixture: `chroma run` on 127.0.0.1


def one_question(tmp_path, text: str = "Who keeps company recipes secret?") -> Path:
    """A sample-questions file holding one question: its index has 107 records and builds in a second or two."""
    path = tmp_path / f"questions-{abs(hash(text))}.jsonl"
    path.write_text(json.dumps({"task": 24, "questions": [text]}) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def remote(chroma_server, settings):
    """Settings for the module's Chroma server, emptied first: every test starts from a server with nothing."""
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    for collection in client.list_collections():
        client.delete_collection(collection.name)
    return replace(settings, chroma_host="127.0.0.1", chroma_port=chroma_server)


def server_collections(remote) -> set[str]:
    import chromadb

    return {c.name for c in chromadb.HttpClient(host="127.0.0.1", port=remote.chroma_port).list_collections()}


@pytest.mark.server
def test_a_rebuild_on_a_server_leaves_running_processes_answering(remote, notice, embeddings):
    """`ipqa index --rebuild` in another process writes a new collection and switches the pointer: the process
    that opened the old one keeps answering, searches and `nearest` alike, and a process opening afterwards
    reads the new one. (It used to delete the collection in use: `NotFoundError` until restarted.)"""
    from assistant.search.retrieve import open_retriever

    running = open_retriever(remote, notice, embeddings=embeddings)
    assert running.index.built
    asked = [h.task for h in running.search("protecting know-how when staff change jobs", k=3)]
    env = {**os.environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(remote.chroma_port),
           "IPQA_INDEX_DIR": str(remote.index_dir)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "index", "--rebuild"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    new_location = done.stdout.split(" at ")[-1].strip()
    assert done.stdout.startswith("Built 106 tasks") and new_location != running.index.location

    assert [h.task for h in running.search("protecting know-how when staff change jobs", k=3)] == asked
    assert running.index.nearest(running.index.vectors[0], None)[0].task == int(running.index.record_tasks[0])
    assert running.index.store._collection.count() == running.index.records

    opened_after = open_index(remote, notice, embeddings)
    assert not opened_after.built and opened_after.location == new_location
    assert [h.task for h in open_retriever(remote, notice, embeddings=embeddings).search(
        "protecting know-how when staff change jobs", k=3)] == asked


@pytest.mark.server
def test_after_a_switch_on_a_server_only_collections_no_process_needs_are_removed(remote, notice, embeddings,
                                                                                   tmp_path):
    """What goes and what stays after a switch (see `_remove_unused_collections` for why each is safe)."""
    import time

    import chromadb

    from assistant.search.index import BUILD_GRACE_SECONDS, fingerprint

    client = chromadb.HttpClient(host="127.0.0.1", port=remote.chroma_port)
    small = replace(remote, questions=one_question(tmp_path))
    other_settings = replace(remote, questions=one_question(tmp_path, "Who guards trade secrets?"))
    other = open_index(other_settings, notice, embeddings)  # an older fingerprint's index, on the same server
    fp = fingerprint(small)
    killed = client.create_collection(f"ipqa-tasks-{fp}-deadbeef",
                                      metadata={"started": time.time() - 2 * BUILD_GRACE_SECONDS})
    in_progress = client.create_collection(f"ipqa-tasks-{fp}-0000beef", metadata={"started": time.time()})
    old_naming = client.create_collection(f"ipqa-tasks-{fp}")
    assert {killed.name, in_progress.name, old_naming.name, other.location.rsplit("/", 1)[1]} < server_collections(remote)

    first = open_index(small, notice, embeddings)
    name = first.location.rsplit("/", 1)[1]
    assert first.built and server_collections(remote) == {"ipqa-tasks-current", name, in_progress.name}
    assert client.get_collection("ipqa-tasks-current").get()["ids"] == [fp]  # the other fingerprint's pointer too

    second = open_index(small, notice, embeddings, rebuild=True)
    second_name = second.location.rsplit("/", 1)[1]
    assert server_collections(remote) == {"ipqa-tasks-current", name, second_name, in_progress.name}
    assert first.nearest(first.vectors[0], None)  # the replaced build still answers a process holding it

    third = open_index(small, notice, embeddings, rebuild=True)
    assert server_collections(remote) == {"ipqa-tasks-current", second_name, third.location.rsplit("/", 1)[1],
                                          in_progress.name}
    assert not open_index(small, notice, embeddings).built  # and the pointer still leads to the newest


def test_a_builder_killed_mid_build_leaves_an_orphan_the_next_open_removes(settings, notice, embeddings, built):
    """`kill -9` during `ipqa index --rebuild`: the half-written store is left behind, CURRENT still names the
    whole one, and the next process to take the lock removes the orphan (no builder can be writing it: every
    builder holds the lock until its switch)."""
    import signal
    import time

    code = (
        "import sys; from pathlib import Path\n"
        "from assistant.settings import Settings; from assistant.notice.load import notice_for\n"
        "from assistant.search.index import open_index\n"
        "s = Settings(index_dir=Path(sys.argv[1])); open_index(s, notice_for(s), rebuild=True)\n"
    )
    builder = subprocess.Popen([sys.executable, "-c", code, str(settings.index_dir)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    whole = current_folder(settings)
    deadline = time.monotonic() + 300
    while not [p for p in settings.index_dir.glob("chroma-*") if p != whole]:
        assert builder.poll() is None and time.monotonic() < deadline, "the builder ended before writing"
        time.sleep(0.02)
    os.kill(builder.pid, signal.SIGKILL)
    assert builder.wait() == -signal.SIGKILL
    orphans = [p for p in settings.index_dir.glob("chroma-*") if p != whole]
    assert orphans and current_folder(settings) == whole

    again = open_index(settings, notice, embeddings)
    assert not again.built and again.location == str(whole)
    assert list(settings.index_dir.glob("chroma-*")) == [whole]


# --- an index folder that cannot be written is read without the lock (issue 11, defect 11) ----------------

def snapshot(folder: Path) -> dict[str, object]:
    """Every path under `folder` with its bytes (files), its target (links) or None (folders)."""
    return {str(p.relative_to(folder)): (os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_a_folder_where_no_lock_can_be_taken_is_read_without_one_and_never_written(settings, notice, embeddings,
                                                                                   built, tmp_path):
    """The folder's `.lock` is made a symlink through a regular file, so opening it to write fails with ENOTDIR for
    every user. Root included: the tests may run as root, whom permission bits (chmod) do not stop, so a test
    built on them would pass for the wrong reason there; and the code does not look at permission bits at all,
    it treats any OSError taking the lock as "this folder cannot be written". Since this folder could in fact be
    written, the test also shows nothing was: every byte under it is the same after answering and after a
    refused rebuild. (The next test does the same with real permission bits.)"""
    from click.testing import CliRunner

    from assistant.cli import cli
    from assistant.search.retrieve import Searcher

    (settings.index_dir / ".lock").unlink()
    (settings.index_dir / "a-file").write_text("", encoding="utf-8")
    (settings.index_dir / ".lock").symlink_to(settings.index_dir / "a-file" / "lock")
    before = snapshot(settings.index_dir)

    reopened = open_index(settings, notice, embeddings)
    assert not reopened.built and reopened.location == built.location
    assert Searcher(notice, reopened, reopened.embeddings).search("trade secrets in talent exchange", k=1)[0].task == 24
    rebuilt = CliRunner().invoke(cli, ["index", "--rebuild"], env={"IPQA_INDEX_DIR": str(settings.index_dir)})
    assert rebuilt.exit_code == 2
    assert rebuilt.stderr.strip().splitlines() == [
        f"Error: cannot rebuild the index in {settings.index_dir}: the folder is read-only (its index can still be "
        "read); make it writable, or set IPQA_INDEX_DIR to a folder you can write"]
    with pytest.raises(IndexUnavailable, match=r"is read-only and its index needs building \(the corpus"):
        open_index(replace(settings, questions=one_question(tmp_path)), notice, embeddings)  # stale: one line too
    assert snapshot(settings.index_dir) == before


def read_only_view(index_dir: Path) -> list[str] | None:
    """A command prefix under which `index_dir` cannot be written, or None where this machine offers none.

    Permission bits do not bind root, and the tests may run as root (CI does). So as root the folder is
    bind-mounted read-only onto itself in a private mount namespace (`unshare --mount`: it needs the
    CAP_SYS_ADMIN a root container normally has), and every write under it fails with EROFS, root's too;
    a non-root user gets `chmod a-w`. Running as `nobody` instead fails here: the interpreter lives under
    /root, which only root may enter. Either way a `touch` under the folder must fail first."""
    if os.geteuid() != 0:
        for path in [index_dir, *index_dir.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        prefix = []
    else:
        prefix = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                  'mount --bind -o ro "$0" "$0" && exec "$@"', str(index_dir)]
    try:
        probe = subprocess.run([*prefix, "touch", str(index_dir / "probe")], capture_output=True, text=True)
    except OSError:
        return None
    refused = probe.returncode != 0 and ("Read-only file system" in probe.stderr or "Permission denied" in probe.stderr)
    return prefix if refused else None


def test_a_read_only_index_folder_answers_and_a_rebuild_there_is_one_line(tmp_path, notice, embeddings):
    """A folder holding a valid index that no one can write (see `read_only_view` for how, as root too):
    `ipqa ask` answers from it, and `ipqa index --rebuild` is one line and exit status 2."""
    from assistant.settings import Settings, packaged_model_path

    index_dir = tmp_path / "index"
    open_index(Settings(index_dir=index_dir, model_path=packaged_model_path()), notice, embeddings)
    try:
        prefix = read_only_view(index_dir)
        if prefix is None:
            pytest.skip("no way to make a folder read-only here: not root-free, and no mount namespace")
        env = {**os.environ, "IPQA_INDEX_DIR": str(index_dir)}

        def ipqa(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([*prefix, sys.executable, "-m", "assistant.cli", *args], env=env,
                                  capture_output=True, text=True, timeout=600)

        answered = ipqa("ask", "Who leads trade secret protection?")
        assert answered.returncode == 0, answered.stderr
        assert "[Task 24]" in answered.stdout and "Traceback" not in answered.stderr
        rebuilt = ipqa("index", "--rebuild")
        assert rebuilt.returncode == 2 and "Traceback" not in rebuilt.stderr
        assert rebuilt.stderr.strip().splitlines() == [
            f"Error: cannot rebuild the index in {index_dir}: the folder is read-only (its index can still be "
            "read); make it writable, or set IPQA_INDEX_DIR to a folder you can write"]
    finally:
        for path in [index_dir, *index_dir.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_vector_bytes_damaged_inside_the_database_are_caught_and_rebuilt(settings, notice, embeddings, built):
    """The audit's case, on the real bytes: task 27's vector written over task 24's inside chroma.sqlite3. SQLite's
    integrity check passes and Chroma serves the damaged vector (the audit saw task 27 cited for a question on
    task 24); the seal written at build time catches it, and the index is rebuilt. The store is reopened in a
    new process, as Chroma keeps a store it has opened in memory for the life of the process."""
    import sqlite3

    database = current_folder(settings) / "chroma.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE embeddings_queue SET vector = (SELECT vector FROM embeddings_queue WHERE id = '27') "
                           "WHERE id = '24'")
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    done = in_a_new_process(settings, "from assistant.search.retrieve import open_retriever",
                            "r = open_retriever(s, notice_for(s))",
                            "print(r.index.built, r.search('strengthen the protection of trade secrets in talent "
                            "exchange', k=1)[0].task)", timeout=600)
    assert done.returncode == 0, done.stderr
    rebuilt, task = done.stdout.split()
    # Never a silently wrong answer. Since the build leaves the HNSW index on disk (HNSW_SYNC_THRESHOLD), Chroma
    # serves the vectors from it, not from this queue: the damaged bytes are then never read, and nothing needs
    # rebuilding. Where they are read, the seal catches them and the index is rebuilt.
    assert task == "24"
    assert (rebuilt == "True") == ("its stored vectors do not match the model" in done.stderr)


def test_opening_a_built_index_leaves_its_files_as_they_were(settings, notice, built):
    """The build leaves Chroma's HNSW index on disk (index.HNSW_SYNC_THRESHOLD), so a process that opens the store
    reads it instead of replaying Chroma's log into a new one and writing it back."""
    from assistant.search import index as index_module

    assert index_module.wrote_in_this_process()  # the build wrote: this process must exit normally
    folder = current_folder(settings)
    vector_files = sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)
    assert vector_files, "the build left no HNSW files on disk"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in vector_files}
    done = in_a_new_process(settings, "from assistant.search import index", "i = index.open_index(s, notice_for(s))",
                            "print(i.built, index.wrote_in_this_process())")
    assert done.stdout.split() == ["False", "False"], done.stderr[-2000:]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in vector_files} == before
