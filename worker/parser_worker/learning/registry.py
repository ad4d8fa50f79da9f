"""The models a worker uses: the base models learned from the shipped corpus, and per tenant a field
model that also learned from the tenant's approved mappings. Trained on first use, kept in memory and
saved under the model directory (``PARSER_MODEL_DIR``), so a restarted worker loads instead of
training again; a retrain replaces a tenant's model atomically.
"""

import hashlib
import logging
import re
import threading
from datetime import datetime, timezone
from pathlib import Path

from parser_worker.learning import corpus
from parser_worker.learning.models import Example, FieldModel, LayoutModel, examples, load, save

log = logging.getLogger(__name__)

# An approved mapping counts more than a corpus column, and a recent one more than an old one:
# weight = 1 + RECENT_BOOST * 0.5 ** (age in days / HALF_LIFE_DAYS). A header approved several
# times is several examples, so frequent choices weigh more too.
RECENT_BOOST = 4.0
HALF_LIFE_DAYS = 90.0
_TENANT = re.compile(r"[A-Za-z0-9._-]{1,64}")


class ModelRegistry:
    def __init__(self, model_dir, corpus_dir=corpus.CORPUS_DIR):
        self.model_dir = Path(model_dir)
        self.corpus_dir = corpus_dir
        self._lock = threading.Lock()
        self._base_fields = None
        self._layouts = None
        self._tenant_fields = {}

    def prepare(self):
        """Loads the base models, training and saving them first when the model directory has
        none for this corpus (worker/start runs this before the worker takes jobs)."""
        self.layouts()
        self.fields()

    def layouts(self):
        with self._lock:
            if self._layouts is None:
                self._layouts = self._load_or_train(
                    f"layouts-{self._corpus_digest()}.pkl", lambda: LayoutModel().fit(
                        [(f.columns, f.layout) for f in corpus.load(self.corpus_dir)]))
            return self._layouts

    def fields(self, tenant_id=None):
        """The tenant's field model when it has approved mappings, else the base one."""
        with self._lock:
            if tenant_id and _TENANT.fullmatch(tenant_id):
                if tenant_id not in self._tenant_fields:
                    self._tenant_fields[tenant_id] = load(self._tenant_path(tenant_id))
                if self._tenant_fields[tenant_id] is not None:
                    return self._tenant_fields[tenant_id]
            if self._base_fields is None:
                self._base_fields = self._load_or_train(
                    f"fields-{self._corpus_digest()}.pkl",
                    lambda: FieldModel().fit(self._corpus_examples()))
            return self._base_fields

    def retrain(self, tenant_id, mappings, now=None):
        """Learns the tenant's approved mappings (``header``, ``values``, ``field``, ``approvedAt``)
        on top of the corpus; returns the new model's version."""
        if not _TENANT.fullmatch(tenant_id or ""):
            raise ValueError("a tenant id is required")
        now = now or datetime.now(timezone.utc)
        approved = [_approved_example(tenant_id, m, now) for m in mappings]
        approved = [a for a in approved if a is not None]
        model = FieldModel().fit(self._corpus_examples() + approved,
                                 version_tag=f"{tenant_id}.{len(approved)}")
        save(model, self._tenant_path(tenant_id))
        with self._lock:
            self._tenant_fields[tenant_id] = model
        log.info("tenant %s: field model %s learned %d approved columns", tenant_id,
                 model.version, len(approved))
        return model.version, len(approved)

    def _corpus_digest(self):
        """Names the base models after the corpus they learned from: a changed corpus retrains."""
        labels = (Path(self.corpus_dir) / "labels.json").read_bytes()
        return hashlib.sha256(labels).hexdigest()[:12]

    def _corpus_examples(self):
        return examples(corpus.load(self.corpus_dir))

    def _tenant_path(self, tenant_id):
        return self.model_dir / "tenants" / tenant_id / "fields.pkl"

    def _load_or_train(self, name, train):
        path = self.model_dir / name
        model = load(path)
        if model is None:
            model = train()
            try:
                save(model, path)
            except OSError as error:
                log.warning("could not save the model %s: %s", path, error)
        return model


def _approved_example(tenant_id, mapping, now):
    field = mapping.get("field")
    values = mapping.get("values") or []
    if not isinstance(field, str) or not field or not isinstance(values, list):
        return None
    age_days = 0.0
    approved_at = mapping.get("approvedAt")
    if isinstance(approved_at, str):
        try:
            when = datetime.fromisoformat(approved_at.replace("Z", "+00:00"))
            age_days = max((now - when).total_seconds() / 86400.0, 0.0)
        except ValueError:
            pass
    weight = 1.0 + RECENT_BOOST * 0.5 ** (age_days / HALF_LIFE_DAYS)
    return Example(mapping.get("header"), tuple(str(v) for v in values[:200]), field,
                   f"tenant:{tenant_id}:{mapping.get('jobId', '')}", weight)
