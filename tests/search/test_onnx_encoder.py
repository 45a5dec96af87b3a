"""The ONNX encoder answers questions; sentence-transformers stays the reference it must match.

Every text the index or the eval embeds gets (almost) the same vector from both, every eval
question gets the same ranking of all 106 tasks from both, and answering never imports torch.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from assistant.answer.parser import search_topic
from assistant.lab import evaluate
from assistant.lab.bench import HELD_OUT_FILES
from assistant.search.aids import load_glosses, load_questions
from assistant.search.index import DEFAULT_RECIPE, documents, encoder_fingerprint, fingerprint, open_index
from assistant.errors import IndexUnavailable
from assistant.search.onnx_encoder import OnnxEmbeddings, is_complete
from assistant.search.retrieve import Searcher
from assistant.settings import DEFAULT_GLOSSES, DEFAULT_QUESTIONS, Settings, packaged_model_path

pytestmark = pytest.mark.slow

MIN_COSINE = 0.9999  # issue 13: the export must not move any vector further than this
EVAL_FILES = (evaluate.DEFAULT_FILE, *HELD_OUT_FILES)


@pytest.fixture(scope="module")
def onnx(searcher):
    """The encoder exported when the session's index was built."""
    return OnnxEmbeddings(searcher.index.encoder)


@pytest.fixture(scope="module")
def onnx_searcher(searcher, onnx, notice):
    """The same index, questions embedded by the ONNX encoder."""
    return Searcher(notice, searcher.index, onnx)


def eval_questions() -> list[str]:
    return [p.question for path in EVAL_FILES for p in evaluate.load_pairs(path)]


def every_text(notice) -> dict[str, list[str]]:
    glosses, asked = load_glosses(DEFAULT_GLOSSES), load_questions(DEFAULT_QUESTIONS)
    questions = eval_questions()
    return {
        "task texts": [t.text for t in notice.tasks],
        "glosses": list(glosses.values()),
        "sample questions": [q for qs in asked.values() for q in qs],
        "indexed documents": [d.page_content for d in documents(notice, DEFAULT_RECIPE, glosses, asked)],
        "eval questions": questions,
        "eval topics (what is embedded)": [search_topic(q) for q in questions],
    }


def cosines(ours, theirs) -> np.ndarray:
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    return (ours * theirs).sum(1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(theirs, axis=1)


def test_every_text_we_embed_gets_the_reference_vector(onnx, embeddings, notice):
    for name, texts in every_text(notice).items():
        assert texts, name
        found = cosines(onnx.embed_documents(texts), embeddings.embed_documents(texts))
        worst = int(np.argmin(found))
        assert found[worst] >= MIN_COSINE, (name, texts[worst], found[worst])


def test_one_question_at_a_time_gets_the_reference_vector(onnx, embeddings):
    questions = eval_questions()[:80]
    ours = [onnx.embed_query(q) for q in questions]
    assert min(cosines(ours, [embeddings.embed_query(q) for q in questions])) >= MIN_COSINE
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)  # unit vectors, as Chroma's cosine expects


def test_a_question_gets_the_same_vector_on_one_thread_or_a_thread_per_core(onnx):
    """A question runs on whichever session has lately been faster (onnx_encoder._ThreadChoice), each tried in turn;
    either way its vector is the same to the bit, so answers never depend on the load."""
    from assistant.search import onnx_encoder

    questions = eval_questions()[:40]
    for question in questions:
        onnx.embed_query(question)
    assert {None, onnx_encoder.QUESTION_THREADS} <= set(onnx._sessions)
    assert all(seconds is not None for seconds in onnx._choice.seconds.values())
    for question in questions:
        one = onnx._run([question], onnx._opened(onnx_encoder.QUESTION_THREADS))
        many = onnx._run([question], onnx._opened(None))
        assert np.array_equal(one, many), question


def test_the_thread_choice_takes_the_faster_session_and_still_tries_the_other():
    from assistant.search.onnx_encoder import EXPLORE_EVERY, QUESTION_THREADS, WARM_UP, _ThreadChoice

    choice = _ThreadChoice()
    assert [choice.pick() for _ in range(WARM_UP)] == [QUESTION_THREADS] * WARM_UP  # a short-lived process: one session
    first = choice.pick()
    choice.record(first, 0.004 if first == QUESTION_THREADS else 0.003)
    second = choice.pick()
    choice.record(second, 0.004 if second == QUESTION_THREADS else 0.003)
    assert {first, second} == {QUESTION_THREADS, None}  # each is tried before any is preferred
    picks = [choice.pick() for _ in range(EXPLORE_EVERY * 4)]
    assert picks.count(None) > picks.count(QUESTION_THREADS) >= 1
    for _ in range(30):  # the load changes: one thread is now faster
        choice.record(None, 0.009)
    assert choice.pick() in (QUESTION_THREADS, None) and choice.seconds[None] > choice.seconds[QUESTION_THREADS]


def test_a_text_longer_than_the_model_reads_is_cut_where_sentence_transformers_cuts_it(onnx, embeddings):
    long = " ".join(["the protection of trade secrets in talent exchange"] * 80)  # far beyond 256 tokens
    cut = " ".join(["the protection of trade secrets in talent exchange"] * 20)
    ours, theirs = onnx.embed_query(long), embeddings.embed_query(long)
    assert cosines([ours], [theirs])[0] >= MIN_COSINE
    assert cosines([ours], [onnx.embed_query(cut)])[0] < 0.9999999  # the cut is not somewhere shorter


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.stem)
def test_every_eval_question_ranks_all_tasks_the_same_with_either_encoder(searcher, onnx_searcher, path):
    for pair in evaluate.load_pairs(path):
        topic = search_topic(pair.question)
        for mode in ("hybrid", "dense"):
            try:
                reference = [h.task for h in searcher.search(topic, k=106, mode=mode)]
            except Exception as error:  # noqa: BLE001 - a refused search must be refused by both
                with pytest.raises(type(error)):
                    onnx_searcher.search(topic, k=106, mode=mode)
                continue
            assert [h.task for h in onnx_searcher.search(topic, k=106, mode=mode)] == reference, (pair.id, mode)


