"""The classifying step: which template or known layout a parsed file is, and how sure that is.

The tenant's own templates are tried first; the best one wins when its confidence reaches the
mapping threshold. A template the job names (``templateId``) is used whatever its confidence,
since the user chose it; a low confidence then asks for mapping. Otherwise the file is the known
layout its parser read, with the parser's certainty scaled by the share of rows it could read.
"""

import re
from dataclasses import dataclass

COLUMN_WEIGHT = 0.8  # share of a template's confidence that comes from its column names
LAYOUT_WEIGHT = 0.2  # ... and from naming the same layout
POSITIONAL_OVERLAP = 0.75  # columns without names can only be matched by count, less surely
LAYOUT_ONLY_CONFIDENCE = 0.7  # a template that names a layout but no columns

_NAME_NOISE = re.compile(r"[^0-9a-z]")


@dataclass(frozen=True)
class Classification:
    layout: str
    template: object  # the matched Template, or None
    template_version: int | None
    confidence: float

    def to_dict(self):
        return {
            "layout": self.layout,
            "templateMatched": self.template.id if self.template else None,
            "templateVersion": self.template_version if self.template else None,
            "confidence": round(self.confidence, 3),
        }


def classify(outcome, request, threshold):
    pinned = next((t for t in request.templates if t.id == request.template_id), None)
    if pinned is not None:
        return _matched(pinned, template_confidence(pinned, outcome, request.file.format),
                        outcome, request.template_version)
    scored = [(template_confidence(t, outcome, request.file.format), t) for t in request.templates]
    if scored:
        confidence, best = max(scored, key=lambda pair: pair[0])
        if confidence >= threshold:
            return _matched(best, confidence, outcome, None)
    return Classification(outcome.layout, None, None, _clamp(outcome.certainty))


def _matched(template, confidence, outcome, requested_version):
    version = requested_version if requested_version is not None else template.version
    return Classification(template.layout or outcome.layout, template, version, confidence)


def template_confidence(template, outcome, declared_format=None):
    """0-1: how well ``outcome`` fits ``template``; 0 when the template is for another format."""
    if template.format and template.format not in {outcome.format, declared_format}:
        return 0.0
    same_layout = 1.0 if template.layout == outcome.layout else 0.0
    if not template.columns:
        return LAYOUT_ONLY_CONFIDENCE * same_layout
    if outcome.named_columns:
        wanted = _names(template.columns)
        overlap = max(_jaccard(wanted, _names(outcome.columns)),
                      _jaccard(wanted, _names(f["name"] for f in outcome.fields)))
    else:
        overlap = POSITIONAL_OVERLAP if len(template.columns) == len(outcome.columns) else 0.0
    return _clamp(COLUMN_WEIGHT * overlap + LAYOUT_WEIGHT * same_layout)


def _names(names):
    return {_NAME_NOISE.sub("", name.lower()) for name in names} - {""}


def _jaccard(first, second):
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _clamp(value):
    return min(max(float(value), 0.0), 1.0)
