"""Exporting the sentence-transformers model to ONNX, once, when the index is built (the build path imports torch).

The whole sentence-transformers pipeline (Transformer, Pooling, Normalize) is
traced into one graph, so the exported model returns the same unit vectors as
`SentenceTransformer.encode(..., normalize_embeddings=True)`: pooling and
normalisation are sentence-transformers' code, not a copy of it. The export is
checked against the model on a few sentences before it is kept.

The TorchScript exporter (`dynamo=False`) is used: on this machine (one run, shared
with other jobs) it exported in 1.9 s against 7.0 s for the torch.export-based one,
its graph ran a question in 3.0 ms against 16 ms, and it needs only the `onnx`
package, where the other needs onnxscript and onnx-ir too. torch is pinned, and
the check below refuses an export that drifts.

The graph is kept as ONNX Runtime optimises it (`_optimise`), so a process that opens it
does not optimise it again.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
import warnings
from pathlib import Path

from assistant.errors import IndexUnavailable
from assistant.search.onnx_encoder import MANIFEST_FILE, MODEL_FILE, TOKENIZER_FILE, WEIGHTS_FILE, OnnxEmbeddings

OPSET = 17  # the highest opset the TorchScript exporter of torch 2.13 knows for every op of this model
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "sentence_embedding"
PIPELINE = ("Transformer", "Pooling", "Normalize")
# The export must give the model's own vectors: the parity tests hold every text we embed to this.
MIN_COSINE = 0.9999
PROBES = ("Who leads trade secret protection?", "a",
          "Strengthen the protection of trade secrets in talent exchange, and punish infringements. " * 8)
# ONNX Runtime's optimisation level for the kept graph: "extended" fuses the Gelu, layer-norm and MatMul patterns
# for the CPU and leaves the hardware-specific layout changes to the opening session (its default "all" level,
# which then finds nothing left to do). A session opened the optimised graph in 28 to 33 ms against 71 ms for the
# traced one (medians of 5, `ipqa ask` opens one), and its vectors are the traced graph's to the bit.
OPTIMISATION = "extended"
# Named in the index fingerprint: a change here exports again.
RECIPE = (f"st-pipeline;torchscript;opset={OPSET};inputs={','.join(INPUTS)};external-weights;"
          f"onnxruntime-optimised={OPTIMISATION}")
TRACED_FILE = "traced.onnx"


def export(model, source: Path, folder: Path) -> Path:
    """Writes model.onnx, tokenizer.json and encoder.json into `folder` (atomically) and returns it.

    `model` is the loaded `SentenceTransformer` (SentenceEmbeddings.model) read from the folder `source`."""
    import numpy as np
    import torch

    folder = Path(folder)
    kinds = tuple(type(module).__name__ for module in model)
    if kinds != PIPELINE:
        raise IndexUnavailable.unexportable(kinds, PIPELINE)
    transformer = model[0]
    tokenizer = transformer.tokenizer
    source = Path(source) / TOKENIZER_FILE
    if not source.is_file():
        raise IndexUnavailable.no_tokenizer(TOKENIZER_FILE, source.parent)
    staging = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp"
    staging.mkdir(parents=True)
    try:
        example = tokenizer(["Who leads trade secret protection?", "trade secrets"], padding=True,
                            return_tensors="pt")
        axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
        with torch.inference_mode(), warnings.catch_warnings():
            # The tracer warns about Python booleans in transformers' masking code; the check below
            # covers what they warn about (padded, unpadded and truncated inputs).
            warnings.simplefilter("ignore")
            torch.onnx.export(_pipeline(model), tuple(example[name] for name in INPUTS), str(staging / TRACED_FILE),
                              dynamo=False, input_names=list(INPUTS), output_names=[OUTPUT],
                              dynamic_axes={**axes, OUTPUT: {0: "batch"}}, opset_version=OPSET)
        _optimise(staging / TRACED_FILE, staging / MODEL_FILE)
        (staging / TRACED_FILE).unlink()
        shutil.copyfile(source, staging / TOKENIZER_FILE)
        manifest = {"recipe": RECIPE, "max_seq_length": int(model.max_seq_length),
                    "dimension": int(model.get_embedding_dimension()),
                    "pad_id": int(tokenizer.pad_token_id), "pad_token": str(tokenizer.pad_token),
                    "torch": torch.__version__, "onnxruntime": _onnxruntime_version(),
                    "onnxruntime_optimisation": OPTIMISATION}
        (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        exported = OnnxEmbeddings(staging).encode(list(PROBES))
        expected = model.encode(list(PROBES), normalize_embeddings=True, show_progress_bar=False)
        worst = float(np.min(np.sum(exported * expected, axis=1)))
        if worst < MIN_COSINE:
            raise IndexUnavailable.export_mismatch(worst)
        del exported
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _optimise(traced: Path, target: Path) -> None:
    """Writes the traced graph as ONNX Runtime optimises it to `target`, its weights beside it in WEIGHTS_FILE
    (which ONNX Runtime maps instead of copying when it opens the graph)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(target)
    options.add_session_config_entry("session.optimized_model_external_initializers_file_name", WEIGHTS_FILE)
    options.add_session_config_entry("session.optimized_model_external_initializers_min_size_in_bytes", "1024")
    onnxruntime.InferenceSession(str(traced), options, providers=["CPUExecutionProvider"])


def _onnxruntime_version() -> str:
    import onnxruntime

    return onnxruntime.__version__


def _pipeline(model):
    """The SentenceTransformer as a module of token tensors: every module of it runs, in order."""
    import torch

    class Pipeline(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            features = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}
            return self.model(features)[OUTPUT]

    return Pipeline().eval()
