"""Recognising and converting the values of one column: integer, decimal, date, datetime, ...

A column's type is the first format, in order of preference, that every non-null value of the
column matches. Formats are narrowed value by value, so a column of text stops being tested
after its first few values.
"""

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Callable

NO_MATCH = object()

STRING = "string"
INTEGER = "integer"
DECIMAL = "decimal"
DATE = "date"
DATETIME = "datetime"
BOOLEAN = "boolean"
DURATION = "duration"
PHONE = "phone"

NULL_TOKENS = frozenset({"", "null", "NULL", "Null", "\\N"})

_TRUE = frozenset({"true", "yes", "y", "t"})
_FALSE = frozenset({"false", "no", "n", "f"})


@dataclass(frozen=True)
class ValueFormat:
    """One way of writing values of ``type``; ``parse`` returns the JSON value or NO_MATCH."""

    type: str
    name: str
    parse: Callable[[str], object]
    # all_match(values): True when ``parse`` matches every one of them, decided at once; None
    # when it cannot tell so quickly (then each value is parsed)
    all_match: Callable[[object], object] | None = None
    # parse_many(values): [parse(value) for value in values] when it can be had at once, else None
    parse_many: Callable[[list], list | None] | None = None


def _batch_check(pattern, more=None):
    """An ``all_match`` from a regex that only values ``parse`` accepts fullmatch (ASCII, no
    line breaks), and an optional check of the whole set of values."""
    lines = re.compile(f"(?:(?:{pattern})\n)*")

    def all_match(values):
        joined = "\n".join(values)
        if joined.count("\n") != len(values) - 1 or lines.fullmatch(joined + "\n") is None:
            return None
        return True if more is None else more(values)

    return all_match


def all_match(value_format, values):
    """Whether ``value_format`` parses every one of ``values``."""
    if value_format.all_match is not None:
        found = value_format.all_match(values)
        if found is not None:
            return found
    parse = value_format.parse
    return all(parse(value) is not NO_MATCH for value in values)


def _regex_format(type_, name, pattern, convert):
    compiled = re.compile(pattern)

    def parse(text):
        match = compiled.fullmatch(text)
        if match is None:
            return NO_MATCH
        try:
            return convert(match)
        except (ValueError, OverflowError):
            return NO_MATCH

    return ValueFormat(type_, name, parse)


def _decimal(text):
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def _boolean(text):
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return NO_MATCH


def _time_parts(match, first):
    hour, minute, second, fraction = (match.group(first + i) for i in range(4))
    micro = int((fraction or "0").ljust(6, "0")[:6])
    return int(hour), int(minute), int(second or 0), micro


def _offset(text):
    if not text:
        return None
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _datetime_format(name, date_pattern, order):
    """A datetime written as ``date_pattern`` (three groups in ``order``) plus a time of day."""
    pattern = (date_pattern + r"[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
               r"\s*(Z|[+-]\d{2}:?\d{2})?")

    def convert(match):
        parts = dict(zip(order, (int(match.group(i)) for i in (1, 2, 3))))
        hour, minute, second, micro = _time_parts(match, 4)
        return datetime(parts["y"], parts["m"], parts["d"], hour, minute, second, micro,
                        tzinfo=_offset(match.group(8))).isoformat()

    general = _regex_format(DATETIME, name, pattern, convert)
    if date_pattern != _ISO_DATE:
        return general
    general_parse = general.parse

    def parse(text):
        # The usual shape, YYYY-MM-DD HH:MM:SS in ASCII digits, without building a datetime:
        # its ISO form is the same text with a T, if the day exists and the time is one.
        if len(text) == 19 and _PLAIN_ISO_DATETIME.fullmatch(text) is not None:
            day = text[:10]
            valid = _VALID_DAYS.get(day)
            if valid is None:
                valid = _valid_day(day)
            if valid and text[11:13] < "24" and text[14:16] < "60" and text[17:19] < "60":
                return day + "T" + text[11:19]
            return NO_MATCH
        return general_parse(text)

    def valid_days(values):
        return all(_VALID_DAYS.get(day) or _valid_day(day) for day in {v[:10] for v in values})

    plain = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    all_plain = _batch_check(plain, valid_days)

    def parse_many(values):
        if all_plain(values) is not True:
            return None
        return [value[:10] + "T" + value[11:] for value in values]

    return ValueFormat(DATETIME, name, parse, all_plain, parse_many)


