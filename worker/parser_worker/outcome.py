"""What a parser hands on to classification and writing."""

import json
from dataclasses import dataclass, field
from itertools import repeat
from typing import Callable


@dataclass
class ParseOutcome:
    """The result of the parsing step, before classification.

    ``columns`` are the source's column names (header cells, or names the layout defines),
    which templates are matched against; ``named_columns`` is False when they are only
    positions (``column1``...). ``build`` turns a spooled item into a record; None means the
    spool already holds the final JSON lines. ``build_lines``, when given, turns a list of items
    into their records' JSON lines at once, as ``build`` and ``encode_item`` would (the writing
    step prefers it).
    """

    format: str
    layout: str
    certainty: float
    fields: list
    columns: list
    named_columns: bool
    profile: list
    sample_rows: list
    records: int
    build: Callable | None = None
    details: dict = field(default_factory=dict)
    renamable: bool = False
    build_lines: Callable | None = None

    def rename(self, names):
        """Names positional columns after a template's columns (generic tables only)."""
        for entry, name in zip(self.fields, names):
            entry["name"] = name
        self.columns = list(names)
        self.named_columns = True



def _item_encoder():
    """What json.dumps(item, ensure_ascii=False, separators=(",", ":")) builds on every call,
    built once: CPython's C encoder as JSONEncoder.encode makes it, less the check for circular
    references (items are rows and records: flat lists and dicts)."""
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return plain.encode, lambda items: "\n".join(map(plain.encode, items))
    encode = make(None, plain.default, json.encoder.c_encode_basestring, None, ":", ",", False,
                  False, True)
    join = "".join
    return (lambda item: join(encode(item, 0)),
            lambda items: "\n".join(map(join, map(encode, items, repeat(0)))))


# encode_item(item): its JSON text; encode_items(items): theirs, a line each (no final newline)
encode_item, encode_items = _item_encoder()


class SpoolWriter:
    """``write_item`` for many items: lines written to the spool ``BATCH`` at a time. ``flush``
    when done."""

    BATCH = 1024

    def __init__(self, spool):
        self._spool = spool
        self._items = []

    def add(self, item):
        self._items.append(item)
        if len(self._items) >= self.BATCH:
            self.flush()

    def flush(self):
        if self._items:
            self._spool.write(encode_items(self._items) + "\n")
            self._items = []


def write_item(spool, item):
    """Appends one item (a record, or a row to turn into one) to the spool as a JSON line."""
    spool.write(encode_item(item) + "\n")
