"""The detecting step: which known layout the content has, and so which parser reads it.

Text is tried from the most specific layout to the least, as the API's upload sniffer does:
Asterisk ``Master.csv``, a delimited table whose header names call record fields, any other
delimited table, and only when no delimiter splits the lines consistently, a fixed-width switch
export. Text with no structure at all is a single-column table when it has no delimiters, and
an unsupported layout otherwise.
"""

from dataclasses import dataclass
from functools import partial

from parser_worker.cdr.asterisk import ASTERISK_MASTER_CSV, looks_like_asterisk, parse_asterisk
from parser_worker.cdr.fixed_width import FIXED_WIDTH_SWITCH, detect_fixed_width, \
    parse_fixed_width
from parser_worker.cdr.header import CDR_CSV_HEADER, names_call_record_fields, parse_header_cdr
from parser_worker.dialect import (DELIMITERS, Dialect, column_count, detect_dialect,
                                   has_header, sample_rows)
from parser_worker.errors import BadFile, UnsupportedLayout
from parser_worker.pdf import parse_pdf
from parser_worker.tables import GENERIC_CSV, parse_table
from parser_worker.text import TextFile, head_text

SAMPLE_LINES = 200


@dataclass(frozen=True)
class TextLayout:
    layout: str
    dialect: Dialect | None = None
    has_header: bool = False
    columns: int = 0  # the usual column count of a delimited layout
    sample: tuple = ()  # the first rows (delimited) or lines (fixed width) of the file
    fixed_width: object = None

    def sample_column(self, index):
        """The values of column ``index`` in the sample rows after the header."""
        rows = self.sample[1:] if self.has_header else self.sample
        return [row[index] for row in rows if index < len(row)]

    def sample_values(self, spec, field):
        return [spec.value(line, field) for line in self.sample]


@dataclass(frozen=True)
class Detection:
    """A detected layout and the parser that reads it: ``parse(spool, progress, quality)``."""

    layout: str
    parse: object
    details: dict
    text: TextLayout | None = None  # what was found in text; None for a PDF


def detect(path, content):
    if content.is_pdf:
        return Detection("pdf", partial(parse_pdf, path), {})
    encoding = content.text_encoding()
    text = head_text(content, encoding)
    layout = detect_text_layout(text)
    details = {"encoding": encoding.label}
    if layout.dialect is not None:
        details["dialect"] = {"delimiter": layout.dialect.delimiter, "hasHeader": layout.has_header}
    parser = _TEXT_PARSERS[layout.layout]
    return Detection(layout.layout, partial(_parse_text, parser, path, encoding, content.size,
                                            layout), details, layout)


def detect_text_layout(text):
    """The layout of delimited or fixed-width text from the first lines of a file."""
    lines = text.splitlines()[:SAMPLE_LINES]
    if not any(line.strip() for line in lines):
        raise BadFile("the file holds no text but blank lines; upload the file with its content")
    head = "\n".join(lines) + "\n"
    comma_rows = sample_rows(head, Dialect(","), SAMPLE_LINES)
    if looks_like_asterisk(comma_rows):
        return TextLayout(ASTERISK_MASTER_CSV, Dialect(","), False, column_count(comma_rows)[0],
                          tuple(comma_rows))
    dialect = detect_dialect(head)
    if dialect is not None:
        rows = sample_rows(head, dialect, SAMPLE_LINES)
        header = has_header(rows)
        columns = len(rows[0]) if header else column_count(rows)[0]
        if header and names_call_record_fields(rows[0]):
            return TextLayout(CDR_CSV_HEADER, dialect, True, columns, tuple(rows))
        return TextLayout(GENERIC_CSV, dialect, header, columns, tuple(rows))
    fixed = detect_fixed_width(lines)
    if fixed is not None:
        return TextLayout(FIXED_WIDTH_SWITCH, sample=tuple(lines), fixed_width=fixed)
    if not any(delimiter in text for delimiter in DELIMITERS):
        rows = sample_rows(head, Dialect(","), SAMPLE_LINES)
        header = has_header(rows)
        return TextLayout(GENERIC_CSV, Dialect(","), header, 1, tuple(rows))
    raise UnsupportedLayout(
        "the text has no consistent columns: no delimiter (comma, semicolon, tab or |) splits "
        "its lines into the same number of fields, and it is not a fixed-width call record "
        "export; export the data as CSV with one record per line")


def _parse_text(parser, path, encoding, size, layout, spool, progress, quality):
    with TextFile(path, encoding, size) as text_file:
        return parser(text_file, layout, spool, progress, quality)


_TEXT_PARSERS = {
    ASTERISK_MASTER_CSV: parse_asterisk,
    CDR_CSV_HEADER: parse_header_cdr,
    GENERIC_CSV: parse_table,
    FIXED_WIDTH_SWITCH: parse_fixed_width,
}
