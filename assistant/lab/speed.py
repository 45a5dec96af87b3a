"""The speed figures of `ipqa bench`: new processes, their peak memory, warm answers, builds, the app's first visit.

Each figure is measured beside the plain-RAG baseline (assistant/lab/baseline.py: LangChain,
sentence-transformers, Chroma) in the same run, and reported as a ratio to it, so a
busy machine moves both. A new process's peak memory is its own maximum resident
set, read from `wait4`. Nothing here is asserted: tests do not time things.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BenchFailed
from assistant.settings import ROOT, Settings

ASK = "Who leads trade secret protection?"
# Seconds a browser may wait for the app before the figure is reported as missing.
PAGE_TIMEOUT_S = 180
CHROMIUM = Path("/usr/bin/chromium")
# The start of the spinner a question shows while the Assistant still loads (assistant/ui/resources.py).
LOADING_TEXT = "Loading the model and the index"

# A new process that answers one topic question, step by step (ours: the Assistant over the ONNX encoder), one
# step after the other (`ipqa ask` opens the index on a second thread while it imports), ending as `ipqa ask` ends:
# without collecting cycles, and without Python's teardown (assistant/cli.py).
COLD_STEPS = """
import gc, json, os, sys, time
gc.disable()
marks = [("start", time.perf_counter())]
def mark(step): marks.append((step, time.perf_counter()))
import onnxruntime, tokenizers, chromadb
from assistant.answer.chain import Assistant
from assistant.notice.load import notice_for
from assistant.search.index import open_index
from assistant.search.retrieve import Searcher
from assistant.settings import Settings
mark("imports")
settings = Settings.from_env()
notice = notice_for(settings)
mark("parse the notice")
index = open_index(settings, notice)
model = index.timings.get("load the ONNX encoder", 0.0)
mark("open the index and the ONNX model")
searcher = Searcher(notice, index, index.embeddings)
mark("BM25 table")
answer = Assistant(settings, retriever=searcher).ask(sys.argv[1])
mark("first answer")
assert 24 in answer.citations and "torch" not in sys.modules, "wrong answer or torch imported"
steps = {step: at - marks[i][1] for i, (step, at) in enumerate(marks[1:])}
steps["open the index and the ONNX model"] -= model
steps = {"imports": steps.pop("imports"), "parse the notice": steps.pop("parse the notice"),
         "ONNX model": model, "index open": steps.pop("open the index and the ONNX model"), **steps}
print(json.dumps(steps))
sys.stdout.flush()
os._exit(0)
"""
# The same for the baseline: a LangChain RAG over sentence-transformers, its chunks already in Chroma.
BASELINE_ASK = """
import sys
from pathlib import Path
from assistant.lab.baseline import PlainRag
from assistant.search.embeddings import SentenceEmbeddings
from assistant.settings import Settings
settings = Settings.from_env()
rag = PlainRag(settings.corpus, SentenceEmbeddings(settings), Path(sys.argv[1]))
assert rag.ask(sys.argv[2]).citations
"""


# Runs `python -m MODULE ARGS` or `python -c CODE ARGS` and, as it exits, writes the process's own peak resident
# memory (VmHWM, which starts again at exec) to the file named by IPQA_BENCH_PEAK. wait4's ru_maxrss would not do:
# Linux folds the parent's peak into a child's at exec, and the bench's parent holds sentence-transformers.
PEAK_WRAPPER = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status") as status, open(os.environ["IPQA_BENCH_PEAK"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
atexit.register(_peak)
_exit = os._exit
def _exit_after_peak(code):  # the CLI ends a process that only read without Python's teardown (assistant/cli.py)
    _peak()
    _exit(code)
os._exit = _exit_after_peak
flag, target, *rest = sys.argv[1:]
if flag == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
"""


def compile_bytecode() -> bool:
    """Compiles the project's modules to bytecode, as `make run` does, before new processes are timed: a user's
    `ipqa ask` runs from cached bytecode (Python writes it on the first run, unless told not to, as these machines
    tell it with PYTHONDONTWRITEBYTECODE=1). Compiling the project's 9,000 lines at every start cost `ipqa ask`
    0.04 to 0.15 s (medians of 4 to 10 runs each way). True if every module compiled (a read-only tree is timed
    as it is)."""
    import compileall

    return bool(compileall.compile_dir(str(ROOT / "assistant"), quiet=2))


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    output: str


def new_process(args: list[str], settings: Settings) -> Run:
    """Runs `python -m MODULE ...` or `python -c CODE ...` with the index of `settings`: wall seconds, and the
    process's own peak memory."""
    if not args or args[0] not in ("-m", "-c"):
        raise ValueError(args)  # a programming error: args must start with -m or -c
    with tempfile.TemporaryDirectory(prefix="ipqa-run-") as folder:
        peak = Path(folder) / "peak"
        env = {**os.environ, "IPQA_INDEX_DIR": str(settings.index_dir), "IPQA_CORPUS": str(settings.corpus),
               "IPQA_BENCH_PEAK": str(peak)}
        env.pop("CHROMA_HOST", None)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *args], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - started
        text = done.stdout.decode("utf-8", "replace")
        if done.returncode:
            raise BenchFailed.exited("python " + " ".join(args[:3]), done.returncode, text)
        return Run(seconds, int(peak.read_text()) / 1024, text)


