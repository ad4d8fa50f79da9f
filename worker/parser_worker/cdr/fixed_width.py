"""Fixed-width call record exports of telephone switches (``fixed-width-switch``).

The layout this worker documents and writes tests against is one line per call::

    START          CALLER               CALLEE               DURATN DISP  TRUNK
    20240115102345 004930123456         00494098765432       000087 ANS   TG01

start ``YYYYMMDDHHMMSS`` (or ``YYYY-MM-DD HH:MM:SS``), caller and callee left-aligned and padded
with spaces, duration in seconds zero-padded to six digits, a disposition code (ANS, NOANS,
BUSY, FAIL, CONG or a Q.850 cause number), then optionally a trunk group and a call id. Title and
column-label lines before the first call, and summary lines after the last, are skipped.

Column widths are not fixed in code: the columns are the character positions that hold text on
some call line, separated by positions that are blank on every call line, and each column's role
comes from its values: the first timestamp column is the start, the first two number columns
the caller and the callee, the next column of seconds the duration, and so on. So a switch that
pads its numbers to 16 or 24 characters, or puts the numbers first, is read the same way.
"""

import re
from dataclasses import dataclass

from parser_worker.cdr.records import (TimestampReader, disposition, duration_seconds,
                                       fields_for, is_known_disposition, layout_fields, number,
                                       record)
from parser_worker.outcome import ParseOutcome, write_item
from parser_worker.profile import ColumnBatch, ColumnStats
from parser_worker.quality import RowRejected
from parser_worker.value_types import COMPACT_DATETIME, DATETIME_FORMATS, NO_MATCH

FIXED_WIDTH_SWITCH = "fixed-width-switch"
MIN_CALL_LINES = 3
MOST_LINES = 0.8  # share of the lines from the first call to the last that must be calls
MOST_VALUES = 0.9  # share of a column's values that must fit its role
CERTAINTY = 0.85
CERTAINTY_DISPOSITION = 0.05
CERTAINTY_LABELLED = 0.03
MAX_PENDING_LINES = 1000
SAMPLE_ROWS = 10

_COMPACT_TIMESTAMP = re.compile(
    r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d")
_SEPARATED_TIMESTAMP = re.compile(
    r"(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d")
_DIGIT_RUN = re.compile(r"\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}")
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
_NUMBER = re.compile(r"\+?\d{3,}")
_CODE = re.compile(r"[A-Za-z][A-Za-z _]{0,15}|\d{1,3}")
_IDENTIFIER = re.compile(r"[0-9A-Za-z.\-]{6,}")
_TRUNK = re.compile(r"[0-9A-Za-z/_.\-]{1,32}")
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9 _./-]*")
PHONE_DIGITS = 5
SWITCH_TIMESTAMPS = (COMPACT_DATETIME, *DATETIME_FORMATS)


def looks_like_call_line(line):
    """A timestamp and two more digit runs of five or more digits (the numbers).

    The same rule as the API's upload sniffer, so both agree on what is a switch export.
    """
    timestamp = _SEPARATED_TIMESTAMP.search(line) is not None
    numbers = 0
    for run in _DIGIT_RUN.finditer(line):
        digits = run.group()
        if not timestamp and _COMPACT_TIMESTAMP.match(digits):
            timestamp = True  # a run starting with the timestamp is the timestamp
        elif len(digits) >= PHONE_DIGITS:
            numbers += 1
    return timestamp and numbers >= 2


@dataclass(frozen=True)
class Column:
    start: int
    end: int | None  # exclusive; None for the last column

    def cut(self, line):
        return line[self.start:self.end].strip()


@dataclass(frozen=True)
class FixedWidthLayout:
    columns: tuple
    roles: dict  # record field -> column index
    names: tuple  # a name per column: its label in the file, else its role, else fieldN
    labelled: bool

    def value(self, line, field):
        index = self.roles.get(field)
        return self.columns[index].cut(line) if index is not None else ""


def detect_fixed_width(lines):
    """The layout of a switch export from its first lines, or None when it is not one."""
    lines = [line.rstrip("\r\n") for line in lines]
    non_blank = [line for line in lines if line.strip()]
    is_call = [looks_like_call_line(line) for line in non_blank]
    calls = [line for line, call in zip(non_blank, is_call) if call]
    if len(calls) < MIN_CALL_LINES:
        return None
    # Titles and labels before the first call and totals after the last are allowed; between
    # them, nearly every line must be a call.
    first, last = is_call.index(True), len(is_call) - 1 - is_call[::-1].index(True)
    if len(calls) < MOST_LINES * (last - first + 1) or len(calls) * 2 < len(non_blank):
        return None
    columns = _merge_date_and_time(_columns(calls), calls)
    roles = _roles(columns, calls)
    if roles is None:
        return None
    preamble = non_blank[:non_blank.index(calls[0])]
    labels = _labels(preamble[-1], columns) if preamble else None
    names = tuple(labels) if labels else _role_names(columns, roles)
    return FixedWidthLayout(tuple(columns), roles, names, labels is not None)


def _columns(lines):
    width = max(len(line) for line in lines)
    occupied = [False] * width
    for line in lines:
        for position, char in enumerate(line):
            if char != " ":
                occupied[position] = True
    starts = [p for p in range(width) if occupied[p] and (p == 0 or not occupied[p - 1])]
    return [Column(start, starts[i + 1] if i + 1 < len(starts) else None)
            for i, start in enumerate(starts)]


def _merge_date_and_time(columns, lines):
    """Joins a date column and the time column after it: ``2024-01-15 10:23:45`` is one value."""
    merged = []
    for column in columns:
        if merged and _share(merged[-1], lines, _DATE.fullmatch) == 1.0 \
                and _share(column, lines, _TIME_OF_DAY.fullmatch) == 1.0:
            merged[-1] = Column(merged[-1].start, column.end)
        else:
            merged.append(column)
    return merged


