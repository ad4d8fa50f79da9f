"""Template documents (docs/template-format.md), read into the ``TemplateSpec`` the engine uses.

A document is checked as far as the worker needs it: a document it cannot use raises
``TemplateError`` with what is wrong, and the caller skips that template (one bad template
never fails a job). Unknown members are ignored, so the API may add some.

The built-in vendor layouts are documents of the same form in ``builtin_templates/``, listed in
``index.json``; ``builtin_templates()`` reads them once.
"""

import codecs
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FORMATS = frozenset({"CSV", "PDF", "CDR"})
TYPES = frozenset({"string", "integer", "decimal", "date", "datetime", "duration", "phone",
                   "currency", "enum"})
MAX_FIELDS = 200
DEFAULT_THRESHOLD = 0.8
BUILTIN_DIR = Path(__file__).parent / "builtin_templates"

_KEY = re.compile(r"[a-z0-9-]{1,64}")
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


class TemplateError(ValueError):
    """A template document the worker cannot use; the message says what is wrong."""


@dataclass(frozen=True)
class Locate:
    header: str | None = None
    index: int | None = None
    start: int | None = None
    end: int | None = None
    anchor: str | None = None
    regex: str | None = None
    parts: tuple = ()  # a combined field: the (date, time) columns' ``Locate``s
    region: tuple | None = None  # PDF: (page from 1, left, top, right, bottom) in points

    @property
    def kind(self):
        if self.parts:
            return "pair"
        if self.header is not None:
            return "header"
        if self.index is not None:
            return "index"
        if self.start is not None:
            return "span"
        return "pdf"


@dataclass(frozen=True)
class Rules:
    regex: object = None  # compiled pattern, or None
    enum: tuple = ()
    min: object = None
    max: object = None
    unique: bool = False


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    required: bool
    locate: Locate
    format: str | None = None
    rules: Rules = field(default_factory=Rules)

    @property
    def checks_values(self):
        """Whether a value can fail this field (a plain string field accepts anything)."""
        return (self.type != "string" or self.rules.regex is not None or bool(self.rules.enum)
                or self.rules.min is not None or self.rules.max is not None)


@dataclass(frozen=True)
class Source:
    delimiter: str | None = None
    quote: str = '"'
    encoding: str | None = None  # the Python codec name of the declared encoding
    header: bool = False
    skip_lines: int = 0
    skip_after_header: int = 0
    fixed_width: bool = False
    time_zone: object = None  # a ZoneInfo when the document names one, else None


@dataclass(frozen=True)
class TemplateSpec:
    """A usable template: the job's ``id``/``version`` (for built-ins, the key and None)."""

    id: str
    version: int | None
    system: bool
    key: str | None
    name: str
    format: str
    threshold: float
    source: Source
    fields: tuple
    description: str = ""

    @property
    def layout(self):
        return self.key

    @property
    def header_fields(self):
        """The fields located (wholly or in part) by header name."""
        return [f for f in self.fields if any(part.header is not None for _, part in columns(f))]

    @property
    def header_locates(self):
        """(column key, header name) of every column located by header name, in field order."""
        return [(key, part.header) for f in self.fields for key, part in columns(f)
                if part.header is not None]

    @property
    def span(self):
        """Columns a row needs for its required fields (optional ones past its end are empty)."""
        return max((part.index + 1 for f in self.fields if f.required
                    for _, part in columns(f) if part.index is not None), default=0)


PAIR_PARTS = ("date", "time")


def columns(field):
    """(column key, ``Locate``) of each column ``field`` reads: the field's name for a field of
    one column, ``<name>.date`` and ``<name>.time`` for a combined date and time field."""
    if field.locate.parts:
        return [(f"{field.name}.{part}", locate)
                for part, locate in zip(PAIR_PARTS, field.locate.parts)]
    return [(field.name, field.locate)]


