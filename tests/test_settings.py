"""Settings: every one is read from the environment and documented in the README."""

from __future__ import annotations

import dataclasses
import errno
import inspect
import os
import re
from dataclasses import replace
from pathlib import Path

from assistant import settings as settings_module
from assistant.settings import ROOT, Settings

VARIABLES = re.findall(r'value\("([A-Z_]+)"\)', inspect.getsource(settings_module.Settings.from_env))


def test_every_environment_variable_is_in_the_readme_table():
    table = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    documented = set(re.findall(r"`([A-Z][A-Z_]+)`", "\n".join(table)))
    assert len(VARIABLES) >= 8
    assert set(VARIABLES) <= documented, set(VARIABLES) - documented


def test_each_variable_sets_its_field(tmp_path):
    for name in ("c.txt", "g.jsonl", "q.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "m").mkdir()
    env = {"IPQA_CORPUS": str(tmp_path / "c.txt"), "IPQA_INDEX_DIR": str(tmp_path / "i"),
           "IPQA_GLOSSES": str(tmp_path / "g.jsonl"), "IPQA_QUESTIONS": str(tmp_path / "q.jsonl"),
           "IPQA_MODEL_PATH": str(tmp_path / "m"), "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": "8123",
           "IPQA_LLM": "ollama:llama3", "IPQA_LLM_PARSER": "0"}
    assert set(env) == set(VARIABLES)
    got = Settings.from_env(env)
    assert (got.corpus, got.index_dir, got.glosses, got.questions, got.model_path) == tuple(
        Path(env[k]) for k in ("IPQA_CORPUS", "IPQA_INDEX_DIR", "IPQA_GLOSSES", "IPQA_QUESTIONS", "IPQA_MODEL_PATH"))
    assert (got.chroma_host, got.chroma_port, got.llm, got.llm_parser) == ("127.0.0.1", 8123, "ollama:llama3", False)


def test_no_environment_means_the_shipped_files():
    got = Settings.from_env({})
    assert got.corpus.is_file() and got.glosses.is_file() and got.questions.is_file()
    assert got.chroma_host is None and got.llm == ""


import pytest  # noqa: E402

from assistant.errors import BadSetting, shorten  # noqa: E402

FILE_SETTINGS = ("IPQA_CORPUS", "IPQA_GLOSSES", "IPQA_QUESTIONS")


@pytest.mark.parametrize("name", FILE_SETTINGS)
def test_a_file_setting_that_is_missing_or_a_folder_is_one_clear_error(tmp_path, name):
    for bad, problem in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(BadSetting, match=problem) as raised:
            Settings.from_env({name: str(bad)})
        assert str(raised.value).startswith(f"{name}=") and "\n" not in str(raised.value)


@pytest.mark.parametrize("name", [*FILE_SETTINGS, "IPQA_INDEX_DIR", "IPQA_MODEL_PATH", "CHROMA_PORT", "IPQA_LLM",
                                  "IPQA_LLM_PARSER"])
def test_set_but_empty_means_the_default(name):
    assert Settings.from_env({name: ""}) == Settings.from_env({})


@pytest.mark.parametrize("port", ["abc", "0", "70000", "８０", "-1"])
def test_a_port_that_is_not_a_port_is_one_clear_error(port):
    with pytest.raises(BadSetting, match="CHROMA_PORT"):
        Settings.from_env({"CHROMA_PORT": port})


def test_a_folder_setting_that_names_a_file_is_an_error(tmp_path):
    (tmp_path / "f").write_text("x")
    for name in ("IPQA_INDEX_DIR", "IPQA_MODEL_PATH"):
        with pytest.raises(BadSetting, match="is a file"):
            Settings.from_env({name: str(tmp_path / "f")})


@pytest.mark.parametrize("value", ["2", "maybe", "-1"])
def test_a_switch_that_is_not_on_or_off_is_one_clear_error(value):
    with pytest.raises(BadSetting, match="IPQA_LLM_PARSER=.*must be 1 \\(on\\) or 0 \\(off\\)"):
        Settings.from_env({"IPQA_LLM_PARSER": value})


# --- the table: every setting x every kind of value (issue 11, "Build also") ----------------------------------
#
# Each setting is given each kind of value and `ipqa` run with the command that uses it. Unset and empty mean
# the default; every other value that cannot be used is one line on stderr and exit status 2, never a
# traceback. "Unreadable" must stop root too (permission bits do not), so it is a symlink loop: ELOOP for
# every user. Text files get "garbage" as bytes that are not UTF-8 (and not the notice, nor JSON lines).

KINDS = ("unset", "empty", "missing", "directory", "garbage", "unreadable")
PATH_SETTINGS = ("IPQA_CORPUS", "IPQA_GLOSSES", "IPQA_QUESTIONS", "IPQA_INDEX_DIR", "IPQA_MODEL_PATH")
# The command that reads each setting: a file that is there but unusable is found when it is used.
USED_BY = {
    "IPQA_CORPUS": ["task", "24"],  # every command parses the notice
    "IPQA_GLOSSES": ["search", "trade secrets"],
    "IPQA_QUESTIONS": ["search", "trade secrets"],
    "IPQA_INDEX_DIR": ["search", "trade secrets"],
    "IPQA_MODEL_PATH": ["search", "trade secrets"],
    "CHROMA_HOST": ["search", "trade secrets"],
    "CHROMA_PORT": ["task", "24"],  # checked as the command starts
    "IPQA_LLM": ["ask", "Who leads task 24?"],
    "IPQA_LLM_PARSER": ["ask", "Who leads task 24?"],
}
# Values that are not errors: a missing index folder is created at the first build (tests/test_cli.py builds
# into one), and any existing folder can hold the index.
USABLE = {("IPQA_INDEX_DIR", "missing"), ("IPQA_INDEX_DIR", "directory")}


def value(kind: str, tmp_path: Path) -> str | None:
    if kind == "unset":
        return None
    if kind == "empty":
        return ""
    if kind == "missing":
        return str(tmp_path / "no-such-folder" / "no-such-name")
    if kind == "directory":
        (tmp_path / "a-folder").mkdir()
        return str(tmp_path / "a-folder")
    if kind == "garbage":
        (tmp_path / "garbage.txt").write_bytes(b"\xff\xfe\x00 not a notice \x1b[31m {not: json}\n")
        return str(tmp_path / "garbage.txt")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    return str(tmp_path / "loop")


def test_the_table_covers_every_setting_and_every_path_setting_is_a_path():
    assert set(USED_BY) == set(VARIABLES)
    assert {f.name for f in dataclasses.fields(Settings) if f.type in ("Path", "Path | None")} >= {
        "corpus", "glosses", "questions", "index_dir", "model_path"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(USED_BY))
def test_every_setting_with_every_kind_of_value_is_the_default_or_one_line(tmp_path, name, kind):
    from click.testing import CliRunner

    from assistant.cli import cli

    given = value(kind, tmp_path)
    if kind in ("unset", "empty") or (name, kind) in USABLE:
        assert Settings.from_env({} if given is None else {name: given}) == (
            Settings.from_env({}) if kind in ("unset", "empty") else replace(Settings.from_env({}), index_dir=Path(given)))
        env = {variable: None for variable in VARIABLES} | {name: given}
        assert CliRunner().invoke(cli, ["task", "24"], env=env).exit_code == 0
        return
    env = {variable: None for variable in VARIABLES} | {"IPQA_INDEX_DIR": str(tmp_path / "index"), name: given}
    result = CliRunner().invoke(cli, USED_BY[name], env=env)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), (result.stderr, result.exception)
    assert len(lines) == 1 and lines[0].startswith("Error: ") and (name in lines[0] or given in lines[0]), lines
    assert not list((tmp_path / "index").glob("chroma-*"))  # refused before anything was built
    if kind == "unreadable" and name in PATH_SETTINGS:  # said as it is, not as "no such file" or "File exists"
        assert lines[0] == f"Error: {name}={shorten(given)}: the path cannot be followed ({os.strerror(errno.ELOOP)})"


@pytest.mark.parametrize("name", [*FILE_SETTINGS, "IPQA_INDEX_DIR", "IPQA_MODEL_PATH"])
def test_a_path_through_a_file_is_one_clear_error_at_start(tmp_path, name):
    """Not "no such file", and not an index folder that fails to be created at the first build."""
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(BadSetting, match="a part of the path is a file, not a folder"):
        Settings.from_env({name: str(tmp_path / "f" / "inside")})
