"""Generic delimited tables: one record per row, keyed by column name, values typed per column."""

from parser_worker.outcome import ParseOutcome, SpoolWriter, encode_item
from parser_worker.profile import ColumnBatch, ColumnStats
from parser_worker.text import delimited_rows, fit_columns
from parser_worker.value_types import NO_MATCH, NULL_TOKENS

GENERIC_CSV = "generic-csv"
SAMPLE_ROWS = 10

# How sure the layout is before rows are counted. A table no template and no call record rule
# knows is never confident: its columns are named (or not) but nobody said what they mean, so a
# user maps them. The certainty grows with the evidence that it is a table of records at all:
# a header naming every column, and the share of columns whose values all have one type
# (numbers, dates, ...) rather than free text.
CERTAINTY_NAMED = (0.3, 0.25)  # base, plus this much times the share of typed columns
CERTAINTY_PARTLY_NAMED = (0.25, 0.2)
CERTAINTY_UNNAMED = (0.2, 0.15)
CERTAINTY_SINGLE_COLUMN = 0.3  # one column may be a list of values or just lines of prose


def parse_table(text_file, layout, spool, progress, quality):
    dialect = layout.dialect
    rows = delimited_rows(text_file, dialect, progress)
    header = []
    if layout.has_header:
        first = next(rows, None)
        header = first[1] if first else []
        names, all_named = column_names(header)
    else:
        names, all_named = [f"column{i + 1}" for i in range(layout.columns)], False
    expected = len(names)
    stats = [ColumnStats(name, decimal_comma=dialect.delimiter != ",") for name in names]
    samples = []
    observed = ColumnBatch(stats)
    written = SpoolWriter(spool)
    for number, row in rows:
        quality.read()
        cells = fit_columns(row, expected)
        if cells is None:
            quality.reject(number, "column_count")
            continue
        observed.add(cells)
        written.add(cells)
        if len(samples) < SAMPLE_ROWS:
            samples.append(cells)
    observed.flush()
    written.flush()
    if layout.has_header:
        stats = _without_empty_trailing_columns(stats, header)
        names, all_named = column_names(header[:len(stats)])
        samples = [cells[:len(stats)] for cells in samples]
        base, per_typed = CERTAINTY_NAMED if all_named else CERTAINTY_PARTLY_NAMED
    else:
        base, per_typed = CERTAINTY_UNNAMED
    typed = sum(1 for column in stats if column.inferred_type != "string") / max(len(stats), 1)
    certainty = base + per_typed * typed
    formats = [column.value_format for column in stats]
    if expected == 1:
        certainty = min(certainty, CERTAINTY_SINGLE_COLUMN)
    return ParseOutcome(
        format="CSV",
        layout=GENERIC_CSV,
        certainty=certainty * quality.accepted_ratio,
        fields=[{"name": column.name, "type": column.inferred_type} for column in stats],
        columns=list(names),
        named_columns=layout.has_header,
        profile=stats,
        sample_rows=samples,
        records=quality.rows_accepted,
        build=lambda cells, record_names: _record(cells, record_names, formats),
        build_lines=_RecordBuilder(formats).build_lines,
        renamable=not layout.has_header,
    )


def _without_empty_trailing_columns(stats, header):
    """Drops columns that have neither a name nor a value, which spreadsheets leave at the end
    of rows (``a;b;;``); records are built by position, so their cells are simply left out."""
    kept = len(stats)
    while kept > 1 and not header[kept - 1].strip() \
            and stats[kept - 1].nulls == stats[kept - 1].values:
        kept -= 1
    return stats[:kept]


def column_names(header):
    """Unique names from header cells; blank cells become ``columnN``, repeats get ``_2``, ``_3``.
    Also tells whether every column was named, once."""
    names, seen = [], set()
    all_named = True
    for index, cell in enumerate(header):
        name = cell.strip()
        if not name:
            name, all_named = f"column{index + 1}", False
        base, suffix = name, 2
        while name in seen:
            name, suffix, all_named = f"{base}_{suffix}", suffix + 1, False
        seen.add(name)
        names.append(name)
    return names, all_named


MAX_REMEMBERED_VALUES = 4096  # per column: cells as written -> "name":value of the record...
MAX_REMEMBERED_CHARS = 64  # ... for cells no longer than this


class _RecordBuilder:
    """The JSON lines of many rows' records at once, as ``encode_item(_record(...))`` of each:
    column by column, each cell's ``"name":value`` text remembered for the column's recent
    values (a column of dates or amounts repeats many of them), the lines joined at the end."""

    def __init__(self, formats):
        self._formats = formats
        self._seen = [{} for _ in formats]
        self._keys = [None for _ in formats]

    def build_lines(self, rows, names):
        width = min(len(names), len(self._formats))
        if width == 0 or len(set(names[:width])) != width \
                or any(len(cells) < width for cells in rows):
            return "".join([encode_item(_record(cells, names, self._formats)) + "\n"
                            for cells in rows])
        columns = [self._column(values, index, names[index])
                   for index, values in zip(range(width), zip(*rows))]
        return "".join(["{" + ",".join(members) + "}\n" for members in zip(*columns)])

    def _column(self, values, index, name):
        """Each value's ``"name":value`` member of its record."""
        key = encode_item(name) + ":"
        seen = self._seen[index]
        if self._keys[index] != key:
            self._keys[index] = key
            seen.clear()
        value_format = self._formats[index]
        parse = value_format.parse if value_format is not None else None
        members = []
        for raw in values:
            member = seen.get(raw)
            if member is None:
                text = raw.strip()
                if text in NULL_TOKENS:
                    value = None
                elif parse is None:
                    value = raw
                else:
                    value = parse(text)
                    if value is NO_MATCH:
                        value = raw
                member = key + encode_item(value)
                if len(seen) < MAX_REMEMBERED_VALUES and len(raw) <= MAX_REMEMBERED_CHARS:
                    seen[raw] = member
            members.append(member)
        return members


def _record(cells, names, formats):
    record = {}
    for name, value_format, raw in zip(names, formats, cells):
        text = raw.strip()
        if text in NULL_TOKENS:
            record[name] = None
        elif value_format is None:
            record[name] = raw
        else:
            value = value_format.parse(text)
            record[name] = raw if value is NO_MATCH else value
    return record