_PLAIN_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}")
_VALID_DAYS = {}  # "YYYY-MM-DD" -> whether that day exists
MAX_REMEMBERED_DAYS = 100_000


def _valid_day(day):
    try:
        date(int(day[:4]), int(day[5:7]), int(day[8:10]))
        valid = True
    except ValueError:
        valid = False
    if len(_VALID_DAYS) < MAX_REMEMBERED_DAYS:
        _VALID_DAYS[day] = valid
    return valid


def _date_format(name, pattern, order):
    def convert(match):
        parts = dict(zip(order, (int(match.group(i)) for i in (1, 2, 3))))
        return date(parts["y"], parts["m"], parts["d"]).isoformat()

    return _regex_format(DATE, name, pattern, convert)


def _duration(match):
    seconds_only, hours, minutes, seconds = match.groups()
    if seconds_only is not None:
        return int(seconds_only)
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


_DIGITS = re.compile(r"\d")


def _phone(text):
    # Only called on text _PHONE_CHARS matched: all digits, or a + and digits, count themselves.
    if text.isdigit():
        digits = len(text)
    elif text[0] == "+" and text[1:].isdigit():
        digits = len(text) - 1
    else:
        digits = len(_DIGITS.findall(text))
    return text if 3 <= digits <= 15 else NO_MATCH


_ISO_DATE = r"(\d{4})-(\d{2})-(\d{2})"
_YMD_SLASH = r"(\d{4})/(\d{1,2})/(\d{1,2})"
_DMY_DOT = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_SLASHED = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_DMY_DASH = r"(\d{1,2})-(\d{1,2})-(\d{4})"

INTEGER_FORMAT = replace(_regex_format(INTEGER, "integer", r"-?(?:0|[1-9]\d{0,17})",
                                       lambda m: int(m.group(0))),
                         all_match=_batch_check(r"-?(?:0|[1-9][0-9]{0,17})"))
# Without an exponent and under 300 digits a decimal is always finite.
DECIMAL_POINT = replace(_regex_format(DECIMAL, "decimal-point",
                                      r"-?(?:(?:0|[1-9]\d*)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?",
                                      lambda m: _decimal(m.group(0))),
                        all_match=_batch_check(
                            r"-?(?:(?:0|[1-9][0-9]{0,150})(?:\.[0-9]{1,150})?|\.[0-9]{1,150})"))
DECIMAL_COMMA = _regex_format(DECIMAL, "decimal-comma", r"-?(?:0|[1-9]\d*)(?:,\d+)?",
                              lambda m: _decimal(m.group(0).replace(",", ".")))
BOOLEAN_FORMAT = ValueFormat(BOOLEAN, "boolean", _boolean)

# Day-first before month-first: a date like 03/04/2024 is read as 3 April unless a value in the
# column only makes sense month-first (e.g. 04/13/2024), which removes the day-first format.
DATE_FORMATS = (
    _date_format("iso-date", _ISO_DATE, "ymd"),
    _date_format("ymd-slash", _YMD_SLASH, "ymd"),
    _date_format("dmy-dot", _DMY_DOT, "dmy"),
    _date_format("dmy-slash", _SLASHED, "dmy"),
    _date_format("mdy-slash", _SLASHED, "mdy"),
    _date_format("dmy-dash", _DMY_DASH, "dmy"),
)
DATETIME_FORMATS = (
    _datetime_format("iso-datetime", _ISO_DATE, "ymd"),
    _datetime_format("ymd-slash-time", _YMD_SLASH, "ymd"),
    _datetime_format("dmy-dot-time", _DMY_DOT, "dmy"),
    _datetime_format("dmy-slash-time", _SLASHED, "dmy"),
    _datetime_format("mdy-slash-time", _SLASHED, "mdy"),
    _datetime_format("dmy-dash-time", _DMY_DASH, "dmy"),
)
COMPACT_DATETIME = _regex_format(
    DATETIME, "compact-datetime", r"((?:19|20)\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})",
    lambda m: datetime(*(int(g) for g in m.groups())).isoformat())
