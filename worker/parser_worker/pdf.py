"""PDF documents: the text of each page, and simple tables found on the pages.

Records are one ``{"page", "text"}`` per page plus one ``{"page", "table", "row", "cells"}`` per
table row (tables and rows numbered from 1 on each page). A table is two or more consecutive
lines that each split into two or more cells at runs of two or more spaces. Because PDFs often
draw every cell separately, the lines are rebuilt from the position of each piece of text on
the page, and a wide horizontal gap between pieces counts as a cell boundary.
"""

import re
import struct
import zlib
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from parser_worker.errors import BadFile
from parser_worker.outcome import ParseOutcome, write_item
from parser_worker.profile import ColumnStats
from parser_worker.value_types import looks_typed

PDF_TEXT = "pdf-text"
PDF_TABLES = "pdf-tables"
CERTAINTY_TEXT = 0.75
CERTAINTY_TABLES = 0.8
SAMPLE_ROWS = 10
SAMPLE_TEXT_CHARS = 200

# pypdf reports damage in many shapes; these are the ones its parsers raise on broken input.
PDF_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
              AssertionError, RecursionError, struct.error, zlib.error)

_CELL_GAP = re.compile(r"\s{2,}")
_AVERAGE_CHAR_WIDTH = 0.5  # of the font size; good enough to tell a word gap from a column gap
_COLUMN_GAP = 1.0  # font sizes of empty space that separate two cells
_WORD_GAP = 0.15  # font sizes of empty space that separate two words


def parse_pdf(path, spool, progress, quality):
    reader = _open(path)
    try:
        pages = len(reader.pages)
    except PDF_ERRORS as error:
        raise _damaged() from error
    if pages == 0:
        raise BadFile("the PDF has no pages; export the document again and upload the new file")
    tables = _TableCollector()
    text_pages = []
    for index in range(pages):
        page_number = index + 1
        quality.read()
        try:
            pieces = []
            text = reader.pages[index].extract_text(visitor_text=_collect(pieces)) or ""
        except PDF_ERRORS:
            quality.reject(page_number, "page_unreadable")
        else:
            write_item(spool, {"page": page_number, "text": text})
            if text.strip():
                text_pages.append([page_number, text[:SAMPLE_TEXT_CHARS]])
            lines = _positioned_lines(pieces)
            found = find_tables(lines) or find_tables(text.splitlines())
            for table_number, rows in enumerate(found, 1):
                for row_number, cells in enumerate(rows, 1):
                    write_item(spool, {"page": page_number, "table": table_number,
                                   "row": row_number, "cells": cells})
                    tables.add(cells)
        progress.advance(page_number / pages, f"read page {page_number} of {pages}", force=True,
                         page=page_number, pages=pages)
    if quality.rows_accepted == 0:
        raise _damaged()
    if not text_pages:
        raise BadFile("the PDF has no text layer (it is probably a scan); run text recognition "
                      "(OCR) on it, or upload the original document or the data as CSV")
    readable = quality.accepted_ratio
    records = quality.rows_accepted + tables.rows
    fields = [{"name": "page", "type": "integer"}, {"name": "text", "type": "string"}]
    if tables.rows:
        fields += [{"name": "table", "type": "integer"}, {"name": "row", "type": "integer"},
                   {"name": "cells", "type": "string"}]
        return ParseOutcome(format="PDF", layout=PDF_TABLES, certainty=CERTAINTY_TABLES * readable,
                            fields=fields, columns=tables.names, named_columns=tables.named,
                            profile=tables.stats, sample_rows=tables.samples, records=records,
                            details={"pages": pages})
    stats = [ColumnStats("page"), ColumnStats("text")]
    for page_number, text in text_pages:
        stats[0].observe(str(page_number))
        stats[1].observe(text)
    return ParseOutcome(format="PDF", layout=PDF_TEXT, certainty=CERTAINTY_TEXT * readable,
                        fields=fields, columns=["page", "text"], named_columns=True,
                        profile=stats, sample_rows=text_pages[:SAMPLE_ROWS], records=records,
                        details={"pages": pages})


@dataclass
class PageText:
    """Where a page's pieces of text are: PDF user space, and the page's top left corner in it."""

    left: float
    top: float
    pieces: list

    def within(self, left, top, right, bottom):
        """The text whose pieces start inside the box (points from the page's top left corner),
        as lines rebuilt from where they are; None when no piece does."""
        inside = [p for p in self.pieces
                  if left <= p.x - self.left <= right and top <= self.top - p.y <= bottom]
        if not inside:
            return None
        lines = _positioned_lines(inside)
        if not lines:
            lines = [" ".join(p.text for p in sorted(inside, key=lambda p: (-p.y, p.x)))]
        return "\n".join(lines)


