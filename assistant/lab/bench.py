"""`ipqa bench`: the figures we choose by (build time, latency, cold starts, retrieval quality by mode).

Timings are measured here and reported, never asserted in tests: these
machines are shared and noisy. Retrieval quality uses the eval set's
questions that need a search (no task number, one or two right tasks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from assistant.answer.parser import search_topic
from assistant.lab import evaluate
from assistant.notice.records import Notice
from assistant.settings import ROOT, Settings
from assistant.notice.mentions import task_numbers

# Fixed questions for the warm latency figures (a mix of searches and look-ups).
LATENCY_QUESTIONS = (
    "Who leads trade secret protection?",
    "Which agency handles customs protection of intellectual property?",
    "Who is in charge of geographical indications?",
    "What does task 57 say?",
    "Which tasks does the Ministry of Commerce lead?",
    "Who promotes patent pledge financing?",
    "Is task 24 led by the Copyright Bureau?",
    "What does part 5 cover?",
    "How many tasks does SIPO lead?",
    "Who protects plant varieties?",
    "Who works on intellectual property in e-commerce platforms?",
    "What is the weather in Beijing?",
)
# Questions the notice does not answer, not in the eval set: how often the assistant wrongly answers them.
OFF_TOPIC_PROBES = (
    "What is the best stock market index fund for beginners?", "Which data platform should a startup use?",
    "How do I reset my email password?", "What time does the Beijing subway close?",
    "Recommend a good restaurant in Shanghai.", "Who is the president of France?", "How many people live in China?",
    "What is the capital of Australia?", "Explain quantum computing in simple terms.",
    "Which university has the best computer science programme?", "How do I apply for a Chinese work visa?",
    "What is the exchange rate of the yuan to the dollar?", "Write a poem about autumn.",
    "Which phone has the best camera?", "What are the symptoms of the flu?", "How do I improve my credit score?",
    "What online services help small businesses with accounting?",
    "Tell me about international cooperation on climate change.", "Who regulates banks in the United Kingdom?",
    "What is the tax rate on dividends in China?",
)
# Paraphrases written blind to the search aids and the assistant: the check that aids written from the
# notice help questions nobody tuned them on (eval/README.md, "Held-out paraphrases").
HELD_OUT_FILES = (evaluate.EVAL_DIR / "heldout.jsonl", evaluate.EVAL_DIR / "heldout-2.jsonl")
SEARCH_TYPES = ("topic", "paraphrase", "lead", "participants", "abbreviation")
COLD_COMMANDS = (("ipqa task 24", ["task", "24"]), ("ipqa tasks --agency SIPO", ["tasks", "--agency", "SIPO"]),
                 ("ipqa agencies", ["agencies"]))


def search_questions(pairs: list[evaluate.Pair]) -> list[evaluate.Pair]:
    """Pairs whose answer needs a search: no task number named, no history, one or two right tasks."""
    return [p for p in pairs if p.type in SEARCH_TYPES and not p.history and 1 <= len(p.expected_tasks) <= 2
            and p.expected_count is None and not task_numbers(p.question)[0]]


def retrieval_quality(searcher, pairs: list[evaluate.Pair], mode: str) -> dict:
    hit1, recall5 = [], []
    for pair in pairs:
        ranked = [h.task for h in searcher.search(search_topic(pair.question), k=5, mode=mode)]
        expected = set(pair.expected_tasks)
        hit1.append(float(bool(ranked) and ranked[0] in expected))
        recall5.append(len(expected & set(ranked)) / len(expected))
    return {"hit@1": evaluate.mean(hit1), "recall@5": evaluate.mean(recall5), "questions": len(pairs)}


def held_out(path: Path) -> list[evaluate.Pair]:
    """A held-out set's paraphrases that need a search; none if the file is missing."""
    return search_questions(evaluate.load_pairs(path)) if path.is_file() else []