EPOCH_SECONDS = _regex_format(
    DATETIME, "epoch-seconds", r"1\d{9}(?:\.\d+)?",
    lambda m: datetime.fromtimestamp(float(m.group(0)), timezone.utc).isoformat())
# Whole seconds, or [h:]m:ss.
DURATION_FORMAT = _regex_format(DURATION, "duration", r"(\d+)|(?:(\d+):)?([0-5]?\d):([0-5]\d)",
                                _duration)
E164_PHONE = replace(_regex_format(PHONE, "e164", r"\+\d{6,15}", lambda m: m.group(0)),
                     all_match=_batch_check(r"\+[0-9]{6,15}"))
_PHONE_CHARS = re.compile(r"\+?\d[\d \-./()]*")
PHONE_FORMAT = ValueFormat(
    PHONE, "phone", lambda text: _phone(text) if _PHONE_CHARS.fullmatch(text) else NO_MATCH,
    _batch_check(r"\+?[0-9]{3,15}"))

# Column names (lower case, without spaces, dashes and underscores) that announce a phone number
# or a duration, so "1001" is read as an extension and "87" as seconds rather than as integers.
_PHONE_HINTS = re.compile(r"phone|mobile|msisdn|caller|callee|callingnumber|callednumber|"
                          r"anumber|bnumber|^(tel|fax|ani|dnis|src|dst|calling|called)$")
_DURATION_HINTS = re.compile(r"duration|billsec|billable|talktime|^(dur|secs|seconds)$")


def formats_for(column_name, decimal_comma=False):
    """The formats a column may be written in, most specific first."""
    general = [INTEGER_FORMAT, DECIMAL_POINT]
    if decimal_comma:
        general.append(DECIMAL_COMMA)
    general += [BOOLEAN_FORMAT, *DATE_FORMATS, *DATETIME_FORMATS, E164_PHONE]
    name = re.sub(r"[\s_\-]", "", (column_name or "").lower())
    if _DURATION_HINTS.search(name):
        return [DURATION_FORMAT, *general]
    if _PHONE_HINTS.search(name):
        return [PHONE_FORMAT, *general]
    return general


def is_null(text):
    return text.strip() in NULL_TOKENS


def looks_typed(text):
    """Whether ``text`` reads as a number, date, datetime or boolean rather than a name."""
    text = text.strip()
    return any(f.parse(text) is not NO_MATCH
               for f in (INTEGER_FORMAT, DECIMAL_POINT, *DATE_FORMATS, *DATETIME_FORMATS))


MAX_VOUCHED = 4096  # values remembered per column as matching all its remaining formats...
MAX_VOUCHED_CHARS = 64  # ... if they are no longer than this


class FormatNarrowing:
    """The formats every value seen so far matches, in order of preference."""

    def __init__(self, formats):
        self._formats = list(formats)
        self.seen = 0
        # Values known to match every remaining format; formats only ever go, so they still do.
        self._vouched = set()

    def observe(self, text):
        self.seen += 1
        if self._formats:
            self._formats = [f for f in self._formats if f.parse(text) is not NO_MATCH]

    def observe_many(self, texts):
        """``observe`` of each of ``texts``: a format stays when it matches all of them, so
        their order does not matter, and a value seen before is not tested again."""
        self.seen += len(texts)
        if not self._formats:
            return
        vouched = self._vouched
        new = set(texts)
        if vouched:
            new -= vouched
        if not new:
            return
        self._formats = [f for f in self._formats if all_match(f, new)]
        if not self._formats:
            vouched.clear()
        elif len(vouched) < MAX_VOUCHED:
            vouched |= {text for text in new if len(text) <= MAX_VOUCHED_CHARS}

    @property
    def best(self):
        """The preferred remaining format, or None when the column is text (or had no values)."""
        return self._formats[0] if self._formats and self.seen else None

    @property
    def type(self):
        best = self.best
        return best.type if best else STRING