def compile_template(document, template_id=None, version=None, system=False):
    """The ``TemplateSpec`` of ``document``; raises ``TemplateError`` when it is not usable."""
    if not isinstance(document, dict):
        raise TemplateError("the document is not a JSON object")
    key = document.get("key")
    if key is not None and (not isinstance(key, str) or not _KEY.fullmatch(key)):
        raise TemplateError("key must match [a-z0-9-]{1,64}")
    name = document.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 200:
        raise TemplateError("name must be 1-200 characters")
    fmt = str(document.get("format") or "").upper()
    if fmt not in FORMATS:
        raise TemplateError("format must be CSV, PDF or CDR")
    threshold = document.get("confidenceThreshold", DEFAULT_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) \
            or not 0 <= threshold <= 1:
        raise TemplateError("confidenceThreshold must be a number from 0 to 1")
    source = _source(document.get("source") or {})
    raw_fields = document.get("fields")
    if not isinstance(raw_fields, list) or not 1 <= len(raw_fields) <= MAX_FIELDS:
        raise TemplateError(f"fields must be a list of 1-{MAX_FIELDS} fields")
    fields = tuple(_field(raw, source, fmt) for raw in raw_fields)
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise TemplateError("field names must be unique")
    if fmt != "PDF":
        if source.header is False and any(part.header is not None
                                          for f in fields for _, part in columns(f)):
            raise TemplateError("a field is located by header name but the source has no header")
    ident = template_id if template_id is not None else key
    if ident is None:
        raise TemplateError("the template has neither an id nor a key")
    return TemplateSpec(id=str(ident), version=version, system=bool(system), key=key, name=name,
                        format=fmt, threshold=float(threshold), source=source, fields=fields,
                        description=str(document.get("description") or ""))


def _source(raw):
    if not isinstance(raw, dict):
        raise TemplateError("source must be an object")
    delimiter = raw.get("delimiter")
    if delimiter is not None:
        if delimiter in ("\\t", "tab"):
            delimiter = "\t"
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            raise TemplateError("source.delimiter must be one character")
    quote = raw.get("quote", '"')
    if quote is None:
        quote = '"'
    if not isinstance(quote, str) or len(quote) != 1 or quote == delimiter:
        raise TemplateError("source.quote must be one character other than the delimiter")
    zone = None
    if raw.get("timeZone"):
        try:
            zone = ZoneInfo(str(raw["timeZone"]))
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise TemplateError(f"source.timeZone {raw['timeZone']!r} is not an IANA zone") \
                from error
    return Source(delimiter=delimiter, quote=quote,
                  encoding=_encoding(raw.get("encoding")),
                  header=bool(raw.get("header", False)),
                  skip_lines=_count(raw, "skipLines"),
                  skip_after_header=_count(raw, "skipAfterHeader"),
                  fixed_width=bool(raw.get("fixedWidth", False)),
                  time_zone=zone)


def _encoding(name):
    """The Python codec of a declared encoding (an IANA or Python name), or None."""
    if not name:
        return None
    if not isinstance(name, str):
        raise TemplateError("source.encoding must be a character set name")
    try:
        info = codecs.lookup(name)
    except LookupError as error:
        raise TemplateError(f"source.encoding {name!r} is not a character set the worker "
                            "knows") from error
    if not getattr(info, "_is_text_encoding", True):
        raise TemplateError(f"source.encoding {name!r} is not a character set")
    return info.name


def _count(raw, name):
    value = raw.get(name, 0) or 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise TemplateError(f"source.{name} must be a whole number from 0 to 1000")
    return value


def _field(raw, source, fmt):
    if not isinstance(raw, dict):
        raise TemplateError("a field is not an object")
    name = raw.get("name")
    if not isinstance(name, str) or not _FIELD_NAME.fullmatch(name):
        raise TemplateError(f"field name {name!r} must match [A-Za-z][A-Za-z0-9_]{{0,63}}")
    type_ = raw.get("type")
    if type_ not in TYPES:
        raise TemplateError(f"field {name}: type {type_!r} is not one of {sorted(TYPES)}")
    locate = _locate(raw.get("locate"), name, source, fmt)
    if locate.parts and type_ != "datetime":
        raise TemplateError(f"field {name}: a field located by a date and a time column "
                            "has type datetime")
    rules = _rules(raw.get("rules") or {}, name)
    if type_ == "enum" and not rules.enum:
        raise TemplateError(f"field {name}: an enum field needs rules.enum")
    value_format = raw.get("format")
    if value_format is not None and not isinstance(value_format, str):
        raise TemplateError(f"field {name}: format must be text")
    return FieldSpec(name=name, type=type_, required=bool(raw.get("required", False)),
                     locate=locate, format=value_format or None, rules=rules)


