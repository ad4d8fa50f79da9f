"""The delimiter, quoting and header of delimited text, sniffed from the head of the file.

``csv.Sniffer`` is asked first, but only trusted when its delimiter also splits the sample into a
consistent number of columns: on its own it happily picks a letter or a space. Otherwise each
usual delimiter is tried and the one giving the most consistent column count wins.
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
    return Dialect(delimiter=found.delimiter, quotechar=found.quotechar or '"',
                   doublequote=found.doublequote, skipinitialspace=found.skipinitialspace)


def _is_consistent(head, dialect):
    count, share = column_count(sample_rows(head, dialect))
    return count >= 2 and share >= MIN_CONSISTENCY


def has_header(rows, head_text=None):
    """Whether the first of ``rows`` names the columns rather than holding data.

    A first row holding a number or a date is data. A first row of text above a column whose
    values are numbers, dates or booleans is a header. When every column is text, a first-row
    value that repeats further down the column is data; otherwise ``csv.Sniffer`` decides.
    """
    if not rows:
        return False
    first, data = rows[0], rows[1:SNIFF_LINES + 1]
    if any(looks_typed(cell) for cell in first if cell.strip()):
        return False
    if not data:
        return all(cell.strip() for cell in first)
    for index, name in enumerate(first):
        values = [row[index].strip() for row in data if index < len(row) and row[index].strip()]
        if not values:
            continue
        narrowing = FormatNarrowing(formats_for(None))
        for value in values:
            narrowing.observe(value)
        if narrowing.type != STRING:
            return True
    repeats = sum(1 for index, name in enumerate(first)
                  if name.strip() and any(index < len(row) and row[index].strip() == name.strip()
                                          for row in data))
    if repeats:
        return False
    if head_text is not None and _sniffer_sees_header(head_text):
        return True
    names = [cell.strip() for cell in first]
    return all(names) and len(set(names)) == len(names)


def _sniffer_sees_header(head_text):
    try:
        return csv.Sniffer().has_header(head_text)
    except csv.Error:
        return False
