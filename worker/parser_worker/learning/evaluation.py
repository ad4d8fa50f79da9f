"""How good the models are on files they never learned from.

The corpus is split by file, the same way every time: in each family every fourth file is held
out. The models learn from the rest; on the held-out files we measure top-1 and top-3 accuracy and
the expected calibration error (ECE: the gap between stated confidence and observed accuracy,
averaged over 10 confidence bins weighted by how many predictions fall in each).

    python3 -m parser_worker.learning.evaluation     # prints the figures as JSON
"""

import json
from collections import defaultdict

from parser_worker.learning import corpus
from parser_worker.learning.models import FieldModel, LayoutModel, examples

BINS = 10


def split(files):
    by_family = defaultdict(list)
    for labelled in sorted(files, key=lambda f: f.name):
        by_family[labelled.family].append(labelled)
    train, held_out = [], []
    for members in by_family.values():
        for index, labelled in enumerate(members):
            (held_out if index % 4 == 3 else train).append(labelled)
    return train, held_out




def expected_calibration_error(confidences, correct, bins=BINS):
    total = len(confidences)
    if not total:
        return 0.0
    error = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidences)
                   if low <= c < high or (b == bins - 1 and c == 1.0)]
        if members:
            accuracy = sum(correct[i] for i in members) / len(members)
            confidence = sum(confidences[i] for i in members) / len(members)
            error += len(members) / total * abs(accuracy - confidence)
    return error


def _scores(ranked_lists, truths):
    top1 = [ranked[0][0] == truth for ranked, truth in zip(ranked_lists, truths)]
    top3 = [truth in [label for label, _ in ranked[:3]] for ranked, truth in zip(ranked_lists, truths)]
    confidences = [ranked[0][1] for ranked in ranked_lists]
    return {
        "count": len(truths),
        "top1": round(sum(top1) / len(truths), 4),
        "top3": round(sum(top3) / len(truths), 4),
        "ece": round(expected_calibration_error(confidences, [1.0 if t else 0.0 for t in top1]), 4),
    }


def evaluate(directory=corpus.CORPUS_DIR):
    files = corpus.load(directory)
    train, held_out = split(files)
    fields = FieldModel().fit(examples(train))
    layouts = LayoutModel().fit([(f.columns, f.layout) for f in train])

    field_ranked, field_truths = [], []
    for labelled in held_out:
        for suggestions, truth in zip(fields.suggest(labelled.columns), labelled.fields):
            field_ranked.append([(s.label, s.confidence) for s in suggestions])
            field_truths.append(truth)
    layout_ranked = [layouts.classify(f.columns) for f in held_out]
    layout_truths = [f.layout for f in held_out]
    unknown_confidence = [
        max((c for label, c in ranked if label != corpus.UNKNOWN), default=0.0)
        for ranked, f in zip(layout_ranked, held_out) if f.layout == corpus.UNKNOWN]
    return {
        "corpus": {"files": len(files), "train": len(train), "heldOut": len(held_out),
                   "heldOutColumns": len(field_truths)},
        "fields": _scores(field_ranked, field_truths),
        "layouts": _scores(layout_ranked, layout_truths),
        "unknownLayoutMaxKnownConfidence": round(max(unknown_confidence, default=0.0), 4),
        "models": {"fields": fields.version, "layouts": layouts.version},
    }


if __name__ == "__main__":
    print(json.dumps(evaluate(), indent=1))
