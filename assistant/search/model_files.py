"""Which model the index is built from, and its fingerprint: read by every process that opens the index.

Apart from embeddings.py, which defines a LangChain `Embeddings` and so imports LangChain's
callback manager (0.09 to 0.13 s): a process that answers needs the model's fingerprint, not
sentence-transformers.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

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
