"""Settings: every one is read from the environment and documented in the README."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from assistant import settings as settings_module
from assistant.settings import ROOT, Settings

VARIABLES = re.findall(r'env\.get\("([A-Z_]+)"', inspect.getsource(settings_module.Settings.from_env))


def test_every_environment_variable_is_in_the_readme_table():
    table = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    documented = set(re.findall(r"`([A-Z][A-Z_]+)`", "\n".join(table)))
    assert len(VARIABLES) >= 8
    assert set(VARIABLES) <= documented, set(VARIABLES) - documented


def test_each_variable_sets_its_field(tmp_path):
    env = {"IPQA_CORPUS": str(tmp_path / "c.txt"), "IPQA_INDEX_DIR": str(tmp_path / "i"),
           "IPQA_GLOSSES": str(tmp_path / "g.jsonl"), "IPQA_QUESTIONS": str(tmp_path / "q.jsonl"),
           "IPQA_MODEL_PATH": str(tmp_path / "m"), "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": "8123",
           "IPQA_LLM": "ollama:llama3"}
    assert set(env) == set(VARIABLES)
    got = Settings.from_env(env)
    assert (got.corpus, got.index_dir, got.glosses, got.questions, got.model_path) == tuple(
        Path(env[k]) for k in ("IPQA_CORPUS", "IPQA_INDEX_DIR", "IPQA_GLOSSES", "IPQA_QUESTIONS", "IPQA_MODEL_PATH"))
    assert (got.chroma_host, got.chroma_port, got.llm) == ("127.0.0.1", 8123, "ollama:llama3")


def test_no_environment_means_the_shipped_files():
    got = Settings.from_env({})
    assert got.corpus.is_file() and got.glosses.is_file() and got.questions.is_file()
    assert got.chroma_host is None and got.llm == ""
