"""Per-column statistics of the source: inferred type, nulls, distinct values and examples.

They give generic tables their field types and, when a file needs mapping, the ``columnProfile``
a user maps columns from.
"""

from parser_worker.value_types import NULL_TOKENS, FormatNarrowing, formats_for

MAX_DISTINCT = 1000  # distinct values are counted up to this many per column
MAX_EXAMPLES = 5
MAX_EXAMPLE_CHARS = 200


class ColumnStats:
    def __init__(self, name, decimal_comma=False):
        self.name = name
        self.values = 0
        self.nulls = 0
        self._distinct = set()
        self._examples = []
        self.narrowing = FormatNarrowing(formats_for(name, decimal_comma))

    def observe(self, raw):
        self.values += 1
        text = raw.strip()
        if text in NULL_TOKENS:
            self.nulls += 1
            return
        self.narrowing.observe(text)
        if len(self._distinct) < MAX_DISTINCT and text not in self._distinct:
            self._distinct.add(text)
            if len(self._examples) < MAX_EXAMPLES:
                self._examples.append(text[:MAX_EXAMPLE_CHARS])

    @property
    def inferred_type(self):
        return self.narrowing.type

    @property
    def value_format(self):
        return self.narrowing.best

    def to_dict(self):
        return {
            "name": self.name,
            "inferredType": self.inferred_type,
            "nullRatio": round(self.nulls / self.values, 4) if self.values else 1.0,
            "distinct": len(self._distinct),
            "examples": list(self._examples),
        }
