"""The query-time encoder: all-MiniLM-L6-v2 exported to ONNX, run with ONNX Runtime and `tokenizers`.

Importing sentence-transformers (and with it transformers and torch) took about
5 of the 7.6 seconds a new process needed to answer one question, and held most
of its 675 MiB; encoding the question takes milliseconds. So the answering path
runs the model exported once, at index build (see export.py), and never imports
torch.

The exported graph is sentence-transformers' own pipeline (Transformer, mean
Pooling, Normalize) traced whole, so pooling and normalisation are its code, not
a copy; this module only tokenises with the model's own tokenizer.json, truncates
at the model's max_seq_length and runs the graph. tests/search/test_onnx_encoder.py
holds it to cosine >= 0.9999 with sentence-transformers on every text we embed.

Chroma's own ONNX MiniLM function was measured and not used: it pads every input
to 256 tokens, so one question took 105 ms instead of 3 ms on the same export (and
encoding the 1,718 texts of the parity tests 234 s instead of 11 s); making it pad
to the longest input means replacing its tokenizer, its forward pass and its
downloader, which is all of it (README, "Speed"). fastembed, the other maintained
candidate, cannot be installed beside our pinned huggingface_hub.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from assistant.errors import IndexUnavailable

MODEL_FILE = "model.onnx"
# The weights, apart from the graph: ONNX Runtime maps this file instead of copying it out of the graph,
# so opening took 0.06 s instead of 0.34 s and the process peaked 32 MiB lower (README, "Speed").
WEIGHTS_FILE = "model.onnx.data"
TOKENIZER_FILE = "tokenizer.json"
MANIFEST_FILE = "encoder.json"
FILES = (MODEL_FILE, WEIGHTS_FILE, TOKENIZER_FILE, MANIFEST_FILE)
# Texts per ONNX Runtime call when embedding many: the batch size sentence-transformers uses.
BATCH_SIZE = 32
# A question, or up to this many texts, runs on one thread or on a thread per core, whichever has lately been faster
# (`_ThreadChoice`): on this shared 2-core machine neither wins everywhere. One thread encoded a question in 5.5 to
# 5.9 ms against 6.5 to 6.9 ms for two (p50) at a load average of 3 to 4, and in 3.6 to 4.3 against 4.2 to 4.7 ms
# at 1.8; at 1.6, two took 2.9 to 3.3 ms against 3.9 to 4.4 ms for one (the bench's latency questions, three
# rounds each). The vectors are the same to the bit either way. More texts at once (a document's sentences) always
# get a thread per core.
FEW_TEXTS = 8
QUESTION_THREADS = 1
# The choice's memory: each new time moves a session's average this far towards it, and every EXPLORE_EVERY-th
# question runs on the session not chosen, so a change of load is noticed within a few dozen questions.
TIME_WEIGHT = 0.2
EXPLORE_EVERY = 16
# Questions a process answers on one thread before it tries a thread per core: `ipqa ask` answers one and exits, and
# opening the second session raised its peak memory from 232 to 280 MiB (`ipqa bench`).
WARM_UP = 8


class _ThreadChoice:
    """The session a question runs on: one thread for a process's first questions; then each is tried, and the one
    with the lower recent time per question runs them."""

    def __init__(self):
        self.seconds: dict[int | None, float | None] = {QUESTION_THREADS: None, None: None}
        self.calls = 0

    def pick(self) -> int | None:
        self.calls += 1
        if self.calls <= WARM_UP:
            return QUESTION_THREADS
        untried = [threads for threads, seconds in self.seconds.items() if seconds is None]
        if untried:
            return untried[0]
        ranked = sorted(self.seconds, key=lambda threads: self.seconds[threads])
        return ranked[-1] if self.calls % EXPLORE_EVERY == 0 else ranked[0]

    def record(self, threads: int | None, seconds: float) -> None:
        before = self.seconds[threads]
        self.seconds[threads] = seconds if before is None else before + TIME_WEIGHT * (seconds - before)


def is_complete(folder: Path) -> bool:
    """True when an export finished there: the manifest is written last."""
    return all((Path(folder) / name).is_file() for name in FILES)


class OnnxEmbeddings:
    """LangChain's `Embeddings` interface over the exported model: unit vectors, as sentence-transformers gives them.

    Not a subclass of `langchain_core.embeddings.Embeddings`: importing it brings LangChain's callback manager,
    0.09 to 0.13 s of every new process that answers (`ipqa bench`, README "Speed"). LangChain's vector stores
    only call these methods (`TaskIndex.store` searches with this class); the async ones run the sync ones on a
    worker thread, as LangChain's own defaults do."""

    def __init__(self, folder: Path):
        folder = Path(folder)
        if not is_complete(folder):
            raise IndexUnavailable.onnx_missing(folder)
        from tokenizers import Tokenizer

        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        self.folder = folder
        self.manifest = manifest
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(max_length=int(manifest["max_seq_length"]))
        self.tokenizer.enable_padding(pad_id=int(manifest["pad_id"]), pad_token=manifest["pad_token"])
        self._sessions: dict[int | None, object] = {}  # by thread count (None: a thread per core), opened when needed
        self._lock = threading.Lock()
        self._choice = _ThreadChoice()
        self.inputs = [i.name for i in self._opened(QUESTION_THREADS).get_inputs()]

    def _session(self, threads: int | None):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only: no warnings about unused initialisers on stderr
        # Idle threads sleep instead of spinning: on this shared 2-core machine a question took 8 ms this way
        # and 13 to 18 ms with ONNX Runtime's default spinning, which fights the other processes for the cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # The export keeps the graph as ONNX Runtime optimises it (export.py), so opening does not optimise it again:
        # 0.051 to 0.052 s to open instead of 0.059 to 0.077 s (three runs each, load average 1.4), the same vectors
        # to the bit and the same time a question (3.3 to 3.4 ms, p50).
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        if threads:
            options.intra_op_num_threads = threads
        return onnxruntime.InferenceSession(str(self.folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])

    def _opened(self, threads: int | None):
        with self._lock:
            if threads not in self._sessions:
                self._sessions[threads] = self._session(threads)
            return self._sessions[threads]

    def encode(self, texts: list[str]):
        """A (len(texts), 384) float32 array; texts are sorted by length into batches, as
        sentence-transformers does, so a batch pads little."""
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors = np.zeros((len(texts), int(self.manifest["dimension"])), dtype=np.float32)
        session = self._opened(None if len(texts) > FEW_TEXTS else QUESTION_THREADS)
        for start in range(0, len(order), BATCH_SIZE):
            chosen = order[start:start + BATCH_SIZE]
            vectors[chosen] = self._run([texts[i] for i in chosen], session)
        return vectors

    def _run(self, texts: list[str], session=None):
        import numpy as np

        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids,
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64)}
        feed = {name: feed[name] for name in self.inputs}
        if session is not None:
            return session.run(None, feed)[0]
        threads = self._choice.pick()
        started = time.perf_counter()
        vectors = self._opened(threads).run(None, feed)[0]
        self._choice.record(threads, time.perf_counter() - started)
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._run([text])[0].tolist()

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        import asyncio

        return await asyncio.to_thread(self.embed_documents, texts)

    async def aembed_query(self, text: str) -> list[float]:
        import asyncio

        return await asyncio.to_thread(self.embed_query, text)
