"""PDF templates: matching a PDF's text against PDF template documents, and extracting the one
record a matching template describes (an invoice, a statement, a call summary).

The text is read once: the lines of each page, rebuilt from where the pieces of text are (as
``pdf`` does for tables, so a label and its value drawn apart stay on one line, three spaces
apart), pages one after another. A field is located (docs/template-format.md):

- ``{"anchor"}``: the rest of the line after the first occurrence of the anchor, without a
  separating colon and spaces;
- ``{"anchor", "regex"}``: the regex's first group (else its whole match) at its first match
  in the text after the anchor, on its line or the following ones;
- ``{"regex"}``: the same in the whole text;
- ``{"region"}``: the text inside a box of a page (``page`` from 1; ``left``, ``top``, ``right``,
  ``bottom`` in points from the page's top left corner: a piece of text belongs to it when the
  start of its baseline is inside), as lines; with ``regex``, the regex's first group in it.

An anchor found as written counts 1; found only ignoring case and the width of spaces,
``LOOSE_CREDIT``. The evidence is weighed as the CSV engine weighs it (``template_engine``):

- **anchor agreement**: the share of anchors found (templates with anchors);
- **field validity**: the share of the template's fields found whose value reads as its type
  and ``format`` and passes its rules;
- **specificity** (templates without anchors): how many fields can fail at all.

The document is one record. It is rejected (``missing_<field>``, ``invalid_<field>``,
``pattern_<field>``...) when a required field is not found or a value found breaks its field's
rules. A template fits when the record is accepted, most anchors are found and most fields
read; the best fitting one wins; a template the job pins wins whenever one of its fields reads.
"""

import re
from dataclasses import dataclass

from parser_worker.outcome import ParseOutcome, write_item
from parser_worker.pdf import page_layout
from parser_worker.profile import ColumnStats
from parser_worker.quality import RowRejected
from parser_worker.template_engine import (LOOSE_CREDIT, Evidence, RecordShape, check,
                                           is_pinned, snake)
from parser_worker.value_types import NULL_TOKENS

_SEPARATOR = " \t:"


def read_text(path, progress):
    """The ``PdfText`` of the PDF at ``path``; raises ``BadFile`` when it is encrypted or
    damaged."""
    def report(page, pages):
        progress.advance(page / pages, f"read page {page} of {pages}", page=page, pages=pages)
    return PdfText(*page_layout(path, report))


@dataclass
class PdfText:
    """The lines of a PDF's pages, one after another, and how many pages it has."""

    lines: list
    pages: int
    layout: list = None  # the ``pdf.PageText`` of each page, for regions

    def region(self, page, left, top, right, bottom):
        """The text inside a box of a page (points from its top left), or None."""
        if not self.layout or page > len(self.layout):
            return None
        return self.layout[page - 1].within(left, top, right, bottom)

    @property
    def text(self):
        return "\n".join(self.lines)


@dataclass
class PdfMatch(Evidence):
    """How well a PDF template fits a document, and the record it reads from it."""

    spec: object
    agreement: float | None  # None for a template without anchors
    validity: float
    values: dict | None  # None when the record is rejected
    reason: str | None  # why it is rejected
    pages: int
    pinned: bool = False
    encoding: object = None  # text files only

    @property
    def fits(self):
        return self.values is not None and Evidence.fits.fget(self)


def choose_pdf(specs, text, pinned_id=None, pinned_version=None):
    """The best ``PdfMatch`` of the PDF ``specs`` on ``text`` (a ``PdfText``), or None."""
    candidates = [spec for spec in specs if spec.format == "PDF"]
    for spec in candidates:
        if is_pinned(spec, pinned_id, pinned_version):
            found = evaluate_pdf(spec, text)
            if found.fits_at_all:
                found.pinned = True
                return found
    best = None
    for spec in candidates:
        found = evaluate_pdf(spec, text)
        if not found.fits:
            continue
        key = (round(found.score(), 6), len(spec.fields))
        if best is None or key > best[0]:
            best = (key, found)
    return best[1] if best else None


