"""Matching a text file against template documents, and extracting its rows with the best one.

Matching reads the head of the file the way each template says (delimiter, quote, header line,
lines to skip, fixed width) and weighs the evidence:

- **header agreement** (templates that locate fields by header name): the share of those names
  the header has, a name found only when compared loosely (case, spaces and punctuation
  ignored) counting ``LOOSE_CREDIT``;
- **row validity**: the share of sampled rows whose every field reads as its type and
  ``format`` and passes its rules (a row too short for the template's columns or line length
  fails);
- **specificity** (templates without a header): how many fields can fail at all (a type other
  than text, a regex or an enum; ``SPECIFIC_FIELDS`` of them are enough), since a template of
  plain text columns fits any table of enough columns.

A template fits when most sampled rows validate (and, with a header, most names agree). The
best fitting template wins, ties going to the one that reads more fields; a template the job
pins (``templateId``) wins whenever it fits at all (one sampled row validates). The confidence
reported after the parse is the same weighing with the share of all rows read that were
accepted, so it comes from the file, never from a constant.

Extraction applies the field rules to every row: ``required``, ``regex``, ``enum``,
``min``/``max`` and ``unique``. A rejected row is counted in ``quality`` with a reason
``<kind>_<field>`` (``missing_callee``, ``invalid_start``, ``pattern_caller``,
``not_allowed_disposition``, ``out_of_range_duration_seconds``, ``duplicate_unique_id``),
``column_count`` when it is too short for the template (or longer than its header), or
``not_a_record`` when none of its required fields can be read at all.

Templates of format ``CDR`` that extract the normalised call record names (``caller``,
``callee``, ``start``...) write normalised call records: all of ``caller``..``disposition``,
the optional ones they extract, then any other fields; ``disposition`` is normalised, and
``durationSeconds`` is computed from ``start`` and ``end`` when the layout has no duration.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache, partial

from parser_worker.cdr.records import (ANSWERED, CDR_FIELDS, TIMESTAMP_FORMATS, UNKNOWN,
                                       disposition, layout_fields)
from parser_worker.dialect import detect_dialect
from parser_worker.errors import BadFile
from parser_worker.outcome import ParseOutcome, SpoolWriter
from parser_worker.profile import ColumnBatch, ColumnStats
from parser_worker.quality import RowRejected
from parser_worker.value_types import DATE_FORMATS, DURATION_FORMAT, NO_MATCH, NULL_TOKENS

SAMPLE_ROWS = 200
MIN_VALIDITY = 0.5  # share of sampled rows that must validate for a template to fit
MIN_AGREEMENT = 0.5  # share of header names that must be found
LOOSE_CREDIT = 0.6  # a header name found only when compared loosely
HEADER_WEIGHT = 0.3  # of a header template's confidence; the rest is row validity
SPECIFIC_WEIGHT = 0.2  # of a headerless template's confidence, from fields that can fail...
SPECIFIC_FIELDS = 5  # ... of which this many make it fully specific
MAX_PENDING_LINES = 1000  # fixed width: non-record lines held back in case they are a trailer
PROFILE_COLUMNS = 200
SAMPLE_RECORDS = 10

_LOOSE_NOISE = re.compile(r"[^0-9a-z]")
_INTEGER = re.compile(r"[-+]?\d{1,18}")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")
_CURRENCY_MARK = re.compile(r"^(?:[A-Z]{3}\s*|[$€£¥]\s*)|(?:\s*[A-Z]{3}|\s*[$€£¥])$")
_PHONE = re.compile(r"\+?[0-9*#][0-9*# ()./-]*")
_DIGIT = re.compile(r"\d")
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")
INCOMPLETE_PAIR = "\x00"  # leads a combined field's text when its date or its time is missing

# Output types of the result's ``fields`` for template types the README does not list.
_OUTPUT_TYPES = {"currency": "decimal", "enum": "string"}


class Evidence:
    """How a candidate template's fit is scored from its evidence: ``spec``, ``agreement`` (the
    header's or the anchors' share, None when the template names none) and ``validity`` (the
    share of what it read that validates). Shared by table and PDF candidates."""

    @property
    def specificity(self):
        checked = sum(1 for f in self.spec.fields if f.checks_values)
        return min(checked / SPECIFIC_FIELDS, 1.0)

    def score(self, validity=None):
        validity = self.validity if validity is None else validity
        if self.agreement is not None:
            return HEADER_WEIGHT * self.agreement + (1 - HEADER_WEIGHT) * validity
        return validity * ((1 - SPECIFIC_WEIGHT) + SPECIFIC_WEIGHT * self.specificity)

    @property
    def fits(self):
        return self.validity >= MIN_VALIDITY and (self.agreement is None
                                                  or self.agreement >= MIN_AGREEMENT)

    @property
    def fits_at_all(self):
        return self.validity > 0


@dataclass
class Match(Evidence):
    """How well a template fits the head of a file."""

    spec: object
    delimiter: str | None
    agreement: float | None  # None for templates without header names
    validity: float
    rows: int
    pinned: bool = False
    encoding: object = None  # the ``TextEncoding`` the file is read in


def choose(specs, head, dialect_hint=None, pinned_id=None, pinned_version=None):
    """The best ``Match`` of ``specs`` on ``head``, or None when none fits. ``head`` is the
    decoded head of the file, or a function of a template giving it decoded the way that
    template reads the file (None when it cannot be)."""
    head_for = head if callable(head) else (lambda spec: head)
    candidates = [spec for spec in specs if spec.format != "PDF"]
    pinned = [spec for spec in candidates if is_pinned(spec, pinned_id, pinned_version)]
    for spec in pinned:
        text = head_for(spec)
        found = evaluate(spec, text, dialect_hint) if text is not None else None
        if found is not None and found.fits_at_all:
            found.pinned = True
            return found
    best = None
    for spec in candidates:
        text = head_for(spec)
        found = evaluate(spec, text, dialect_hint) if text is not None else None
        if found is None or not found.fits:
            continue
        key = (round(found.score(), 6), len(spec.fields))
        if best is None or key > best[0]:
            best = (key, found)
    return best[1] if best else None


def is_pinned(spec, pinned_id, pinned_version):
    """Whether ``spec`` is the template (and version) the job pins."""
    return pinned_id is not None and spec.id == pinned_id \
        and (pinned_version is None or spec.version in (None, pinned_version))


def evaluate(spec, head, dialect_hint=None):
    """How ``spec`` fits ``head``; None when the head cannot even be read its way."""
    delimiter = None
    if not spec.source.fixed_width:
        delimiter = _delimiter(spec, head, dialect_hint)
        if delimiter is None:
            return None
    reader = Reader(spec, delimiter)
    outcomes = []  # whether each sampled row validated
    try:
        extractor = Extractor(spec, reader)
        for _, row in reader.records(io.StringIO(head, newline="")):
            try:
                extractor.extract(row)
                outcomes.append(True)
            except RowRejected:
                outcomes.append(False)
            if len(outcomes) >= SAMPLE_ROWS:
                break
    except csv.Error:
        return None
    if spec.source.fixed_width and any(outcomes):
        # Titles and labels before the first record and totals after the last are no rows.
        first = outcomes.index(True)
        last = len(outcomes) - 1 - outcomes[::-1].index(True)
        outcomes = outcomes[first:last + 1]
    if not outcomes:
        return None
    agreement = reader.agreement if spec.header_fields else None
    return Match(spec, delimiter, agreement, sum(outcomes) / len(outcomes), len(outcomes))


def _delimiter(spec, head, dialect_hint):
    if spec.source.delimiter:
        return spec.source.delimiter
    if dialect_hint is not None:
        return dialect_hint.delimiter
    lines = head.splitlines(keepends=True)[spec.source.skip_lines:]
    found = detect_dialect("".join(lines))
    return found.delimiter if found else None


class Reader:
    """The records of a file read the way a template says, and where its fields are."""

    def __init__(self, spec, delimiter):
        self.spec = spec
        self.delimiter = delimiter
        self.header = None
        self.columns = {}  # field name -> column index, for header-located fields
        self.agreement = 0.0

    def records(self, lines, on_record=None):
        """(row number, cells or line) of each data record; the header is read on the way."""
        source = self.spec.source
        iterator = iter(lines)
        for _ in range(source.skip_lines):
            if next(iterator, None) is None:
                return
        if source.fixed_width:
            yield from self._lines(iterator, on_record)
        else:
            yield from self._delimited(iterator, on_record)

    def _lines(self, iterator, on_record):
        number = self.spec.source.skip_lines
        skip = (1 + self.spec.source.skip_after_header) if self.spec.source.header else 0
        for line in iterator:
            number += 1
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            if skip:
                skip -= 1
                continue
            if on_record is not None:
                on_record(number)
            yield number, text

    def _delimited(self, iterator, on_record):
        source = self.spec.source
        reader = csv.reader(iterator, delimiter=self.delimiter, quotechar=source.quote,
                            doublequote=True, strict=False)
        number = source.skip_lines
        skip_after = source.skip_after_header
        for row in reader:
            # blank: no cell with anything but whitespace, i.e. nothing but whitespace joined
            if not row or not (row[0].strip() or "".join(row).strip()):
                continue
            number += 1
            if source.header and self.header is None:
                self._bind(row)
                continue
            if skip_after:
                skip_after -= 1
                continue
            if on_record is not None:
                on_record(number)
            yield number, row

    def _bind(self, header):
        self.header = [cell.strip() for cell in header]
        exact = {name.lower(): i for i, name in reversed(list(enumerate(self.header)))}
        loose = {_LOOSE_NOISE.sub("", name.lower()): i
                 for i, name in reversed(list(enumerate(self.header)))}
        credit = 0.0
        located = self.spec.header_locates
        for key, header in located:
            wanted = header.strip().lower()
            if wanted in exact:
                self.columns[key] = exact[wanted]
                credit += 1.0
            elif _LOOSE_NOISE.sub("", wanted) in loose:
                self.columns[key] = loose[_LOOSE_NOISE.sub("", wanted)]
                credit += LOOSE_CREDIT
        self.agreement = credit / len(located) if located else 0.0

    @property
    def column_names(self):
        if self.header is not None:
            return list(self.header)
        return None


class Extractor:
    """Reads the fields of one row and applies their rules; raises ``RowRejected``."""

    def __init__(self, spec, reader):
        self.spec = spec
        self.reader = reader
        self._seen = {f.name: set() for f in spec.fields if f.rules.unique}
        self._span = spec.span
        self._plan = None  # where each field is, once the header (if any) is read
        self._plan_header = None

    def raw(self, field, row):
        locate = field.locate
        if locate.parts:
            return self._pair(field, row)
        if locate.start is not None:
            return row[locate.start:locate.end]
        index = self.reader.columns.get(field.name) if locate.header is not None else locate.index
        if index is None or index >= len(row):
            return None
        return row[index]

    def _cell(self, key, locate, row):
        if locate.start is not None:
            return row[locate.start:locate.end]
        if locate.header is not None:
            index = self.reader.columns.get(key)
        else:
            index = locate.index
        if index is None or index >= len(row):
            return None
        return row[index]

    def _pair(self, field, row):
        """The date and the time columns of a combined field as one text, ``<date> <time>``;
        None when both are empty, and text no format reads when only one is."""
        date_part, time_part = field.locate.parts
        date = (self._cell(f"{field.name}.date", date_part, row) or "").strip()
        time = (self._cell(f"{field.name}.time", time_part, row) or "").strip()
        date = "" if date in NULL_TOKENS else date
        time = "" if time in NULL_TOKENS else time
        if date and time:
            return f"{date} {time}"
        if date or time:
            return INCOMPLETE_PAIR + (date or time)
        return None

    def extract(self, row):
        """Field name -> value (None when empty) of ``row``. A row of which no required field
        can be read at all is ``not_a_record`` (a note, a separator, a link-down line)."""
        try:
            return self._extract(row)
        except RowRejected as rejected:
            if rejected.reason != "column_count" and not self._any_required_readable(row):
                raise RowRejected("not_a_record") from rejected
            raise

    def _any_required_readable(self, row):
        required = [f for f in self.spec.fields if f.required]
        for field in required:
            text = (self.raw(field, row) or "").strip()
            if text in NULL_TOKENS:
                continue
            try:
                check(field, text, self.spec.source.time_zone)
                return True
            except RowRejected:
                continue
        return not required

    def _fields_plan(self):
        """(field, name, where: a column index, a slice or None, required, missing reason,
        check: ``check`` for this field, or None when it takes any text as it is) of each field,
        as ``raw`` finds them."""
        if self._plan is None or self._plan_header is not self.reader.header:
            plan = []
            for field in self.spec.fields:
                locate = field.locate
                kind = locate.kind
                if locate.parts:
                    where = partial(self._pair, field)  # a date and a time column, as one text
                elif kind == "span":
                    where = slice(locate.start, locate.end)
                elif kind == "header":
                    where = self.reader.columns.get(field.name)
                else:
                    where = locate.index
                plan.append((field, field.name, where, field.required,
                             f"missing_{snake(field.name)}",
                             _field_check(field, self.spec.source.time_zone)))
            self._plan, self._plan_header = plan, self.reader.header
        return self._plan

    def _extract(self, row):
        spec = self.spec
        if not spec.source.fixed_width:
            width = _width(row)
            if self.reader.header is not None and width > len(self.reader.header):
                raise RowRejected("column_count")
            if width < self._span:
                raise RowRejected("column_count")
        values = {}
        zone = spec.source.time_zone
        for field, name, where, required, missing, field_check in self._fields_plan():
            if where.__class__ is int:
                raw = row[where] if where < len(row) else None
            elif where is None:
                raw = None
            elif where.__class__ is slice:
                raw = row[where]
            else:
                raw = where(row)
            text = raw.strip() if raw else ""
            if text in NULL_TOKENS:
                if required:
                    raise RowRejected(missing)
                values[name] = None
                continue
            values[name] = text if field_check is None else field_check(text)
        for name, seen in self._seen.items():
            value = values.get(name)
            if value is None:
                continue
            if value in seen:
                raise RowRejected(f"duplicate_{snake(name)}")
            seen.add(value)
        return values


def _width(row):
    """Cells of ``row`` without empty trailing ones (spreadsheets pad rows with delimiters)."""
    width = len(row)
    while width and not row[width - 1].strip():
        width -= 1
    return width


@lru_cache(maxsize=4096)
def snake(name):
    return _SNAKE.sub("_", name).lower()


def check(field, text, zone=None):
    """The value of ``text`` for ``field``, with its rules applied; raises ``RowRejected``."""
    name = snake(field.name)
    value = convert(field, text, zone)
    if value is NO_MATCH:
        kind = "not_allowed" if field.type == "enum" else "invalid"
        raise RowRejected(f"{kind}_{name}")
    if value is None:  # e.g. an epoch time of 0: no time
        if field.required:
            raise RowRejected(f"missing_{name}")
        return None
    rules = field.rules
    if rules.regex is not None and rules.regex.fullmatch(text) is None:
        raise RowRejected(f"pattern_{name}")
    if rules.enum and field.type != "enum" and text not in rules.enum:
        raise RowRejected(f"not_allowed_{name}")
    if not _in_range(value, rules.min, rules.max):
        raise RowRejected(f"out_of_range_{name}")
    return value


def _field_check(field, zone):
    """``check`` of ``field`` as a function of the text alone, with what can be decided once
    decided once; None for a text field without rules (its value is the text)."""
    rules = field.rules
    has_rules = (rules.regex is not None or (rules.enum and field.type != "enum")
                 or rules.min is not None or rules.max is not None)
    if field.type == "string" and not has_rules:
        return None
    name = snake(field.name)
    invalid = f"{'not_allowed' if field.type == 'enum' else 'invalid'}_{name}"
    missing = f"missing_{name}"
    required = field.required
    value_of = _converter(field, zone)

    def field_check(text):
        value = value_of(text)
        if value is NO_MATCH:
            raise RowRejected(invalid)
        if value is None:
            if required:
                raise RowRejected(missing)
            return None
        if has_rules:
            if rules.regex is not None and rules.regex.fullmatch(text) is None:
                raise RowRejected(f"pattern_{name}")
            if rules.enum and field.type != "enum" and text not in rules.enum:
                raise RowRejected(f"not_allowed_{name}")
            if not _in_range(value, rules.min, rules.max):
                raise RowRejected(f"out_of_range_{name}")
        return value

    return field_check


def _converter(field, zone):
    """``convert`` of ``field`` as a function of the text alone."""
    if field.type == "enum":
        spellings = _enum_spellings(field.rules.enum)
        return lambda text: spellings.get(text.lower(), NO_MATCH)
    if field.type == "datetime" and zone is None and field.format in _PLAIN_DATETIMES:
        plain, iso_of = _PLAIN_DATETIMES[field.format]

        def value_of(text):
            # the usual shape, a time that exists on a day that does: the text is its ISO form
            if len(text) == 19 and plain.fullmatch(text) is not None \
                    and _day_exists(text[0:4], text[5:7], text[8:10]):
                return iso_of(text)
            return _datetime(text, field.format, zone)

        return value_of
    if field.type == "duration" and field.format == "seconds":
        return _whole_seconds
    if field.type == "phone":
        return _phone_number
    return lambda text: convert(field, text, zone)


def _whole_seconds(text):
    """``_duration(text, "seconds")``; a count of up to nine digits is its own value."""
    if len(text) < 10 and text.isdecimal():
        return int(text)
    return _duration(text, "seconds")


def _phone_number(text):
    """``convert`` of a phone field."""
    if not _PHONE.fullmatch(text):
        return NO_MATCH
    # _PHONE allows ASCII digits only, so all digits count themselves
    digits = len(text) if text.isdigit() else len(_DIGIT.findall(text))
    return text if 1 <= digits <= 20 else NO_MATCH


# strptime formats whose values of exactly this shape (ASCII digits, an hour up to 23, minutes
# and seconds up to 59) on a day that exists have the ISO form the function gives
_PLAIN_DATETIMES = {
    "%Y-%m-%d %H:%M:%S": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} "
                                     r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"),
                          lambda text: text[:10] + "T" + text[11:]),
    "%Y/%m/%d %H:%M:%S": (re.compile(r"[0-9]{4}/[0-9]{2}/[0-9]{2} "
                                     r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"),
                          lambda text: f"{text[0:4]}-{text[5:7]}-{text[8:10]}T{text[11:]}"),
}
_DAYS = {}  # (year, month, day) as written -> whether that day exists
MAX_REMEMBERED_DAYS = 100_000


def _day_exists(year, month, day):
    key = (year, month, day)
    exists = _DAYS.get(key)
    if exists is None:
        try:
            datetime(int(year), int(month), int(day))
            exists = True
        except ValueError:
            exists = False
        if len(_DAYS) < MAX_REMEMBERED_DAYS:
            _DAYS[key] = exists
    return exists


def _in_range(value, low, high):
    if low is None and high is None:
        return True
    if isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        try:
            return (low is None or value >= float(low)) and (high is None or value <= float(high))
        except (TypeError, ValueError):
            return True
    if isinstance(value, str):
        return (low is None or value >= str(low)) and (high is None or value <= str(high))
    return True


def convert(field, text, zone=None):
    """``text`` read as ``field``'s type and format: the JSON value, None or NO_MATCH."""
    type_, value_format = field.type, field.format
    if type_ == "string":
        return text
    if type_ == "integer":
        return int(text) if _INTEGER.fullmatch(text) else NO_MATCH
    if type_ in ("decimal", "currency"):
        return _decimal(text, value_format == "comma", type_ == "currency")
    if type_ == "date":
        return _date(text, value_format)
    if type_ == "datetime":
        return _datetime(text, value_format, zone)
    if type_ == "duration":
        return _duration(text, value_format)
    if type_ == "phone":
        if not _PHONE.fullmatch(text):
            return NO_MATCH
        # _PHONE allows ASCII digits only, so all digits count themselves
        digits = len(text) if text.isdigit() else len(_DIGIT.findall(text))
        return text if 1 <= digits <= 20 else NO_MATCH
    if type_ == "enum":
        return _enum_spellings(field.rules.enum).get(text.lower(), NO_MATCH)
    return text