def page_layout(path, report):
    """(the lines of every page, one after another, the number of pages, the ``PageText`` of
    every page) of the PDF at ``path``; lines are rebuilt from where the text is, as for tables.
    A page that cannot be read has no lines; ``report(page, pages)`` after each page. Raises
    ``BadFile`` when the PDF is encrypted or damaged."""
    reader = _open(path)
    try:
        pages = len(reader.pages)
    except PDF_ERRORS as error:
        raise _damaged() from error
    lines, layout = [], []
    for index in range(pages):
        pieces = []
        try:
            page = reader.pages[index]
            text = page.extract_text(visitor_text=_collect(pieces)) or ""
            box = page.mediabox
            left, top = float(box.left), float(box.top)
        except PDF_ERRORS:
            text, left, top = "", 0.0, 0.0
        lines.extend(_positioned_lines(pieces) or text.splitlines())
        layout.append(PageText(left, top, pieces))
        report(index + 1, pages)
    return lines, pages, layout


def _open(path):
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
    except BadFile:
        raise
    except PyPdfError as error:
        if "decrypt" in str(error).lower() or "password" in str(error).lower():
            raise _encrypted() from error
        raise _damaged() from error
    except NotImplementedError as error:  # an encryption scheme pypdf cannot open
        raise _encrypted() from error
    except PDF_ERRORS as error:
        raise _damaged() from error
    return reader


def _encrypted():
    return BadFile("the PDF is encrypted with a password; upload it without a password")


def _damaged():
    return BadFile("the PDF is damaged and cannot be read; open it and save or print it to PDF "
                   "again, then upload the new file")


@dataclass
class _Piece:
    x: float
    y: float
    size: float
    text: str


def _collect(pieces):
    def visit(text, cm, tm, font, size):
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or 1.0
        effective = (size or 10.0) * scale
        for offset, part in enumerate(text.split("\n")):
            if part.strip():
                pieces.append(_Piece(x, y - offset * effective * 1.2, effective, part.strip()))
    return visit


def _positioned_lines(pieces):
    """Lines rebuilt from where the text pieces are; cell gaps become three spaces."""
    if len(pieces) < 2 or len({(round(p.x), round(p.y)) for p in pieces}) < 2:
        return []
    lines, current = [], []
    for piece in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if current and abs(current[0].y - piece.y) > 0.4 * max(piece.size, current[0].size):
            lines.append(current)
            current = []
        current.append(piece)
    if current:
        lines.append(current)
    return [_join(sorted(line, key=lambda p: p.x)) for line in lines]


def _join(line):
    text = line[0].text
    for previous, piece in zip(line, line[1:]):
        end = previous.x + len(previous.text) * previous.size * _AVERAGE_CHAR_WIDTH
        gap = piece.x - end
        if gap > previous.size * _COLUMN_GAP:
            text += "   "
        elif gap > previous.size * _WORD_GAP:
            text += " "
        text += piece.text
    return text


def find_tables(lines):
    """Runs of two or more lines that each have two or more cells; each a list of cell lists."""
    tables, current = [], []
    for line in lines:
        cells = _CELL_GAP.split(line.strip()) if line.strip() else []
        if len(cells) >= 2:
            current.append(cells)
            continue
        if len(current) >= 2:
            tables.append(current)
        current = []
    if len(current) >= 2:
        tables.append(current)
    return tables


class _TableCollector:
    """Profile and sample of table rows; the first table's first row names the columns if it
    reads like a header. Only the first rows are kept: enough to profile, bounded in memory."""

    KEPT_ROWS = 10_000

    def __init__(self):
        self.rows = 0
        self.samples = []
        self._kept = []

    def add(self, cells):
        self.rows += 1
        if len(self.samples) < SAMPLE_ROWS:
            self.samples.append(cells)
        if len(self._kept) < self.KEPT_ROWS:
            self._kept.append(cells)

    @property
    def named(self):
        first = self._kept[0] if self._kept else []
        return bool(first) and len(first) == self._width() \
            and not any(looks_typed(cell) for cell in first)

    @property
    def names(self):
        if self.named:
            return list(self._kept[0])
        return [f"column{i + 1}" for i in range(self._width())]

    @property
    def stats(self):
        stats = [ColumnStats(name) for name in self.names]
        for cells in self._kept[1 if self.named else 0:]:
            for column, value in zip(stats, cells):
                column.observe(value)
        return stats

    def _width(self):
        return max((len(cells) for cells in self._kept), default=0)
