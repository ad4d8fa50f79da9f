"""The two learned models, trained from the corpus (and a tenant's approved mappings), calibrated,
saved and applied.

``FieldModel`` ranks the fields a column may hold; ``LayoutModel`` says which layout a file has.
Both are multinomial logistic regressions (scikit-learn) over the features of ``features``. Their
raw probabilities are then calibrated: an isotonic map, fitted on out-of-fold predictions of the
training files (the model never scores a file it learned from), turns a raw probability into the
share of such predictions that were right. That calibrated number is the confidence we report.
"""

import hashlib
import json
import pickle
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from parser_worker.learning.features import (dominant_kind, file_document, header_words,
                                             value_profile)

MODEL_FORMAT = 1
FOLDS = 5
TOP_K = 3


@dataclass(frozen=True)
class Example:
    """One labelled column: its header (or None), sampled values, field, and how much it counts."""

    header: str | None
    values: tuple
    label: str
    group: str  # the file it came from: folds never split a file
    weight: float = 1.0


@dataclass(frozen=True)
class Suggestion:
    label: str
    confidence: float
    reason: str


def examples(files, weight=1.0):
    """The training examples of labelled files (``name``, ``columns``, ``fields``): each column with
    the field it holds, grouped by file."""
    return [Example(column.header, tuple(column.values), label, labelled.name, weight)
            for labelled in files
            for column, label in zip(labelled.columns, labelled.fields)]


class _ColumnVectorizer:
    """Header character n-grams and words, and the value profile, side by side."""

    def __init__(self):
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        self.words = TfidfVectorizer(analyzer="word", token_pattern=r"[a-z0-9]+")
        self.profile = DictVectorizer()

    def fit(self, headers, profiles):
        texts = [h or "_" for h in headers]
        self.chars.fit(texts)
        self.words.fit(texts)
        self.profile.fit(profiles)
        return self

    def transform(self, headers, profiles):
        texts = [h or "_" for h in headers]
        return hstack([self.chars.transform(texts), self.words.transform(texts),
                       csr_matrix(self.profile.transform(profiles)) * 2.0]).tocsr()


class _Calibrated:
    """A logistic regression with an isotonic map from its raw probabilities to observed accuracy."""

    def __init__(self, c):
        self.c = c
        self.classifier = None
        self.calibration = None

    def _classifier(self):
        return LogisticRegression(C=self.c, max_iter=3000, class_weight="balanced")

    def fit(self, matrix_of, labels, groups, weights):
        labels = np.asarray(labels)
        weights = np.asarray(weights, dtype=float)
        raw, right = [], []
        folds = min(FOLDS, len(set(groups)))
        for train, held in GroupKFold(n_splits=folds).split(labels, labels, groups):
            if len(set(labels[train])) < 2:
                continue
            matrix = matrix_of(train)
            model = self._classifier().fit(matrix, labels[train], sample_weight=weights[train])
            probabilities = model.predict_proba(matrix_of(held, fitted_on=train))
            for row, truth in zip(probabilities, labels[held]):
                for index in np.argsort(row)[::-1][:TOP_K]:
                    raw.append(row[index])
                    right.append(1.0 if model.classes_[index] == truth else 0.0)
        self.calibration = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip",
                                              increasing=True).fit(raw, right)
        everything = np.arange(len(labels))
        self.classifier = self._classifier().fit(matrix_of(everything), labels,
                                                 sample_weight=weights)
        return self

    def ranked(self, matrix, k=TOP_K):
        """Per row, the k best (label, calibrated confidence, raw probability), best first."""
        answers = []
        for row in self.classifier.predict_proba(matrix):
            best = np.argsort(row)[::-1][:k]
            calibrated = self.calibration.predict(row[best])
            answers.append([(str(self.classifier.classes_[i]), float(c), float(row[i]))
                            for i, c in zip(best, calibrated)])
        return answers