@lru_cache(maxsize=256)
def _enum_spellings(allowed_values):
    """Lower case -> the first allowed value of that spelling."""
    spellings = {}
    for allowed in allowed_values:
        spellings.setdefault(allowed.lower(), allowed)
    return spellings


def _decimal(text, comma, currency):
    if currency:
        text = _CURRENCY_MARK.sub("", text).strip()
    if comma:
        text = text.replace(".", "").replace(",", ".") if "," in text else text
    if not _NUMBER.fullmatch(text):
        return NO_MATCH
    value = float(text)
    return value if value == value and abs(value) != float("inf") else NO_MATCH


def _date(text, value_format):
    if value_format and "%" in value_format:
        try:
            return datetime.strptime(text, value_format).date().isoformat()
        except ValueError:
            return NO_MATCH
    for candidate in DATE_FORMATS:
        parsed = candidate.parse(text)
        if parsed is not NO_MATCH:
            return parsed
    return NO_MATCH


def _datetime(text, value_format, zone):
    if value_format in ("epoch", "epoch-ms"):
        try:
            seconds = float(text) / (1000 if value_format == "epoch-ms" else 1)
        except ValueError:
            return NO_MATCH
        if seconds == 0:
            return None  # switches write 0 for a time that never happened (no answer)
        try:
            moment = datetime.fromtimestamp(seconds, timezone.utc)
        except (OverflowError, OSError, ValueError):
            return NO_MATCH
        return (moment.astimezone(zone) if zone is not None else moment).isoformat()
    if value_format and "%" in value_format:
        try:
            moment = _fixed_datetime(text, value_format)
            if moment is None:
                moment = datetime.strptime(text, value_format)
        except ValueError:
            return NO_MATCH
    else:
        moment = None
        for candidate in TIMESTAMP_FORMATS:
            parsed = candidate.parse(text)
            if parsed is not NO_MATCH:
                moment = datetime.fromisoformat(parsed)
                break
        if moment is None:
            return NO_MATCH
    if moment.tzinfo is None and zone is not None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


