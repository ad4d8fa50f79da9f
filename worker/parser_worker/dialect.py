"""The delimiter and header of delimited text, sniffed from the head of the file.

``csv.Sniffer`` is asked first, but only trusted when its delimiter also splits the sample into a
consistent number of columns: on its own it happily picks a letter or a space. Otherwise each
usual delimiter is tried and the one giving the most consistent column count wins.

Quoting is not sniffed: it is always RFC 4180's (double quotes, a doubled quote inside a quoted
field is one quote), as the API's ``CsvDialect`` states and its validator reads every record. The
quote character and the doubled-quote flag ``csv.Sniffer`` guesses from the head would split the
rest of the file otherwise than the API checked it: a single quote it saw around a few fields
swallows the delimiters after an apostrophe, and a head without a doubled quote turns one later
into two.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass

from parser_worker.value_types import STRING, FormatNarrowing, formats_for, looks_typed

DELIMITERS = ",;\t|"
SNIFF_LINES = 50
MIN_CONSISTENCY = 0.75  # share of sample rows that must fit the most common column count


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quotechar: str = '"'
    doublequote: bool = True
    skipinitialspace: bool = False

    def reader(self, lines):
        return csv.reader(lines, delimiter=self.delimiter, quotechar=self.quotechar,
                          doublequote=self.doublequote, skipinitialspace=self.skipinitialspace,
                          strict=False)


def sample_rows(text, dialect, limit=None):
    """The non-blank rows of ``text`` split with ``dialect`` (at most ``limit``)."""
    rows = []
    try:
        for row in dialect.reader(io.StringIO(text, newline="")):
            if row and any(cell.strip() for cell in row):
                rows.append(row)
                if limit and len(rows) >= limit:
                    break
    except csv.Error:
        pass
    return rows


def column_count(rows):
    """The most common column count of ``rows`` and the share of rows that fit it.

    A row fits when it has that many cells, or more with only empty cells past them (spreadsheet
    exports often pad some rows with trailing delimiters).
    """
    if not rows:
        return 0, 0.0
    count = Counter(len(row) for row in rows).most_common(1)[0][0]
    fitting = sum(1 for row in rows
                  if len(row) == count or (len(row) > count
                                           and not any(cell.strip() for cell in row[count:])))
    return count, fitting / len(rows)


def detect_dialect(text):
    """The dialect that splits ``text`` (whole lines only) consistently, or None."""
    head = "".join(text.splitlines(keepends=True)[:SNIFF_LINES])
    sniffed = _sniff(head)
    if sniffed is not None and _is_consistent(head, sniffed):
        return sniffed
    best = None
    for delimiter in DELIMITERS:
        candidate = Dialect(delimiter=delimiter)
        count, share = column_count(sample_rows(head, candidate))
        if count >= 2 and share >= MIN_CONSISTENCY:
            if best is None or (share, count) > best[0]:
                best = ((share, count), candidate)
    return best[1] if best else None


def _sniff(head):
    try:
        found = csv.Sniffer().sniff(head, delimiters=DELIMITERS)
    except csv.Error:
        return None
    return Dialect(delimiter=found.delimiter, skipinitialspace=found.skipinitialspace)


def _is_consistent(head, dialect):
    count, share = column_count(sample_rows(head, dialect))
    return count >= 2 and share >= MIN_CONSISTENCY


def has_header(rows):
    """Whether the first of ``rows`` names the columns rather than holding data.

    The rule of the API's ``CsvSniffer``, so both sides agree. The first row must name every
    column that holds values (an empty name over an empty column is padding), with names that
    are not numbers or dates, differ from each other and do not recur in their own column. Then
    each column votes: one of typed values (numbers, dates, booleans) or of equal-length values
    under a name of another length is for a header; one of equal-length values under a name of
    that same length is against. The first row is a header unless the votes against are more.
    """
    if not rows:
        return False
    first, data = rows[0], rows[1:SNIFF_LINES + 1]
    names = [cell.strip() for cell in first]
    if not data:
        return all(names) and not any(looks_typed(name) for name in names)
    columns = [[row[index].strip() for row in data if index < len(row) and row[index].strip()]
               for index in range(len(names))]
    seen = set()
    for name, values in zip(names, columns):
        if not name and not values:
            continue
        if not name or looks_typed(name) or name.lower() in seen or name in values:
            return False
        seen.add(name.lower())
    votes = 0
    for name, values in zip(names, columns):
        if not values:
            continue
        if _is_typed(values):
            votes += 1
        elif all(len(value) == len(values[0]) for value in values):
            votes += -1 if len(values[0]) == len(name) else 1
    return votes >= 0


def _is_typed(values):
    narrowing = FormatNarrowing(formats_for(None))
    for value in values:
        narrowing.observe(value)
    return narrowing.type != STRING
