import codecs
import hashlib
import unittest

from parser_worker.content import scan
from parser_worker.errors import BadFile, UnsupportedLayout
from parser_worker.progress import ProgressReporter
from parser_worker.request import FileRef
from tests.support import ParseCase


def scanned(path, **expected):
    progress = ProgressReporter(lambda meta: None)
    progress.step("reading", "reading the file")
    return scan(path, FileRef(uri=path.as_uri(), **expected), progress)


class EncodingTest(ParseCase):

    def test_reads_utf8(self):
        content = scanned(self.sample("a.csv", "name\nZoë\n"))
        self.assertEqual("UTF-8", content.text_encoding().label)

    def test_strips_utf8_byte_order_mark(self):
        content = scanned(self.sample("a.csv", codecs.BOM_UTF8 + "name\nZoë\n".encode()))
        self.assertEqual(("utf-8-sig", "UTF-8"), (content.text_encoding().codec,
                                                  content.text_encoding().label))

    def test_falls_back_to_latin1(self):
        content = scanned(self.sample("a.csv", "name\nMüller\n".encode("latin-1")))
        self.assertEqual("ISO-8859-1", content.text_encoding().label)

    def test_prefers_cp1252_when_its_letters_are_used(self):
        content = scanned(self.sample("a.csv", "price\n10 €\n“quoted”\n".encode("cp1252")))
        self.assertEqual("windows-1252", content.text_encoding().label)

    def test_reads_utf16_with_byte_order_mark(self):
        content = scanned(self.sample("a.csv", "name\tcity\nZoë\tBern\n".encode("utf-16")))
        self.assertEqual("utf-16", content.text_encoding().codec)

    def test_checks_utf8_over_the_whole_file_not_just_its_head(self):
        data = b"name\n" + b"plain ascii row\n" * 10_000 + "Müller\n".encode("latin-1")
        self.assertEqual("ISO-8859-1", scanned(self.sample("a.csv", data)).text_encoding().label)

    def test_recognises_pdf_by_its_magic(self):
        content = scanned(self.sample("a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))
        self.assertTrue(content.is_pdf)


class RefusalTest(ParseCase):

    def test_refuses_zip_as_unsupported_with_a_hint(self):
        content = scanned(self.sample("a.xlsx", b"PK\x03\x04" + bytes(200)))
        with self.assertRaises(UnsupportedLayout) as raised:
            content.text_encoding()
        self.assertIn("export the sheet as CSV", str(raised.exception))

    def test_refuses_binary_as_unsupported(self):
        content = scanned(self.sample("a.bin", bytes(range(256)) * 10))
        with self.assertRaises(UnsupportedLayout):
            content.text_encoding()

    def test_refuses_text_with_nul_bytes_as_bad_file(self):
        content = scanned(self.sample("a.csv", b"name,city\n" * 100 + b"Zo\x00e,Bern\n"))
        with self.assertRaises(BadFile) as raised:
            content.text_encoding()
        self.assertIn("NUL byte", str(raised.exception))

    def test_refuses_empty_file(self):
        with self.assertRaises(BadFile) as raised:
            scanned(self.sample("a.csv", b""))
        self.assertIn("empty", str(raised.exception))

    def test_refuses_file_that_differs_from_the_upload(self):
        path = self.sample("a.csv", "a,b\n1,2\n")
        with self.assertRaises(BadFile) as raised:
            scanned(path, sha256=hashlib.sha256(b"something else").hexdigest())
        self.assertIn("upload the file again", str(raised.exception))

    def test_refuses_file_of_another_size(self):
        with self.assertRaises(BadFile):
            scanned(self.sample("a.csv", "a,b\n1,2\n"), size=3)

    def test_accepts_matching_checksum_in_upper_case(self):
        path = self.sample("a.csv", "a,b\n1,2\n")
        digest = hashlib.sha256(path.read_bytes()).hexdigest().upper()
        self.assertEqual(8, scanned(path, sha256=digest, size=8).size)


if __name__ == "__main__":
    unittest.main()