# strptime formats of fixed-width fields, with the positions of year, month, day, hour, minute and
# second: text of exactly that shape in ASCII digits is what strptime reads, without its cost.
_FIXED_DATETIMES = {
    "%Y-%m-%d %H:%M:%S": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"),
                          (0, 5, 8, 11, 14, 17)),
    "%Y/%m/%d %H:%M:%S": (re.compile(r"[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"),
                          (0, 5, 8, 11, 14, 17)),
    "%Y%m%d%H%M%S": (re.compile(r"[0-9]{14}"), (0, 4, 6, 8, 10, 12)),
}  # the year's 4 digits, then 2 for each other field, starting at these positions


def _fixed_datetime(text, value_format):
    """The datetime strptime reads, for a format of ``_FIXED_DATETIMES`` and text of its exact
    shape; None otherwise (strptime decides); raises ValueError for a time that does not exist."""
    fixed = _FIXED_DATETIMES.get(value_format)
    if fixed is None or fixed[0].fullmatch(text) is None:
        return None
    y, m, d, hour, minute, second = fixed[1]
    return datetime(int(text[y:y + 4]), int(text[m:m + 2]), int(text[d:d + 2]),
                    int(text[hour:hour + 2]), int(text[minute:minute + 2]),
                    int(text[second:second + 2]))