def evaluate_pdf(spec, text):
    """How ``spec`` fits the document's ``text``, with the record it reads."""
    whole = text.text
    credit, anchors, valid = 0.0, 0, 0
    values, reason = {}, None
    for spec_field in spec.fields:
        state, value, why, weight = _read_field(spec, spec_field, whole, text)
        if spec_field.locate.anchor is not None:
            anchors += 1
            credit += weight
        values[spec_field.name] = value
        valid += state == "valid"
        if reason is None and why is not None:
            reason = why
    agreement = credit / anchors if anchors else None
    return PdfMatch(spec, agreement, valid / len(spec.fields),
                    None if reason else values, reason, text.pages)


def field_readings(spec, text):
    """({field name: (state, value)}, the record's rejection reason or None) of ``spec`` on the
    document's ``text``; a state is ``valid``, ``invalid`` or ``empty``."""
    whole = text.text
    readings, reason = {}, None
    for spec_field in spec.fields:
        state, value, why, _ = _read_field(spec, spec_field, whole, text)
        readings[spec_field.name] = (state, value)
        reason = reason or why
    return readings, reason


def _read_field(spec, spec_field, whole, text):
    """(state, value, rejection reason or None, anchor credit) of one field."""
    found, weight = _locate(spec_field.locate, whole, text)
    raw = (found or "").strip()
    if raw in NULL_TOKENS:
        why = f"missing_{snake(spec_field.name)}" if spec_field.required else None
        return "empty", None, why, weight
    try:
        return "valid", check(spec_field, raw, spec.source.time_zone), None, weight
    except RowRejected as rejected:
        return "invalid", None, rejected.reason, weight


def _locate(locate, whole, text):
    """(the text found for a field, the credit its anchor earns: 1, LOOSE_CREDIT or 0)."""
    credit = 0.0
    after = whole
    if locate.region is not None:
        after = text.region(*locate.region)
        if after is None or locate.regex is None:
            return after, 0.0
    if locate.anchor is not None:
        at = whole.find(locate.anchor)
        if at >= 0:
            credit, end = 1.0, at + len(locate.anchor)
        else:
            loose = _loose(locate.anchor).search(whole)
            if loose is None:
                return None, 0.0
            credit, end = LOOSE_CREDIT, loose.end()
        after = whole[end:]
        if locate.regex is None:
            line = after.split("\n", 1)[0]
            return line.strip().lstrip(_SEPARATOR).strip(), credit
    found = _pattern(locate.regex).search(after)
    if found is None:
        return None, credit
    return (found.group(1) if found.re.groups else found.group(0)), credit


_COMPILED = {}


def _pattern(text):
    compiled = _COMPILED.get(text)
    if compiled is None:
        compiled = _COMPILED[text] = re.compile(text, re.MULTILINE)
    return compiled


def _loose(anchor):
    return _pattern("(?i)" + r"\s+".join(re.escape(word) for word in anchor.split()))


def parse_pdf_template(match, spool, quality, layout_name):
    """Writes the record ``match`` read into ``spool``; the outcome of the parse."""
    spec = match.spec
    shape = RecordShape(spec)
    quality.read()
    if match.values is None:
        quality.reject(1, match.reason)
    else:
        write_item(spool, shape.record(match.values))
    stats = [ColumnStats(f.name) for f in spec.fields]
    sample = []
    if match.values is not None:
        for column, spec_field in zip(stats, spec.fields):
            value = match.values.get(spec_field.name)
            column.observe("" if value is None else str(value))
        sample = [["" if match.values.get(f.name) is None else str(match.values[f.name])
                   for f in spec.fields]]
    # The confidence: the evidence weighed with the share of the record's fields that read.
    return ParseOutcome(
        format="PDF",
        layout=layout_name,
        certainty=match.score(match.validity if match.values is not None else 0.0),
        fields=shape.fields,
        columns=[f.name for f in spec.fields],
        named_columns=True,
        profile=stats,
        sample_rows=sample,
        records=quality.rows_accepted,
        details={"pages": match.pages},
    )
