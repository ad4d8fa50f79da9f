"""The normalised call record and the value rules shared by all CDR layouts."""

import re

from parser_worker.quality import RowRejected
from parser_worker.value_types import (COMPACT_DATETIME, DATETIME_FORMATS, DURATION_FORMAT,
                                       EPOCH_SECONDS, NO_MATCH, FormatNarrowing)

# Output field name -> type, in record order.
CDR_FIELDS = {
    "caller": "phone",
    "callee": "phone",
    "start": "datetime",
    "answer": "datetime",
    "end": "datetime",
    "durationSeconds": "duration",
    "billableSeconds": "duration",
    "disposition": "string",
    "channel": "string",
    "trunk": "string",
    "uniqueId": "string",
}

ANSWERED, NO_ANSWER, BUSY, FAILED, CONGESTION, UNKNOWN = (
    "ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "CONGESTION", "UNKNOWN")

# Spellings seen in switch and PBX exports, compared lower case without spaces, dashes and
# underscores. The one- and two-digit numbers are ITU-T Q.850 release causes, which many
# switches log instead; the three-digit ones are SIP final response codes (Kamailio and OpenSIPS
# acc log those); the long names are FreeSWITCH hangup causes (NORMAL_CLEARING is left out: it
# ends answered and unanswered calls alike).
_DISPOSITIONS = {
    ANSWERED: {"answered", "answer", "ans", "connected", "completed", "complete", "success",
               "successful", "ok", "normal", "16", "200"},
    NO_ANSWER: {"noanswer", "noans", "noa", "na", "unanswered", "notanswered", "missed",
                "timeout", "18", "19", "nouserresponse", "originatorcancel", "408", "480",
                "487"},
    BUSY: {"busy", "bsy", "userbusy", "17", "486", "600"},
    FAILED: {"failed", "fail", "failure", "error", "err", "rejected", "invalid", "1", "3",
             "21", "27", "28", "31", "callrejected", "unallocatednumber",
             "destinationoutoforder", "403", "404", "484", "488", "500", "603"},
    CONGESTION: {"congestion", "cong", "congested", "34", "38", "41", "42", "switchcongestion",
                 "normalcircuitcongestion", "normaltemporaryfailure", "503"},
}
_DISPOSITION_BY_SPELLING = {spelling: disposition
                            for disposition, spellings in _DISPOSITIONS.items()
                            for spelling in spellings}
_SPELLING_NOISE = re.compile(r"[\s_\-]")

TIMESTAMP_FORMATS = (*DATETIME_FORMATS, COMPACT_DATETIME, EPOCH_SECONDS)


_SEEN_SPELLINGS = {}  # text as written -> its disposition; exports repeat a handful of them
MAX_SEEN_SPELLINGS = 4096
MAX_SPELLING_CHARS = 64


def disposition(text):
    """The normalised disposition of ``text``; UNKNOWN when it is empty or not a known spelling."""
    found = _SEEN_SPELLINGS.get(text)
    if found is None:
        key = _SPELLING_NOISE.sub("", (text or "").lower())
        found = _DISPOSITION_BY_SPELLING.get(key, UNKNOWN)
        if len(_SEEN_SPELLINGS) < MAX_SEEN_SPELLINGS and len(text or "") <= MAX_SPELLING_CHARS:
            _SEEN_SPELLINGS[text] = found
    return found


def is_known_disposition(text):
    return disposition(text) != UNKNOWN


def duration_seconds(text):
    """Seconds from ``87``, ``87.4``, ``1:27`` or ``0:01:27``; None when it is none of these."""
    text = (text or "").strip()
    if text.isdigit():
        return int(text)
    parsed = DURATION_FORMAT.parse(text)
    if parsed is not NO_MATCH:
        return parsed
    try:
        seconds = float(text)
    except ValueError:
        return None
    return int(round(seconds)) if 0 <= seconds < 1e9 else None


def number(text):
    """A calling or called number as written, trimmed; None when empty."""
    text = (text or "").strip()
    return text or None


class TimestampReader:
    """Reads the timestamps of one column in the format its sample values use.

    Fixing the format per column means a day-first file is read day-first on every row, even on
    rows whose dates would also make sense month-first.
    """

    def __init__(self, sample_values, formats=TIMESTAMP_FORMATS):
        self._formats = formats
        narrowing = FormatNarrowing(formats)
        for value in sample_values:
            if value.strip():
                narrowing.observe(value.strip())
        self._preferred = narrowing.best

    def read(self, text):
        """The ISO-8601 form of ``text``; None when empty; NO_MATCH when it is not a timestamp."""
        text = (text or "").strip()
        if not text:
            return None
        if self._preferred is not None:
            parsed = self._preferred.parse(text)
            if parsed is not NO_MATCH:
                return parsed
        for candidate in self._formats:
            parsed = candidate.parse(text)
            if parsed is not NO_MATCH:
                return parsed
        return NO_MATCH

    def read_many(self, texts):
        """``read`` of each of ``texts``, at once when the preferred format can parse them so."""
        stripped = list(map(str.strip, texts))
        preferred = self._preferred
        if preferred is not None and preferred.parse_many is not None and all(stripped):
            parsed = preferred.parse_many(stripped)
            if parsed is not None:
                return parsed
        return [self.read(text) for text in stripped]

    def required(self, text, reason):
        value = self.read(text)
        if value is None or value is NO_MATCH:
            raise RowRejected(reason)
        return value

    def optional(self, text):
        value = self.read(text)
        return None if value is NO_MATCH else value


def layout_fields(*optional):
    """The record fields of a layout: the always-present ones plus the ``optional`` it knows."""
    always = ("caller", "callee", "start", "answer", "end", "durationSeconds", "billableSeconds",
              "disposition")
    return tuple(name for name in CDR_FIELDS if name in always or name in optional)


def record(fields, **values):
    """A normalised call record with exactly ``fields``; unknown values are null (UNKNOWN)."""
    return {name: values.get(name, UNKNOWN if name == "disposition" else None) for name in fields}


def fields_for(fields):
    """The result's ``fields`` entries for a layout's record fields."""
    return [{"name": name, "type": CDR_FIELDS[name]} for name in fields]