def _duration(text, value_format):
    if value_format in (None, "seconds", "milliseconds"):
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None:
            if value_format == "milliseconds":
                number /= 1000
            return int(round(number)) if 0 <= number < 1e10 else NO_MATCH
        if value_format is not None:
            return NO_MATCH
    parsed = DURATION_FORMAT.parse(text)
    if parsed is NO_MATCH and value_format == "hh:mm:ss":
        match = re.fullmatch(r"(\d+):([0-5]\d):([0-5]\d)", text)
        if match:
            hours, minutes, seconds = (int(g) for g in match.groups())
            return hours * 3600 + minutes * 60 + seconds
    return parsed


def is_call_record_template(spec):
    names = {f.name for f in spec.fields}
    return spec.format == "CDR" and "start" in names and bool(names & {"caller", "callee"})


class RecordShape:
    """The record fields a template writes and how a row's values become a record."""

    def __init__(self, spec):
        self.spec = spec
        names = [f.name for f in spec.fields]
        self.call_records = is_call_record_template(spec)
        if self.call_records:
            optional = [n for n in ("channel", "trunk", "uniqueId") if n in names]
            self.cdr_names = layout_fields(*optional)
            extras = [f for f in spec.fields if f.name not in CDR_FIELDS]
            self.fields = ([{"name": n, "type": CDR_FIELDS[n]} for n in self.cdr_names]
                           + [{"name": f.name, "type": _OUTPUT_TYPES.get(f.type, f.type)}
                              for f in extras])
            self._extras = [f.name for f in extras]
        else:
            self.fields = [{"name": f.name, "type": _OUTPUT_TYPES.get(f.type, f.type)}
                           for f in spec.fields]

    def record(self, values):
        if not self.call_records:
            return {f.name: values.get(f.name) for f in self.spec.fields}
        call = {name: values.get(name) for name in self.cdr_names}
        if call.get("durationSeconds") is None:
            call["durationSeconds"] = _seconds_between(call.get("start"), call.get("end"))
        found = disposition(values.get("disposition") or "")
        if found == UNKNOWN and (call.get("answer") or (call.get("billableSeconds") or 0) > 0):
            found = ANSWERED
        call["disposition"] = found
        for name in self._extras:
            call[name] = values.get(name)
        return call


