"""How `ipqa` ends: a command that only read skips Python's teardown (assistant/cli.py `_exit`), with its
output complete and its exit status kept; a process that wrote an index exits normally."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Runs the console script's entry point with an exit hook: the hook runs only if Python's teardown does.
MAIN = ("import atexit, sys\n"
        "atexit.register(lambda: print('teardown ran', file=sys.stderr))\n"
        "{before}\n"
        "from assistant.cli import main\n"
        "sys.argv = ['ipqa', *sys.argv[1:]]\n"
        "main()\n")


def ipqa(*args: str, before: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", MAIN.format(before=before), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_a_look_up_ends_without_teardown_and_with_its_whole_output():
    done = ipqa("task", "24", "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["number"] == 24
    assert "teardown ran" not in done.stderr


def test_bad_input_keeps_its_exit_status_and_message():
    done = ipqa("task", "abc")
    assert done.returncode == 2
    assert done.stderr.strip() == "Error: there is no task abc: the notice has tasks 1 to 106"


@pytest.mark.slow  # the new process imports the index's code, chromadb with it: 1.4 s
def test_a_process_that_wrote_an_index_exits_normally():
    done = ipqa("task", "24", before="from assistant.search import index; index._wrote.set()")
    assert done.returncode == 0 and "teardown ran" in done.stderr


@pytest.mark.slow
def test_an_answer_in_a_new_process_is_whole(searcher):
    env = {"IPQA_INDEX_DIR": str(searcher.index.encoder.parent)}
    done = ipqa("ask", "Who leads trade secret protection?", "--json", env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    assert answer["citations"] == [24] and answer["evidence"]
    assert "teardown ran" not in done.stderr


def test_an_index_module_still_being_imported_by_the_warm_start_has_written_nothing():
    """The warm start imports the index's module on a thread; a structured answer can finish first, and finds the
    module in sys.modules before its functions are defined."""
    done = ipqa("task", "24", before="import sys, types; sys.modules['assistant.search.index'] = "
                                     "types.ModuleType('assistant.search.index')")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-500:]


def test_a_bug_is_one_line_and_exit_status_1_never_a_traceback():
    """A fault of ours (here a look-up made to fail) is reported as a bug in one line, not a Python traceback."""
    done = ipqa("task", "24", before="import assistant.cli as cli\n"
                                     "cli.notice_for = lambda *args, **kwargs: 1 / 0")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: internal error (ZeroDivisionError") and "Traceback" not in done.stderr