class FieldModel:
    """Which field a column holds, ranked, each with a calibrated confidence and a reason."""

    def __init__(self, c=4.0):
        self.c = c
        self.version = None
        self._model = None
        self._vectorizer = None
        self._headers_by_label = {}

    def fit(self, examples, version_tag="base"):
        headers = [header_words(e.header) for e in examples]
        profiles = [value_profile(e.values) for e in examples]
        labels = [e.label for e in examples]
        groups = [e.group for e in examples]
        weights = [e.weight for e in examples]
        vectorizers = {}

        def matrix_of(rows, fitted_on=None):
            key = tuple(fitted_on if fitted_on is not None else rows)
            if key not in vectorizers:
                vectorizers[key] = _ColumnVectorizer().fit([headers[i] for i in key],
                                                           [profiles[i] for i in key])
            return vectorizers[key].transform([headers[i] for i in rows],
                                              [profiles[i] for i in rows])

        self._model = _Calibrated(self.c).fit(matrix_of, labels, groups, weights)
        self._vectorizer = vectorizers[tuple(range(len(examples)))]
        self._headers_by_label = {}
        for header, label in zip(headers, labels):
            if header:
                self._headers_by_label.setdefault(label, set()).add(header)
        self.version = _version("fields", examples, version_tag)
        return self

    def suggest(self, columns, k=TOP_K):
        """Per column (objects with ``header`` and ``values``), the k most likely fields."""
        if not columns:
            return []
        headers = [header_words(c.header) for c in columns]
        matrix = self._vectorizer.transform(headers, [value_profile(c.values) for c in columns])
        return [[Suggestion(label, round(confidence, 4), self._reason(column, header, label))
                 for label, confidence, _ in ranked]
                for column, header, ranked in zip(columns, headers,
                                                  self._model.ranked(matrix, k))]

    def _reason(self, column, header, label):
        parts = []
        known = self._headers_by_label.get(label, set())
        if header and header in known:
            parts.append(f"the header '{column.header}' has meant {label} before")
        elif header:
            close = _closest(header, known)
            if close and _similarity(header, close) >= 0.5:
                parts.append(f"the header '{column.header}' is close to '{close}'")
        kind, share = dominant_kind(column.values)
        if kind:
            parts.append(f"{round(share * 100)} % of the values look like {kind.replace('_', ' ')}")
        return "; ".join(parts) or "the values and header as a whole"


class LayoutModel:
    """Which layout a file has (a built-in layout's key, another call-record export, or unknown)."""

    def __init__(self, c=8.0):
        self.c = c
        self.version = None
        self._model = None
        self._vectorizer = None

    def fit(self, files, version_tag="base"):
        """``files``: (columns, layout) pairs."""
        documents = [file_document(columns) for columns, _ in files]
        labels = [layout for _, layout in files]
        groups = [str(i) for i in range(len(files))]
        vectorizers = {}

        def matrix_of(rows, fitted_on=None):
            key = tuple(fitted_on if fitted_on is not None else rows)
            if key not in vectorizers:
                vectorizers[key] = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit(
                    [documents[i] for i in key])
            return vectorizers[key].transform([documents[i] for i in rows])

        self._model = _Calibrated(self.c).fit(matrix_of, labels, groups, [1.0] * len(files))
        self._vectorizer = vectorizers[tuple(range(len(files)))]
        self.version = _version("layouts", [(d, l) for d, l in zip(documents, labels)],
                                version_tag)
        return self

    def classify(self, columns, k=TOP_K):
        """The k most likely layouts of a file, as (layout, calibrated confidence), best first."""
        matrix = self._vectorizer.transform([file_document(columns)])
        return [(label, round(confidence, 4)) for label, confidence, _ in
                self._model.ranked(matrix, k)[0]]


def save(model, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as out:
        pickle.dump({"format": MODEL_FORMAT, "model": model}, out)
    temporary.replace(path)


def load(path):
    """A model this worker saved; None when there is none or it is of another format."""
    try:
        with open(path, "rb") as source:
            saved = pickle.load(source)  # only files this worker wrote under its own model dir
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return saved.get("model") if saved.get("format") == MODEL_FORMAT else None


def _version(kind, examples, tag):
    digest = hashlib.sha256(json.dumps([repr(e) for e in examples]).encode()).hexdigest()[:10]
    return f"{kind}-{tag}-{digest}"


def _similarity(a, b):
    grams = lambda text: {text[i:i + 3] for i in range(max(1, len(text) - 2))}
    left, right = grams(a), grams(b)
    return len(left & right) / len(left | right) if left and right else 0.0


def _closest(header, known):
    return max(known, key=lambda other: _similarity(header, other), default=None)
