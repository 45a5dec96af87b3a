"""The `ipqa` structured look-ups: task, tasks, agencies, and their bad-input messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.search.aids import load_questions
from assistant.settings import DEFAULT_QUESTIONS


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_task_shows_the_lead_the_others_and_the_notices_words():
    result = run("task", "24")
    assert result.exit_code == 0
    assert "Lead: State Administration for Industry and Commerce" in result.output
    assert "Others: Legislative Affairs Office of the State Council" in result.output
    assert "trade secret" in result.output


def test_task_json_has_the_documented_shape():
    data = json.loads(run("task", "23", "--json").output)
    assert set(data) == {"number", "part", "part_title", "heading", "text", "agencies", "leads", "shared_responsibility"}
    assert data["number"] == 23 and data["part"] == 2
    assert data["leads"] == ["National Development and Reform Commission", "People's Bank of China"]
    assert data["agencies"][:2] == data["leads"]


@pytest.mark.parametrize("bad", ["107", "0", "abc", "-3", "24.5"])
def test_an_unknown_task_is_one_line_and_exit_2(bad):
    result = run("task", bad)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"Error: there is no task {bad}: the notice has tasks 1 to 106"]


def test_tasks_filters_by_agency_and_lead(notice):
    led = json.loads(run("tasks", "--agency", "Copyright Bureau", "--lead-only", "--json").output)
    involved = json.loads(run("tasks", "--agency", "NCAC", "--json").output)
    assert [t["number"] for t in led] == [t.number for t in notice.tasks_led_by("nca")]
    assert {t["number"] for t in led} < {t["number"] for t in involved}
    assert all("National Copyright Administration" in t["agencies"] for t in involved)


def test_tasks_filters_by_part(notice):
    part5 = json.loads(run("tasks", "--part", "5", "--json").output)
    assert [t["number"] for t in part5] == list(range(87, 98))
    assert run("tasks", "--part", "9").exit_code == 2


def test_an_unknown_agency_suggests_names_and_exits_2():
    result = run("tasks", "--agency", "Ministry of Comerce")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "Did you mean: Ministry of Commerce" in result.output


def test_agencies_lists_every_agency_with_its_tasks(notice):
    rows = json.loads(run("agencies", "--json").output)
    assert len(rows) == len(notice.agencies_named())
    by_name = {r["name"]: r for r in rows}
    saic = by_name["State Administration for Industry and Commerce"]
    assert saic["leads"] == [t.number for t in notice.tasks_led_by("saic")]
    assert set(saic["leads"]).isdisjoint(saic["takes_part"])
    assert sorted(saic["leads"] + saic["takes_part"]) == [t.number for t in notice.tasks_involving("saic")]
    assert sum(len(r["leads"]) for r in rows) == sum(len(t.lead_ids) for t in notice.tasks)


def test_agencies_table_reads_plainly():
    result = run("agencies")
    assert result.exit_code == 0
    assert "Ministry of Commerce (MOFCOM)  商务部" in result.output
    assert "42 agencies" in result.output


def test_structured_lookups_do_not_import_torch():
    code = (
        "import sys; from assistant.cli import cli\n"
        "for args in (['task', '24'], ['tasks', '--agency', 'SAIC'], ['agencies']):\n"
        "    try: cli(args)\n"
        "    except SystemExit: pass\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules, 'chromadb' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False False False"


def test_the_console_script_gives_no_traceback():
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "task", "abc"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: there is no task abc: the notice has tasks 1 to 106"


# --- commands that need the model and the index --------------------------------------------------

@pytest.fixture
def index_env(tmp_path, monkeypatch):
    monkeypatch.setenv("IPQA_INDEX_DIR", str(tmp_path / "index"))
    return tmp_path / "index"


def test_index_builds_then_reports_up_to_date(index_env):
    questions = sum(len(q) for q in load_questions(DEFAULT_QUESTIONS).values())
    first = run("index")
    assert first.exit_code == 0 and first.output.startswith(f"Built 106 tasks and {questions} sample questions in ")
    second = run("index")
    assert second.exit_code == 0 and second.output.startswith(f"Up to date: 106 tasks and {questions} sample questions")


def test_search_json_is_a_ranked_list_of_tasks_and_scores(index_env):
    result = run("search", "trade secrets in talent exchange", "--agency", "SAIC", "-k", "3", "--json")
    data = json.loads(result.stdout)
    assert [set(row) for row in data] == [{"task", "score"}] * len(data)
    assert data[0]["task"] == 24 and data == sorted(data, key=lambda r: -r["score"])


@pytest.mark.parametrize("args,message", [
    (["search", "  "], "Error: the search is empty"),
    (["search", "x", "--agency", "Ministry of Magic"], "Error: unknown agency 'Ministry of Magic'."),
    (["search", "x", "--part", "9"], "Error: there is no part 9"),
    (["search", "what does task 300 say"], "Error: there is no task 300"),
])
def test_search_bad_input_is_one_line_and_exit_2(index_env, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith(message)


def test_eval_runs_a_subset_and_reports_the_table(index_env):
    result = run("eval", "--type", "bad_task", "--type", "count")
    assert result.exit_code == 0, result.output
    assert "| refusal_accuracy | 1.000 |" in result.stdout
    assert "All thresholds met." in result.stdout


@pytest.mark.slow  # a new process that loads the model
def test_a_model_folder_with_a_broken_modules_json_is_one_line(tmp_path):
    import shutil

    from assistant.settings import packaged_model_path

    model = tmp_path / "model"
    shutil.copytree(packaged_model_path(), model)
    (model / "modules.json").write_text("{broken", encoding="utf-8")
    env = {**os.environ, "IPQA_MODEL_PATH": str(model), "IPQA_INDEX_DIR": str(tmp_path / "index")}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "Who leads trade secret protection?"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "the embedding model at" in done.stderr and "cannot be loaded" in done.stderr
