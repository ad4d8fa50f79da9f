"""Per-column statistics of the source: inferred type, nulls, distinct values and examples.

They give generic tables their field types and, when a file needs mapping, the ``columnProfile``
a user maps columns from.
"""

from itertools import filterfalse

from parser_worker.value_types import NULL_TOKENS, FormatNarrowing, formats_for

MAX_DISTINCT = 1000  # distinct values are counted up to this many per column
MAX_EXAMPLES = 5
MAX_EXAMPLE_CHARS = 200
BATCH_ROWS = 1024  # rows a parser collects before the columns observe them (``ColumnBatch``)


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

    def observe_many(self, raws):
        """``observe`` of each of ``raws`` in order, with the same outcome, column-wise: nulls
        counted at once, formats narrowed on the values no earlier one has already vouched for."""
        self.values += len(raws)
        texts = list(map(str.strip, raws))
        present = list(filterfalse(NULL_TOKENS.__contains__, texts))
        self.nulls += len(texts) - len(present)
        if not present:
            return
        self.narrowing.observe_many(present)
        distinct = self._distinct
        if len(distinct) < MAX_DISTINCT:
            examples = self._examples
            for text in present:
                if text not in distinct:
                    distinct.add(text)
                    if len(examples) < MAX_EXAMPLES:
                        examples.append(text[:MAX_EXAMPLE_CHARS])
                    if len(distinct) >= MAX_DISTINCT:
                        break

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


class ColumnBatch:
    """Rows held back until ``BATCH_ROWS`` are there, then observed column by column; as
    ``column.observe(value)`` for each ``zip(stats, row)`` in row order, only cheaper. ``flush``
    before reading the statistics."""

    def __init__(self, stats):
        self.stats = stats
        self._rows = []

    def add(self, row):
        self._rows.append(row)
        if len(self._rows) >= BATCH_ROWS:
            self.flush()

    def flush(self):
        rows = self._rows
        if not rows:
            return
        self._rows = []
        stats = self.stats
        if len(set(map(len, rows))) == 1:
            for column, values in zip(stats, zip(*rows)):
                column.observe_many(values)
            return
        for index, column in enumerate(stats):
            column.observe_many([row[index] for row in rows if index < len(row)])
