"""The learned models as a parse job uses them: what the layout model thinks of a table the
templates did not read, and ranked field suggestions for the columns a person must map.

One registry per worker process (see ``learning.registry``). The models advise; they never fail a
job: if they cannot be used the job completes without their opinion and says so in the log.
"""

import logging
import threading

from parser_worker.learning.corpus import UNKNOWN
from parser_worker.learning.features import Column
from parser_worker.learning.registry import ModelRegistry
from parser_worker.settings import default_model_dir

log = logging.getLogger(__name__)

_lock = threading.Lock()
_registry = None


def registry(settings):
    global _registry
    directory = settings.model_dir or default_model_dir()
    with _lock:
        if _registry is None or str(_registry.model_dir) != directory:
            _registry = ModelRegistry(directory)
        return _registry


def columns_of(outcome):
    """The outcome's columns as the models read them: header (when the file named them) and the
    sampled values."""
    named = outcome.named_columns
    return [Column(name if named else None,
                   [row[i] for row in outcome.sample_rows if i < len(row)])
            for i, name in enumerate(outcome.columns)]


def judge(outcome, tenant_id, settings):
    """``{"layout", "confidence", "knownLayoutConfidence", "ranked", "modelVersion"}`` for a
    table, or None when the models are unavailable."""
    try:
        columns = columns_of(outcome)
        if not columns:
            return None
        models = registry(settings)
        ranked = models.layouts().classify(columns)
        known = max((c for label, c in ranked if label != UNKNOWN), default=0.0)
        return {
            "layout": ranked[0][0],
            "confidence": ranked[0][1],
            "knownLayoutConfidence": known,
            "ranked": [{"layout": label, "confidence": c} for label, c in ranked],
            "modelVersion": models.layouts().version,
        }
    except Exception:  # noqa: BLE001 - advice only; the parse goes on without it
        log.warning("the layout model could not judge this file", exc_info=True)
        return None


def suggestions(outcome, tenant_id, settings):
    """Per column profile entry, ranked field suggestions; (None, None) when unavailable."""
    try:
        model = registry(settings).fields(tenant_id)
        ranked = model.suggest(columns_of(outcome))
        return [[{"field": s.label, "confidence": s.confidence, "reason": s.reason}
                 for s in column] for column in ranked], model.version
    except Exception:  # noqa: BLE001 - advice only
        log.warning("the field model could not suggest fields", exc_info=True)
        return None, None


MAX_SUGGEST_COLUMNS = 200
MAX_SUGGEST_VALUES = 200


def suggest_columns(tenant_id, columns, settings):
    """Ranked field suggestions for columns a client sent (``[{"header", "values"}]``), with the
    tenant's field model: ``{"columns": [[{field, confidence, reason}]], "modelVersion"}``."""
    model = registry(settings).fields(tenant_id)
    read = [Column(_text_or_none(c.get("header")),
                   [str(v) for v in (c.get("values") or [])[:MAX_SUGGEST_VALUES]
                    if v is not None])
            for c in columns[:MAX_SUGGEST_COLUMNS] if isinstance(c, dict)]
    ranked = model.suggest(read) if read else []
    return {"columns": [[{"field": s.label, "confidence": s.confidence, "reason": s.reason}
                         for s in column] for column in ranked],
            "modelVersion": model.version}


def _text_or_none(value):
    return str(value) if isinstance(value, str) and value.strip() else None
