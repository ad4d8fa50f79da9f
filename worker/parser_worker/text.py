"""Stored text decoded as a stream, with the byte position progress is measured by."""

import codecs
import csv
import io

from parser_worker.errors import BadFile

# Long text cells (notes, embedded documents) are legitimate well past csv's 128 KiB default;
# a cell bigger than this is nearly always an unclosed quote swallowing the rest of the file.
MAX_CELL_CHARS = 1 << 20
csv.field_size_limit(MAX_CELL_CHARS)


class TextFile:
    """Lines of a stored text file; never holds more than the decoder's buffer in memory."""

    def __init__(self, path, encoding, size, declared_by=None):
        self._path = path
        self.encoding = encoding
        self._declared_by = declared_by  # the template that declares the encoding, if one does
        self._size = max(size, 1)
        self._raw = None
        self._text = None

    def __enter__(self):
        self._raw = open(self._path, "rb")
        self._text = io.TextIOWrapper(self._raw, encoding=self.encoding.codec, newline="")
        return self

    def __exit__(self, *exc):
        self._text.close()
        return False

    def __iter__(self):
        return iter(self._text)

    @property
    def fraction(self):
        """The share of the file's bytes decoded so far."""
        return min(self._raw.tell() / self._size, 1.0)

    def undecodable(self, error):
        if self._declared_by is not None:
            return BadFile(f"the text is not valid {self.encoding.label} near byte "
                           f"{self._raw.tell():,} ({error.reason}), the encoding template "
                           f"{self._declared_by!r} declares; export the whole file in that "
                           "encoding and upload it again")
        return BadFile(f"the text is not valid {self.encoding.label} near byte "
                       f"{self._raw.tell():,} ({error.reason}); save it as UTF-8 and upload again")


def head_text(content, encoding):
    """The decoded head of the file, cut after its last complete line (unless it is all of it)."""
    text = content.head.decode(encoding.codec, errors="ignore")
    if content.complete_head:
        return text
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[:cut + 1] if cut > 0 else text


def declared_head_text(content, encoding):
    """The head of the file decoded strictly in ``encoding`` (a template's declared one), cut
    like ``head_text``; raises ``UnicodeDecodeError`` when the head is not text in it."""
    decoder = codecs.getincrementaldecoder(encoding.codec)()
    text = decoder.decode(content.head, final=content.complete_head)
    if text.startswith("\ufeff"):
        text = text[1:]
    if content.complete_head:
        return text
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[:cut + 1] if cut > 0 else text


def delimited_rows(text_file, dialect, progress):
    """(record number, cells) of each non-blank record, reporting progress as it reads.

    Records are numbered from 1 in file order, counting a header: the number a user sees as the
    row number when opening the file in a spreadsheet. Blank records (empty lines, or only
    delimiters) are skipped and not numbered.
    """
    number = 0
    try:
        for row in dialect.reader(text_file):
            # blank: no cell with anything but whitespace, i.e. nothing but whitespace joined
            if not row or not (row[0].strip() or "".join(row).strip()):
                continue
            number += 1
            yield number, row
            if number % 128 == 0 and progress.is_due(text_file.fraction):
                progress.advance(text_file.fraction, f"read {number:,} rows")
    except csv.Error as error:
        raise BadFile(f"row {number + 1} cannot be split into columns ({error}); check that every "
                      "quote is closed and export the file again") from error
    except UnicodeDecodeError as error:
        raise text_file.undecodable(error) from error


def fit_columns(row, expected):
    """``row`` with ``expected`` cells, dropping empty trailing cells (a common export artefact);
    None when it has the wrong number of cells."""
    if len(row) == expected:
        return row
    if len(row) > expected and not any(cell.strip() for cell in row[expected:]):
        return row[:expected]
    return None