def _locate(raw, name, source, fmt):
    if not isinstance(raw, dict):
        raise TemplateError(f"field {name}: locate must be an object")
    if fmt != "PDF" and ("date" in raw or "time" in raw):
        if set(raw) != set(PAIR_PARTS):
            raise TemplateError(f"field {name}: locate of a combined field has exactly "
                                "date and time")
        parts = tuple(_locate(raw[part], f"{name} ({part})", source, fmt) for part in PAIR_PARTS)
        if any(part.kind not in ("header", "index", "span") for part in parts):
            raise TemplateError(f"field {name}: the date and the time are each one column")
        return Locate(parts=parts)
    ways = [way for way in ("header", "index", "start", "anchor", "region") if way in raw]
    if "regex" in raw and "anchor" not in raw and "region" not in raw:
        ways.append("regex")
    if len(ways) != 1:
        raise TemplateError(f"field {name}: locate must name exactly one way")
    way = ways[0]
    if way == "header":
        if not isinstance(raw["header"], str) or not raw["header"].strip():
            raise TemplateError(f"field {name}: locate.header must be a name")
        return Locate(header=raw["header"])
    if way == "index":
        if isinstance(raw["index"], bool) or not isinstance(raw["index"], int) \
                or not 0 <= raw["index"] < 10000:
            raise TemplateError(f"field {name}: locate.index must be a column number from 0")
        return Locate(index=raw["index"])
    if way == "start":
        start, end = raw.get("start"), raw.get("end")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) \
                or not 0 <= start < end <= 100000:
            raise TemplateError(f"field {name}: locate needs 0 <= start < end")
        if fmt != "PDF" and not source.fixed_width:
            raise TemplateError(f"field {name}: start/end need a fixed-width source")
        return Locate(start=start, end=end)
    pattern = raw.get("regex")
    if pattern is not None:
        _pattern(pattern, f"field {name}: locate.regex")
    if way == "region":
        if fmt != "PDF":
            raise TemplateError(f"field {name}: a region is a place on a PDF page")
        return Locate(region=_region(raw["region"], name), regex=pattern)
    return Locate(anchor=raw.get("anchor"), regex=pattern)


REGION_SIDES = ("left", "top", "right", "bottom")


def _region(raw, name):
    """(page, left, top, right, bottom) of a PDF region: points from the page's top left."""
    if not isinstance(raw, dict) or set(raw) != {"page", *REGION_SIDES}:
        raise TemplateError(f"field {name}: locate.region has page, left, top, right and bottom")
    page = raw["page"]
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise TemplateError(f"field {name}: locate.region.page is a page number from 1")
    sides = []
    for side in REGION_SIDES:
        value = raw[side]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise TemplateError(f"field {name}: locate.region.{side} is a number of points")
        sides.append(float(value))
    left, top, right, bottom = sides
    if left >= right or top >= bottom:
        raise TemplateError(f"field {name}: locate.region needs left < right and top < bottom")
    return (page, left, top, right, bottom)


def _rules(raw, name):
    if not isinstance(raw, dict):
        raise TemplateError(f"field {name}: rules must be an object")
    regex = _pattern(raw["regex"], f"field {name}: rules.regex") if raw.get("regex") else None
    enum = raw.get("enum") or ()
    if not isinstance(enum, (list, tuple)) or not all(isinstance(v, str) for v in enum):
        raise TemplateError(f"field {name}: rules.enum must be a list of texts")
    for bound in ("min", "max"):
        value = raw.get(bound)
        if value is not None and (isinstance(value, bool)
                                  or not isinstance(value, (int, float, str))):
            raise TemplateError(f"field {name}: rules.{bound} must be a number or ISO text")
    return Rules(regex=regex, enum=tuple(enum), min=raw.get("min"), max=raw.get("max"),
                 unique=bool(raw.get("unique", False)))


def _pattern(text, what):
    if not isinstance(text, str):
        raise TemplateError(f"{what} must be text")
    try:
        return re.compile(text)
    except re.error as error:
        raise TemplateError(f"{what} is not a valid regular expression ({error})") from error


@lru_cache(maxsize=1)
def builtin_templates():
    """The built-in vendor layouts, in ``index.json`` order, as system templates."""
    index = json.loads((BUILTIN_DIR / "index.json").read_text(encoding="utf-8"))
    specs = []
    for name in index:
        document = json.loads((BUILTIN_DIR / name).read_text(encoding="utf-8"))
        specs.append(compile_template(document, system=True))
    return tuple(specs)
