"""The `ipqa` structured look-ups: task, tasks, agencies, and their bad-input messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assistant.cli import cli


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
    assert set(data) == {"number", "part", "part_title", "heading", "text", "agencies", "leads"}
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