def best_of(times: int, args: list[str], settings: Settings) -> Run:
    """The fastest of a few runs: the machine is shared, and the slow runs measure the neighbours."""
    runs = [new_process(args, settings) for _ in range(times)]
    return min(runs, key=lambda r: r.seconds)


def cold_breakdown(settings: Settings) -> dict[str, float]:
    """Seconds per step of a new process's first answer, python start-up included."""
    run = best_of(3, ["-c", COLD_STEPS, ASK], settings)
    steps = json.loads(run.output.strip().splitlines()[-1])
    steps["python start-up and exit"] = max(0.0, run.seconds - sum(steps.values()))  # no teardown, as ipqa ask
    return {step: round(value, 3) for step, value in steps.items()}


def import_seconds(modules: str, settings: Settings) -> float:
    run = new_process(["-c", f"import time; t = time.perf_counter(); import {modules}; "
                             "print(time.perf_counter() - t)"], settings)
    return round(float(run.output.strip().splitlines()[-1]), 3)


def ratio(ours: float | None, baseline: float | None) -> float | None:
    return None if not ours or not baseline else round(ours / baseline, 3)


# --- the app's first visitor ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, deadline: float) -> None:
    """Until streamlit answers its health check; BenchFailed if it exits or the deadline passes."""
    import urllib.request

    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchFailed.exited("streamlit", server.returncode)
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise BenchFailed.no_answer(url)


def stop(server: subprocess.Popen) -> None:
    """Asks the server to exit, and kills it if it has not within 20 seconds."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# The app as `make run` serves it: the Makefile's `run` target runs `streamlit run serve.py` with these flags
# (tests/ui/test_first_visit.py holds the two together).
MAKE_RUN_SCRIPT = ROOT / "serve.py"
STREAMLIT_FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false")


def first_visit(settings: Settings, script: Path = MAKE_RUN_SCRIPT, *, question: str = ASK) -> dict[str, float]:
    """Serves `script` with streamlit as `make run` does, waits until the server answers its health check, then
    opens the page in headless Chromium: seconds from the start until the server answers, and from the page load
    until the chat is usable (no loading spinner, input enabled) and until the first answer shows. The index
    must already be built, as `make run` does."""
    from playwright.sync_api import expect, sync_playwright

    port = free_port()
    env = {**os.environ, "IPQA_INDEX_DIR": str(settings.index_dir), "IPQA_CORPUS": str(settings.corpus)}
    env.pop("CHROMA_HOST", None)
    command = [sys.executable, "-m", "streamlit", "run", str(script), *STREAMLIT_FLAGS, "--server.port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        launched = time.perf_counter()
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(url, server, time.monotonic() + PAGE_TIMEOUT_S)
            serving = time.perf_counter() - launched
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
                try:
                    page = browser.new_page()
                    started = time.perf_counter()
                    page.goto(url, wait_until="domcontentloaded")
                    chat = page.get_by_test_id("stChatInputTextArea")
                    expect(chat).to_be_visible(timeout=PAGE_TIMEOUT_S * 1000)
                    expect(page.get_by_text(LOADING_TEXT)).to_have_count(0, timeout=PAGE_TIMEOUT_S * 1000)
                    expect(chat).to_be_enabled(timeout=PAGE_TIMEOUT_S * 1000)
                    usable = time.perf_counter() - started
                    chat.fill(question)
                    chat.press("Enter")
                    expect(page.get_by_test_id("stChatMessage")).to_have_count(2, timeout=PAGE_TIMEOUT_S * 1000)
                    # The app shows "[Task 24]" as a link reading "Task 24"; the answer's own sentence is what counts.
                    expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("Task 24 is led by",
                                                                                         timeout=PAGE_TIMEOUT_S * 1000)
                    answered = time.perf_counter() - started
                finally:
                    browser.close()
        finally:
            stop(server)
    return {"server start until it answers (s)": round(serving, 2), "page load until usable (s)": round(usable, 2),
            "page load until first answer (s)": round(answered, 2)}


def warm_launcher(folder: Path) -> Path:
    """A script that serves app.py through `st.App` with the warm start as its lifespan hook (the searcher
    opens when the server starts, before any visitor)."""
    path = Path(folder) / "serve_warm.py"
    path.write_text("import streamlit as st\nfrom assistant.search import warm\n"
                    f"app = st.App({str(ROOT / 'app.py')!r}, lifespan=warm.lifespan)\n", encoding="utf-8")
    return path
