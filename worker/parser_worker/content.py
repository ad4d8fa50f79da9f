"""The reading step: one pass over the stored bytes that checks them and learns their encoding.

The pass hashes the file (a stored file that differs from the upload is not parsed), keeps the
first bytes for sniffing, and records what the encoding decision needs, so the later streaming
parse can decode with an encoding known to hold for the whole file rather than a guess from its
head.
"""

import codecs
import hashlib
import re
from dataclasses import dataclass

from parser_worker.errors import BadFile, UnsupportedLayout

CHUNK_BYTES = 1 << 20
HEAD_BYTES = 64 * 1024
PDF_MAGIC_WINDOW = 1024  # the PDF spec lets %PDF- start anywhere in the first 1024 bytes

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16BE"),
)

# Binary formats users upload by mistake, with what to do instead.
_FOREIGN_MAGIC = (
    (b"PK\x03\x04", "the file is a ZIP archive or an Excel/Word document; "
                    "export the sheet as CSV (or print the document to PDF) and upload that"),
    (b"\xd0\xcf\x11\xe0", "the file is a legacy Office document (e.g. .xls); "
                          "export the sheet as CSV and upload that"),
    (b"\x1f\x8b", "the file is gzip-compressed; decompress it and upload the CSV or PDF inside"),
    (b"\x89PNG", "the file is an image; upload the document as PDF or the data as CSV"),
    (b"\xff\xd8\xff", "the file is an image; upload the document as PDF or the data as CSV"),
    (b"GIF8", "the file is an image; upload the document as PDF or the data as CSV"),
)


@dataclass(frozen=True)
class TextEncoding:
    codec: str  # the Python codec that decodes the whole file
    label: str  # the IANA charset name reported to the Java side


@dataclass(frozen=True)
class Content:
    size: int
    sha256: str
    head: bytes
    is_pdf: bool
    complete_head: bool  # whether ``head`` is the whole file
    text_facts: "_TextFacts"

    def text_encoding(self):
        """The encoding that decodes the whole file; raises when the bytes are not text."""
        return _text_encoding(self.head, self.text_facts)

    def declared_encoding(self, codec):
        """How to read the file in the encoding a template declares (``codec``, a Python codec
        name): a byte-order mark at the start says what the file is and wins; UTF-8 reads with
        or without one; UTF-16 without one is little-endian unless its zero bytes say otherwise."""
        if self.text_facts.bom is not None:
            return TextEncoding(*self.text_facts.bom)
        if codec in ("utf-8", "utf-8-sig"):
            return TextEncoding("utf-8", "UTF-8")
        if codec == "utf-16":
            return (TextEncoding("utf-16-be", "UTF-16BE") if _zeros_lead(self.head)
                    else TextEncoding("utf-16-le", "UTF-16LE"))
        return TextEncoding(codec, _iana_label(codec))


def scan(path, expected, progress):
    """Reads the whole file once, checking it against ``expected`` (the request's FileRef)."""
    digest = hashlib.sha256()
    head = b""
    size = 0
    text = _TextFacts()
    with open(path, "rb") as source:
        total = max(_file_size(source), 1)
        while True:
            chunk = source.read(CHUNK_BYTES)
            if not chunk:
                break
            if size < HEAD_BYTES:
                head += chunk[:HEAD_BYTES - size]
                if size == 0:
                    text.start(chunk)
            size += len(chunk)
            digest.update(chunk)
            text.feed(chunk)
            if progress.is_due(size / total):
                progress.advance(size / total, f"read {size:,} of {total:,} bytes")
    text.finish()
    _check_identity(size, digest.hexdigest(), expected)
    if size == 0:
        raise BadFile("the file is empty; upload it again with its content")
    is_pdf = b"%PDF-" in head[:PDF_MAGIC_WINDOW]
    return Content(size, digest.hexdigest(), head, is_pdf, size <= HEAD_BYTES, text)


def _file_size(source):
    source.seek(0, 2)
    total = source.tell()
    source.seek(0)
    return total


def _check_identity(size, sha256, expected):
    if expected is None:
        return
    if expected.size is not None and expected.size != size:
        raise BadFile(f"the stored file has {size:,} bytes but {expected.size:,} were uploaded; "
                      "upload the file again")
    if expected.sha256 and _SHA256.fullmatch(expected.sha256) and expected.sha256.lower() != sha256:
        raise BadFile("the stored file does not match the uploaded one (SHA-256 differs); "
                      "upload the file again")


class _TextFacts:
    """What the encoding decision needs, gathered chunk by chunk."""

    def __init__(self):
        self.bom = None
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self.valid_utf8 = True
        self.has_c1 = False
        self.has_cp1252_undefined = False
        self.first_nul = None
        self._offset = 0

    def start(self, first_chunk):
        for bom, codec, label in _BOMS:
            if first_chunk.startswith(bom):
                self.bom = (codec, label)
                return

    def feed(self, chunk):
        if self.valid_utf8:
            try:
                self._utf8.decode(chunk)
            except UnicodeDecodeError:
                self.valid_utf8 = False
        # both are bytes 0x80 and up: an ASCII chunk (checked far faster) has neither
        ascii_only = chunk.isascii()
        if not self.has_c1 and not ascii_only and _C1_BYTES.search(chunk):
            self.has_c1 = True
        if not self.has_cp1252_undefined and not ascii_only and _CP1252_UNDEFINED.search(chunk):
            self.has_cp1252_undefined = True
        if self.first_nul is None and (self.bom is None or self.bom[0] != "utf-16"):
            at = chunk.find(b"\x00")
            if at >= 0:
                self.first_nul = self._offset + at
        self._offset += len(chunk)

    def finish(self):
        if self.valid_utf8:
            try:
                self._utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                self.valid_utf8 = False


def _zeros_lead(head):
    """Whether ``head`` (UTF-16 without a byte-order mark) has more zero bytes at even offsets,
    as big-endian text of mostly Latin letters has."""
    sample = head[:4096]
    return sample[0::2].count(0) > sample[1::2].count(0)


def _iana_label(codec):
    """The IANA charset name of a Python codec name, for the result's ``encoding``."""
    if codec.startswith("cp") and codec[2:].isdigit() and codec[2:].startswith("125"):
        return f"windows-{codec[2:]}"
    if codec.startswith("iso8859-"):
        return f"ISO-8859-{codec[8:]}"
    if codec.startswith(("utf-16-", "utf-32-")):
        return codec[:6].upper() + codec[7:].upper()  # utf-16-be: UTF-16BE
    return codec.upper().replace("_", "-")


def _text_encoding(head, facts):
    for magic, hint in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedLayout(hint)
    if facts.bom is not None:
        return TextEncoding(*facts.bom)
    if len(_CONTROL_BYTES.findall(head)) > 0.1 * len(head):
        raise UnsupportedLayout("the file is binary and neither a PDF nor text; "
                                "upload a PDF, a CSV file or a call record export")
    if facts.first_nul is not None:
        raise BadFile(f"the text contains a NUL byte at offset {facts.first_nul:,}, so it is "
                      "damaged or not a plain-text export; export it again as CSV")
    if facts.valid_utf8:
        return TextEncoding("utf-8", "UTF-8")
    if facts.has_c1 and not facts.has_cp1252_undefined:
        # Bytes 0x80-0x9f are control codes in Latin-1 but letters and signs (€, “, ”) in cp1252,
        # which is what Windows tools write; Latin-1 stays the fallback that decodes anything.
        return TextEncoding("cp1252", "windows-1252")
    return TextEncoding("latin-1", "ISO-8859-1")