def _seconds_between(start, end):
    if not start or not end:
        return None
    try:
        first, last = datetime.fromisoformat(start), datetime.fromisoformat(end)
        seconds = (last - first).total_seconds()
    except (TypeError, ValueError):
        return None
    return int(round(seconds)) if seconds >= 0 else None


def parse_with_template(match, text_file, spool, progress, quality, layout_name):
    """Extracts every record of ``text_file`` with ``match``'s template into ``spool``."""
    spec = match.spec
    reader = Reader(spec, match.delimiter)
    extractor = Extractor(spec, reader)
    shape = RecordShape(spec)
    stats = observed = None
    written = SpoolWriter(spool)
    samples = []
    pending = []  # fixed width: rejected lines that may yet turn out to be a trailer

    def report(number):
        if number % 128 == 0 and progress.is_due(text_file.fraction):
            progress.advance(text_file.fraction, f"read {number:,} rows")

    try:
        for number, row in reader.records(text_file, report):
            cells = [row] if spec.source.fixed_width else row
            if stats is None:
                stats = _profile(spec, reader, cells)
                observed = ColumnBatch(stats)
            try:
                values = extractor.extract(row)
            except RowRejected as rejected:
                if spec.source.fixed_width and len(pending) < MAX_PENDING_LINES:
                    pending.append((number, rejected.reason))
                else:
                    quality.read()
                    quality.reject(number, rejected.reason)
                continue
            if samples:  # lines between two records are rejected; before the first, a preamble
                for held_number, reason in pending:
                    quality.read()
                    quality.reject(held_number, reason)
            pending.clear()
            quality.read()
            _observe(observed, spec, extractor, row, cells)
            written.add(shape.record(values))
            if len(samples) < SAMPLE_RECORDS:
                samples.append(list(cells))
    except csv.Error as error:
        raise BadFile(f"a row cannot be split into columns ({error}); check that every quote "
                      "is closed and export the file again") from error
    except UnicodeDecodeError as error:
        raise text_file.undecodable(error) from error
    if observed is not None:
        observed.flush()
    written.flush()
    # Fixed width: lines before the first record (titles, labels) and after the last (totals,
    # an end marker) are neither read nor rejected.
    confidence = match.score(quality.accepted_ratio)
    names = [column.name for column in stats] if stats else []
    return ParseOutcome(
        format=spec.format,
        layout=layout_name,
        certainty=confidence,
        fields=shape.fields,
        columns=names,
        named_columns=True,
        profile=stats or [],
        sample_rows=samples,
        records=quality.rows_accepted,
    )


def _profile(spec, reader, cells):
    if spec.source.fixed_width:
        return [ColumnStats(f.name) for f in spec.fields]
    if reader.header is not None:
        names = reader.header
    else:
        names = [f"column{i + 1}" for i in range(min(len(cells), PROFILE_COLUMNS))]
    return [ColumnStats(name or f"column{i + 1}") for i, name in enumerate(names)]


def _observe(observed, spec, extractor, row, cells):
    if spec.source.fixed_width:
        observed.add([extractor.raw(field, row) or "" for field in spec.fields])
        return
    observed.add(cells)
