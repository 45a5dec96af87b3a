"""Settings: every one is read from the environment and documented in the README."""

from __future__ import annotations

import inspect
import re
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

from assistant.errors import BadSetting  # noqa: E402

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
