"""What the models read: a column's header words and the shape of its values; a file's headers,
column count and the kind of value in each position.

Values are reduced to kinds (an epoch time, an E.164 number, a duration, an identifier, ...) by
patterns, so that the models learn from shapes rather than from the sample's particular numbers.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

NULL_TOKENS = frozenset({"", "null", "none", "\\n", "n/a", "-"})


@dataclass
class Column:
    """A column as the models read it: its header (None when the file names none) and values."""

    header: str | None
    values: list


# Ordered: the first kind whose pattern matches the whole value wins.
VALUE_KINDS = (
    ("e164", re.compile(r"\+\d{7,15}")),
    ("epoch_ms", re.compile(r"1\d{12}")),
    ("epoch", re.compile(r"1\d{9}(?:\.\d{1,6})?")),
    ("iso_datetime", re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")),
    ("datetime", re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[ T]\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?")),
    ("compact_datetime", re.compile(r"(?:19|20)\d{12}")),
    ("date", re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}/\d{1,2}/\d{1,2}")),
    ("hms", re.compile(r"\d{1,3}:[0-5]\d:[0-5]\d")),
    ("ms_clock", re.compile(r"[0-5]?\d:[0-5]\d")),
    ("ipv4", re.compile(r"(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?")),
    ("uuid", re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")),
    ("dotted_id", re.compile(r"\d{9,10}\.\d{1,8}")),
    ("national_phone", re.compile(r"0\d{8,12}")),
    ("long_digits", re.compile(r"\d{7,15}")),
    ("short_digits", re.compile(r"\d{2,6}")),
    ("digit", re.compile(r"\d")),
    ("negative", re.compile(r"-\d+(?:[.,]\d+)?")),
    ("money", re.compile(r"\d+[.,]\d{2}")),
    ("decimal", re.compile(r"\d+[.,]\d+")),
    ("currency_code", re.compile(r"[A-Z]{3}")),
    ("sip_uri", re.compile(r"sips?:[^\s@]+@[^\s]+")),
    ("email", re.compile(r"[^\s@]+@[^\s@]+\.[a-z]{2,}")),
    ("channel", re.compile(r"[A-Za-z]+/[\w.@:-]+")),
    ("hex_id", re.compile(r"[0-9a-fA-F]{12,}")),
    ("upper_word", re.compile(r"[A-Z][A-Z_ ]{1,20}")),
    ("word", re.compile(r"[A-Za-z][A-Za-z'-]{0,20}")),
    ("words", re.compile(r"[A-Za-z][\w'&,.()-]*(?: [\w'&,.()-]+){1,8}")),
    ("code", re.compile(r"[A-Za-z0-9][\w.-]{0,30}")),
)
KIND_NAMES = tuple(name for name, _ in VALUE_KINDS) + ("text",)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def header_words(name):
    """``callingPartyNumber`` -> ``calling party number``; ``Call_Start-Time`` -> ``call start time``."""
    if not name:
        return ""
    spaced = _CAMEL.sub(" ", str(name).strip())
    return " ".join(_NON_WORD.sub(" ", spaced.lower()).split())


def value_kind(text):
    for name, pattern in VALUE_KINDS:
        if pattern.fullmatch(text):
            return name
    return "text"


def is_null(text):
    return text.strip().lower() in NULL_TOKENS


def value_profile(values):
    """Numbers in 0-1 (and a few small magnitudes) describing a column's sampled values."""
    present = [v.strip() for v in values if v is not None and not is_null(v)]
    total = len(values) or 1
    profile = {"null_ratio": 1.0 - len(present) / total}
    if not present:
        profile["all_null"] = 1.0
        return profile
    kinds = Counter(value_kind(v) for v in present)
    for kind, count in kinds.items():
        profile["kind=" + kind] = count / len(present)
    distinct = len(set(present))
    profile["distinct_ratio"] = distinct / len(present)
    profile["few_distinct"] = 1.0 if distinct <= max(3, len(present) // 10) else 0.0
    lengths = [len(v) for v in present]
    profile["log_mean_length"] = math.log1p(sum(lengths) / len(lengths)) / 4.0
    profile["length_spread"] = (max(lengths) - min(lengths)) / (max(lengths) or 1)
    numbers = [_number(v) for v in present]
    numbers = [n for n in numbers if n is not None]
    if numbers and len(numbers) >= 0.8 * len(present):
        numbers.sort()
        median = numbers[len(numbers) // 2]
        profile["numeric"] = 1.0
        profile["log_median"] = math.log10(abs(median) + 1.0) / 13.0
        profile["zero_share"] = sum(1 for n in numbers if n == 0) / len(numbers)
        profile["integral"] = sum(1 for n in numbers if n == int(n)) / len(numbers)
    return profile


def dominant_kind(values):
    """The most common value kind among the non-empty values, and its share."""
    present = [v.strip() for v in values if v is not None and not is_null(v)]
    if not present:
        return None, 0.0
    kind, count = Counter(value_kind(v) for v in present).most_common(1)[0]
    return kind, count / len(present)


def _number(text):
    try:
        return float(text.replace(",", ".")) if text.count(",") <= 1 else None
    except ValueError:
        return None


def file_document(columns):
    """A file as words for the layout model: its header words by position and overall, the kind of
    value in each position, and its column count."""
    tokens = [f"ncol_{min(len(columns), 40)}"]
    named = sum(1 for c in columns if c.header)
    tokens.append("has_header" if named else "no_header")
    for position, column in enumerate(columns[:40]):
        kind, share = dominant_kind(column.values)
        kind = kind if share >= 0.6 else "mixed"
        tokens.append(f"p{position}_{kind}")
        tokens.append(f"kind_{kind}")
        for word in header_words(column.header).split():
            tokens.append("h_" + word)
            tokens.append(f"p{position}_h_{word}")
    return " ".join(tokens)