def _latencies(call, items) -> dict:
    seconds = []
    for item in items:
        started = time.perf_counter()
        call(item)
        seconds.append(time.perf_counter() - started)
    return {"p50_ms": evaluate._ms(evaluate.percentile(seconds, 50)),
            "p95_ms": evaluate._ms(evaluate.percentile(seconds, 95)), "n": len(seconds)}


def _fresh_process(code: str, settings: Settings) -> float:
    env = {**os.environ, "IPQA_INDEX_DIR": str(settings.index_dir), "IPQA_CORPUS": str(settings.corpus)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def cold_starts(settings: Settings) -> dict:
    """Seconds from a new Python process to a look-up that needs no model, with the index already on disk."""
    figures = {}
    for label, args in COLD_COMMANDS:
        code = ("import sys; from assistant.cli import cli\n"
                f"try: cli({args!r}, prog_name='ipqa', standalone_mode=False)\n"
                "finally: assert 'torch' not in sys.modules, 'torch was imported'")
        figures[f"{label} (new process, no torch)"] = _fresh_process(code, settings)
    return {k: round(v, 2) for k, v in figures.items()}


def relevance(bot) -> dict:
    """Both sides of the refusal bars: in-scope eval questions refused, off-topic probes answered."""
    in_scope = [p for p in evaluate.load_pairs() if not p.refusal_expected and not p.history]
    answers = {p.id: bot.ask(p.question) for p in in_scope}
    refused = [i for i, a in answers.items() if a.refused]
    answered = [q for q in OFF_TOPIC_PROBES if not bot.ask(q).refused]
    single = [p for p in in_scope if len(p.expected_tasks) == 1 and answers[p.id].citations]
    wrong = [p.id for p in single if answers[p.id].citations[0] not in p.expected_tasks]
    close = [p.id for p in single if "Close call:" in answers[p.id].text]
    return {"in-scope eval questions refused": f"{len(refused)} of {len(in_scope)} {refused}",
            "off-topic probes answered": f"{len(answered)} of {len(OFF_TOPIC_PROBES)} {answered}",
            "close calls flagged (single-task answers)": f"{len(close)} of {len(single)}; "
                                                         f"wrong first citations flagged: "
                                                         f"{len(set(wrong) & set(close))} of {len(wrong)} {wrong}"}


def run(settings: Settings, notice: Notice, *, recipes: bool = False, browser: bool = True) -> dict:
    from assistant.answer.chain import Assistant
    from assistant.lab import speed
    from assistant.lab.baseline import PlainRag
    from assistant.search.embeddings import SentenceEmbeddings
    from assistant.search.index import RECIPES, open_index
    from assistant.search.retrieve import Searcher

    report: dict = {}
    started = time.perf_counter()
    reference = SentenceEmbeddings(settings)
    report["model load, sentence-transformers (s)"] = round(time.perf_counter() - started, 2)
    pairs = search_questions(evaluate.load_pairs())
    with tempfile.TemporaryDirectory(prefix="ipqa-bench-") as folder:
        fresh = replace(settings, index_dir=Path(folder) / "index", chroma_host=None)
        built = open_index(fresh, notice, reference)
        report["index build, cold (s)"] = round(built.seconds, 2)
        report["index build: where the time goes (s)"] = {k: round(v, 2) for k, v in built.timings.items()}
        index = open_index(fresh, notice)  # as an answering process opens it: the ONNX encoder
        report["index open, built (s)"] = round(index.seconds, 3)
        searcher = Searcher(notice, index, index.embeddings)
        reference_searcher = Searcher(notice, built, reference)
        report["retrieval"] = {mode: retrieval_quality(searcher, pairs, mode) for mode in ("dense", "lexical", "hybrid")}
        sets = {"eval set": pairs, **{path.stem: held_out(path) for path in HELD_OUT_FILES}}
        report["ONNX encoder vs sentence-transformers"] = parity(searcher, reference_searcher)
        no_questions = replace(fresh, index_dir=Path(folder) / "no-questions", questions=Path(folder) / "none.jsonl")
        without_index = open_index(no_questions, notice, reference)
        without = Searcher(notice, without_index, index.embeddings)
        report["sample questions (hybrid hit@1 / recall@5)"] = {
            name: {label: retrieval_quality(chosen, questions, "hybrid") for label, questions in sets.items()}
            for name, chosen in (("with", searcher), ("without", without))}
        report["search latency, warm"] = _latencies(lambda q: searcher.search(search_topic(q)), LATENCY_QUESTIONS * 5)
        bot = Assistant(fresh, retriever=searcher)
        report["answer latency, warm"] = _latencies(bot.ask, LATENCY_QUESTIONS * 5)
        report["warm path profile (p50 ms)"] = warm_profile(searcher, bot)
        report["relevance (refusal bars)"] = relevance(bot)
        report["project bytecode compiled before new processes are timed (as make run does)"] = \
            speed.compile_bytecode()
        rag_folder = Path(folder) / "baseline"
        building = time.perf_counter()
        rag = PlainRag(fresh.corpus, reference, rag_folder, notice.last_task)
        rag_build = time.perf_counter() - building
        report["speed, beside the plain-RAG baseline"] = speed_table(
            fresh, bot, rag, rag_folder, built.seconds, rag_build, browser=browser)
        report["cold start of an answering process (s)"] = speed.cold_breakdown(fresh)
        report["cold starts (s)"] = cold_starts(fresh)
        if recipes:
            report["recipes (dense / hybrid)"] = {}
            for recipe in RECIPES:
                recipe_settings = replace(fresh, index_dir=Path(folder) / f"recipe-{len(report['recipes (dense / hybrid)'])}")
                recipe_index = open_index(recipe_settings, notice, reference, recipe=recipe)
                recipe_searcher = Searcher(notice, recipe_index, reference)
                report["recipes (dense / hybrid)"][recipe] = {
                    mode: retrieval_quality(recipe_searcher, pairs, mode) for mode in ("dense", "hybrid")}
            report["what BM25 reads (lexical / hybrid)"] = {}
            for recipe in ("heading+text", "heading+text+gloss"):
                lexical = Searcher(notice, index, index.embeddings, lexical_recipe=recipe)
                report["what BM25 reads (lexical / hybrid)"][recipe] = {
                    mode: retrieval_quality(lexical, pairs, mode) for mode in ("lexical", "hybrid")}
    return report


def parity(searcher, reference) -> dict:
    """Questions of every eval set whose ranking of all 106 tasks differs between the two encoders, and the
    lowest cosine between their question vectors."""
    import numpy as np

    report = {}
    for path in (evaluate.DEFAULT_FILE, *HELD_OUT_FILES):
        questions = [p.question for p in evaluate.load_pairs(path)] if path.is_file() else []
        differ, lowest = 0, 1.0
        for question in questions:
            ranked = [_ranking(s, question) for s in (searcher, reference)]
            differ += ranked[0] != ranked[1]
            ours, theirs = (np.asarray(s.embeddings.embed_query(question)) for s in (searcher, reference))
            lowest = min(lowest, float(ours @ theirs / np.linalg.norm(ours) / np.linalg.norm(theirs)))
        report[path.stem] = f"{differ} of {len(questions)} rankings differ; largest 1 - cosine {1 - lowest:.1e}"
    return report


def _ranking(searcher, question: str) -> list[int] | str:
    try:
        return [h.task for h in searcher.search(search_topic(question), k=106)]
    except Exception as error:  # noqa: BLE001 - a refused search must be refused by both
        return type(error).__name__


def warm_profile(searcher, bot) -> dict:
    """Median milliseconds of each step of a warm answer, over the latency questions."""
    topics = [search_topic(q) for q in LATENCY_QUESTIONS] * 5
    vectors = [searcher.embeddings.embed_query(t) for t in topics]
    candidates = list(searcher.notice.tasks)
    steps = {
        "encode the question (ONNX)": _latencies(searcher.embeddings.embed_query, topics),
        "score 742 vectors in memory": _latencies(searcher.index.cosines, vectors),
        "dense similarities per task": _latencies(lambda t: searcher._dense(t, candidates), topics),
        "Chroma query instead (not used)": _latencies(lambda v: searcher.index.nearest(v, None), vectors),
        "BM25": _latencies(lambda t: searcher._lexical(t, candidates), topics),
        "whole search": _latencies(lambda q: searcher.search(search_topic(q)), LATENCY_QUESTIONS * 5),
        "whole answer": _latencies(bot.ask, LATENCY_QUESTIONS * 5),
    }
    return {step: figures["p50_ms"] for step, figures in steps.items()}


def speed_table(settings: Settings, bot, rag, rag_folder: Path, build_s: float, rag_build_s: float, *,
                browser: bool) -> dict:
    """Issue 13's table: ours, the plain-RAG baseline, and ours / baseline."""
    from assistant.lab import speed

    ask = speed.best_of(3, ["-m", "assistant.cli", "ask", speed.ASK], settings)
    rag_ask = speed.best_of(3, ["-c", speed.BASELINE_ASK, str(rag_folder), speed.ASK], settings)
    task = speed.best_of(3, ["-m", "assistant.cli", "task", "24"], settings)
    ours_warm = _latencies(bot.ask, LATENCY_QUESTIONS * 5)
    rag_warm = _latencies(rag.ask, LATENCY_QUESTIONS * 5)
    rows = {
        "answer in a new process (s)": (ask.seconds, rag_ask.seconds),
        "peak memory of that process (MiB)": (ask.peak_mib, rag_ask.peak_mib),
        "ipqa task 24, new process (s)": (task.seconds, None),
        "ipqa task 24, peak memory (MiB)": (task.peak_mib, None),
        "warm answer p50 (ms)": (ours_warm["p50_ms"], rag_warm["p50_ms"]),
        "warm answer p95 (ms)": (ours_warm["p95_ms"], rag_warm["p95_ms"]),
        "index build, cold (s)": (build_s, rag_build_s),
        "import onnxruntime, tokenizers (s)": (speed.import_seconds("onnxruntime, tokenizers", settings), None),
    }
    if browser and speed.CHROMIUM.exists():
        try:
            served = speed.first_visit(settings)
            plain = speed.first_visit(settings, ROOT / "app.py")
        except Exception as error:  # noqa: BLE001 - a figure missing is reported, the rest still stands
            rows[f"app first visitor: not measured ({type(error).__name__}: {str(error)[:120]})"] = (None, None)
        else:
            for label, figures in (("make run (serve.py)", served), ("streamlit run app.py", plain)):
                for what, seconds in figures.items():
                    rows[f"app first visitor, {label}: {what}"] = (seconds, None)
    return {label: {"ours": _round(ours), "baseline": _round(base), "ratio": speed.ratio(ours, base)}
            for label, (ours, base) in rows.items()}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _quality(figures: dict) -> str:
    if not figures["questions"]:
        return "-"
    return f"{figures['hit@1']:.3f} / {figures['recall@5']:.3f} (n={figures['questions']})"


def format_report(report: dict) -> str:
    lines = []
    for key, value in report.items():
        if key == "retrieval":
            lines += [f"\nRetrieval on {value['hybrid']['questions']} eval questions that need a search:",
                      "| mode | hit@1 | recall@5 |", "|---|---|---|"]
            lines += [f"| {mode} | {v['hit@1']:.3f} | {v['recall@5']:.3f} |" for mode, v in value.items()]
        elif key.startswith("sample questions"):
            sets = list(next(iter(value.values())))
            lines += [f"\n{key}:", "| sample questions | " + " | ".join(sets) + " |", "|---" * (len(sets) + 1) + "|"]
            lines += [f"| {name} | " + " | ".join(_quality(v[s]) for s in sets) + " |" for name, v in value.items()]
        elif key.startswith(("recipes", "what BM25")):
            first, second = next(iter(value.values()))
            lines += [f"\n{key} (hit@1 / recall@5):", f"| recipe | {first} | {second} |", "|---|---|---|"]
            lines += [f"| {recipe} | {v[first]['hit@1']:.3f} / {v[first]['recall@5']:.3f} | "
                      f"{v[second]['hit@1']:.3f} / {v[second]['recall@5']:.3f} |" for recipe, v in value.items()]
        elif key.startswith("speed"):
            lines += [f"\n{key}:", "| figure | ours | plain RAG | ours / plain RAG |", "|---|---|---|---|"]
            lines += [f"| {label} | {_cell(v['ours'])} | {_cell(v['baseline'])} | {_cell(v['ratio'])} |"
                      for label, v in value.items()]
        elif isinstance(value, dict) and "p50_ms" in value:
            lines.append(f"{key}: p50 {value['p50_ms']} ms, p95 {value['p95_ms']} ms over {value['n']} questions")
        elif isinstance(value, dict):
            lines.append(f"\n{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


# --- `ipqa bench --check`: a 100-page document through `ipqa check` -----------------------------------

CHECK_PAGES = 100


def check_document(folder: Path, pages: int = CHECK_PAGES) -> Path:
    """A PDF of `pages` full pages from the blind documents' paragraphs (eval/check), each copy of a paragraph
    made distinct ("In region 3, ...") so the topic cache cannot flatter the timing."""
    from assistant.lab import check_eval
    from assistant.lab.documents import write_pdf

    paragraphs = []
    for path in sorted(check_eval.CHECK_DIR.glob("doc*")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    copies = [f"In region {k}, {p[0].lower()}{p[1:]}" if k else p for k in range(40) for p in paragraphs]
    return write_pdf(folder / f"check-{pages}-pages.pdf", copies, pages=pages)


def check_timings(settings: Settings, notice: Notice) -> dict:
    """Seconds for `ipqa check` on a 100-page PDF in a new process (model load included), and warm; and the
    topic sweep that chose the topic check's numbers (assistant/check/verify.py)."""
    from assistant.check import check_files, check_text
    from assistant.lab import check_eval
    from assistant.search.retrieve import open_retriever

    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="ipqa-bench-check-") as folder:
        pdf = check_document(Path(folder))
        env = {**os.environ, "IPQA_INDEX_DIR": str(settings.index_dir), "IPQA_CORPUS": str(settings.corpus)}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "assistant.cli", "check", str(pdf), "--json"], env=env,
                              capture_output=True, text=True)
        report[f"ipqa check, {CHECK_PAGES}-page PDF, new process (s)"] = round(time.perf_counter() - started, 2)
        searcher = open_retriever(settings, notice)
        started = time.perf_counter()
        structural = check_files([pdf], settings=settings, notice=notice, topics=False)
        report["read and check without topics (s)"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        full = check_files([pdf], settings=settings, notice=notice, searcher=searcher)
        report["read and check with topics, model loaded (s)"] = round(time.perf_counter() - started, 2)
        report["... the same with torch on one thread (s)"] = _one_thread(
            lambda: check_files([pdf], settings=settings, notice=notice, searcher=searcher))
        report["load average when measured (1 / 5 / 15 min)"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        report["document"] = (f"{CHECK_PAGES} pages, {full.passages} sentences, {len(full.citations)} citations "
                              f"({done.returncode=} in the new process; {structural.summary()})")
        report["topic sweep (held-out labels cited right, as a neighbour, as a far task)"] = check_eval.topic_sweep(
            lambda text: check_text(text, settings=settings, notice=notice, searcher=searcher), notice)
    return report


def _one_thread(call) -> float:
    """Seconds for `call` with torch on one thread: on a shared, busy machine two threads wait on each other
    (the embedding ran 2.5 times slower with two, at a load average of 5 on 2 cores)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        started = time.perf_counter()
        call()
        return round(time.perf_counter() - started, 2)
    finally:
        torch.set_num_threads(threads)


def _cell(value) -> str:
    return "-" if value is None else f"{value:g}"