def _share(column, lines, test, allow_empty=False):
    values = [column.cut(line) for line in lines]
    if allow_empty:
        values = [value for value in values if value]
    if not values:
        return 0.0
    return sum(1 for value in values if test(value)) / len(values)


def _roles(columns, lines):
    free = list(range(len(columns)))

    def take(test, after=-1, allow_empty=False, whole=None):
        for index in free:
            column = columns[index]
            if index > after and _share(column, lines, test, allow_empty) >= MOST_VALUES \
                    and (whole is None or whole(column)):
                free.remove(index)
                return index
        return None

    roles = {"start": take(_is_timestamp)}
    roles["caller"] = take(_NUMBER.fullmatch, allow_empty=True)
    if roles["caller"] is None:
        return None
    roles["callee"] = take(_NUMBER.fullmatch, after=roles["caller"], allow_empty=True)
    if None in roles.values():
        return None
    roles["durationSeconds"] = take(_is_duration, after=roles["callee"])
    if roles["durationSeconds"] is None:
        return None
    optional = {
        "disposition": take(_is_disposition, after=roles["durationSeconds"], allow_empty=True),
        "uniqueId": take(_IDENTIFIER.fullmatch, allow_empty=True,
                         whole=lambda column: _all_distinct(column, lines)),
        "trunk": take(_TRUNK.fullmatch, allow_empty=True),
    }
    roles.update({field: index for field, index in optional.items() if index is not None})
    return roles


def _is_timestamp(value):
    return _COMPACT_TIMESTAMP.fullmatch(value) or _SEPARATED_TIMESTAMP.fullmatch(value)


def _is_duration(value):
    return value.isdigit() or (":" in value and duration_seconds(value) is not None)


def _is_disposition(value):
    return _CODE.fullmatch(value) and (value.isdigit() or is_known_disposition(value))


def _all_distinct(column, lines):
    values = [column.cut(line) for line in lines if column.cut(line)]
    return len(set(values)) == len(values)


def _labels(line, columns):
    """Column labels from a line above the first call, if its words start where the columns do."""
    labels = [column.cut(line) if _starts_word(line, column.start) else "" for column in columns]
    if sum(1 for label in labels if label) * 2 < len(columns):
        return None
    if not all(_LABEL.fullmatch(label) for label in labels if label):
        return None
    return [label or f"field{index + 1}" for index, label in enumerate(labels)]


def _starts_word(line, position):
    return position < len(line) and line[position] != " " \
        and (position == 0 or line[position - 1] == " ")


def _role_names(columns, roles):
    by_index = {index: field for field, index in roles.items()}
    return tuple(by_index.get(index, f"field{index + 1}") for index in range(len(columns)))


def parse_fixed_width(text_file, layout, spool, progress, quality):
    spec = layout.fixed_width
    fields = layout_fields(*(name for name in ("trunk", "uniqueId") if name in spec.roles))
    times = TimestampReader(layout.sample_values(spec, "start"), SWITCH_TIMESTAMPS)
    stats = [ColumnStats(name) for name in spec.names]
    samples = []
    observed = ColumnBatch(stats)
    pending = []  # lines that are not calls, seen since the last call
    seen_call = False
    line_number = 0
    try:
        for line_number, line in enumerate(text_file, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            start = times.read(spec.value(line, "start"))
            if start is None or start is NO_MATCH:
                # Titles before the first call and totals after the last are not records;
                # a line that is not a call between two calls is a rejected row.
                if seen_call:
                    pending.append(line_number)
                    if len(pending) >= MAX_PENDING_LINES:
                        _reject_all(pending, quality)
                continue
            _reject_all(pending, quality)
            seen_call = True
            quality.read()
            try:
                call = _normalise(line, spec, start, fields)
            except RowRejected as rejected:
                quality.reject(line_number, rejected.reason)
                continue
            cells = [column.cut(line) for column in spec.columns]
            observed.add(cells)
            write_item(spool, call)
            if len(samples) < SAMPLE_ROWS:
                samples.append(cells)
            if line_number % 128 == 0 and progress.is_due(text_file.fraction):
                progress.advance(text_file.fraction, f"read {line_number:,} lines")
    except UnicodeDecodeError as error:
        raise text_file.undecodable(error) from error
    observed.flush()
    certainty = CERTAINTY + (CERTAINTY_DISPOSITION if "disposition" in spec.roles else 0.0) \
        + (CERTAINTY_LABELLED if spec.labelled else 0.0)
    return ParseOutcome(
        format="CDR",
        layout=FIXED_WIDTH_SWITCH,
        certainty=certainty * quality.accepted_ratio,
        fields=fields_for(fields),
        columns=list(spec.names),
        named_columns=True,
        profile=stats,
        sample_rows=samples,
        records=quality.rows_accepted,
    )


def _reject_all(pending, quality):
    for line_number in pending:
        quality.read()
        quality.reject(line_number, "not_a_record")
    pending.clear()


def _normalise(line, spec, start, fields):
    callee = number(spec.value(line, "callee"))
    if callee is None:
        raise RowRejected("missing_callee")
    duration = duration_seconds(spec.value(line, "durationSeconds"))
    if duration is None:
        raise RowRejected("invalid_duration")
    values = {
        "caller": number(spec.value(line, "caller")),
        "callee": callee,
        "start": start,
        "durationSeconds": duration,
        "disposition": disposition(spec.value(line, "disposition")),
    }
    for name in ("trunk", "uniqueId"):
        if name in spec.roles:
            values[name] = spec.value(line, name) or None
    return record(fields, **values)