def test_answering_a_topic_question_never_imports_torch_nor_langchain_s_vector_store_and_tracing(searcher):
    """torch (seconds) is for building; langchain_chroma and LangChain's runnables import langsmith (0.25 to 0.4 s),
    which a process that answers without a tracer does not need; nor does an English question need the Chinese
    reading (0.1 s)."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom assistant.answer.chain import Assistant\n"
        "from assistant.settings import Settings\n"
        "answer = Assistant(Settings(index_dir=Path(sys.argv[1]))).ask('Who protects trade secrets when staff change jobs?')\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'langchain_chroma', 'langsmith',\n"
        "                          'assistant.answer.vocabulary_zh', 'assistant.notice.mentions_zh') if m in sys.modules)\n"
        "print(answer.citations[0], heavy)\n"
    )
    untraced = {k: v for k, v in os.environ.items() if not k.startswith(("LANGSMITH_", "LANGCHAIN_"))}
    done = subprocess.run([sys.executable, "-c", code, str(searcher.index.encoder.parent)],
                          capture_output=True, text=True, timeout=300, env=untraced)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["24", "[]"], done.stdout + done.stderr[-2000:]


def test_an_index_built_without_the_onnx_files_exports_them_once_with_one_log_line(settings, notice, embeddings,
                                                                                      caplog):
    first = open_index(settings, notice, embeddings)
    shutil.rmtree(first.encoder)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="assistant.search.index"):
        again = open_index(settings, notice)
    assert not again.built and again.location == first.location  # the store is kept, only the encoder is made
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"exporting the ONNX encoder to {first.encoder} (the index was built without it)"]
    assert isinstance(again.embeddings, OnnxEmbeddings) and again.encoder == first.encoder
    assert again.embeddings.embed_query("trade secrets") == pytest.approx(embeddings.embed_query("trade secrets"),
                                                                          abs=1e-3)


def test_a_changed_model_names_a_new_encoder_and_a_new_index(settings, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(packaged_model_path(), model, ignore=shutil.ignore_patterns("*.safetensors"))
    (model / "model.safetensors").symlink_to(packaged_model_path() / "model.safetensors")
    same = replace(settings, model_path=model)
    assert encoder_fingerprint(same) == encoder_fingerprint(settings)
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps({**config, "layer_norm_eps": 1e-6}))
    assert encoder_fingerprint(same) != encoder_fingerprint(settings)
    assert fingerprint(same) != fingerprint(settings)  # the index is rebuilt with it


def test_in_memory_scores_are_chromas_own(searcher, onnx, notice):
    """Searches score the vectors read from Chroma; Chroma ranks them the same and gives the same cosines."""
    index = searcher.index
    for question in ("Who protects trade secrets?", "customs seizures of fake goods", "patent pledge financing"):
        vector = onnx.embed_query(question)
        mine = index.cosines(vector)
        chroma = index.nearest(vector, None)
        rows = {(int(t), bool(q)): [] for t, q in zip(index.record_tasks, index.record_is_question)}
        for row, (t, q) in enumerate(zip(index.record_tasks, index.record_is_question)):
            rows[(int(t), bool(q))].append(float(mine[row]))
        for near in chroma:
            assert any(abs(s - near.similarity) < 1e-5 for s in rows[(near.task, near.kind == "question")])
        assert chroma[0].similarity == pytest.approx(float(mine.max()), abs=1e-5)


def test_the_warm_start_hands_its_searcher_to_the_first_open(searcher, notice):
    from assistant.search import warm
    from assistant.search.retrieve import open_retriever

    settings = Settings(index_dir=searcher.index.encoder.parent, model_path=packaged_model_path())
    started = warm.start(settings)
    assert warm.start(settings) is started  # once per settings
    first = open_retriever(settings, notice)
    assert first is started.result() and isinstance(first.embeddings, OnnxEmbeddings)
    assert first.search("trade secrets", k=1)[0].task == 24
    assert open_retriever(settings, notice) is not first  # later callers open their own


def test_a_failed_warm_start_is_raised_where_the_searcher_is_asked_for(tmp_path, notice):
    from assistant.search import warm
    from assistant.search.retrieve import open_retriever

    broken = Settings(index_dir=tmp_path / "index", model_path=tmp_path / "no-model")
    warm.start(broken)
    with pytest.raises(IndexUnavailable, match="the embedding model is not at"):
        open_retriever(broken, notice)


def test_an_export_that_fails_during_the_build_is_raised_by_the_build_and_a_retry_completes_it(
        settings, notice, embeddings, monkeypatch):
    """The export's failure is the build's one clear error, nothing half-made is kept, and the next open exports
    again."""
    from assistant.search import index as index_module

    real = index_module.export

    def drifted(model, source, folder):
        raise IndexUnavailable.export_mismatch(0.5)

    monkeypatch.setattr(index_module, "export", drifted)
    with pytest.raises(IndexUnavailable, match="0.5"):
        open_index(settings, notice, embeddings)
    assert not list((settings.index_dir).glob("onnx-*"))
    monkeypatch.setattr(index_module, "export", real)
    opened = open_index(settings, notice, embeddings)
    assert is_complete(opened.encoder) and opened.embeddings.embed_query("trade secrets") == pytest.approx(
        embeddings.embed_query("trade secrets"), abs=1e-3)
