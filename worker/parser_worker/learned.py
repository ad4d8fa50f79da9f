"""The worker process's one model registry (see ``learning.registry``), made on first use."""

import threading

from parser_worker.learning.registry import ModelRegistry

_lock = threading.Lock()
_registry = None


def registry(settings):
    global _registry
    with _lock:
        if _registry is None or str(_registry.model_dir) != settings.model_dir:
            _registry = ModelRegistry(settings.model_dir)
        return _registry
