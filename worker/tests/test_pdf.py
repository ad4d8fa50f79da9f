import unittest

from reportlab.lib import pdfencrypt

from parser_worker.errors import BadFile
from parser_worker.pdf import find_tables
from tests import samples
from tests.support import ParseCase


class PdfTest(ParseCase):

    def test_reads_each_page_and_the_tables_on_it(self):
        path = samples.pdf_with_table(self.dir / "invoice.pdf")
        result, reports, records = self.parse(path, "PDF")

        self.assertEqual(2, result["pages"])
        self.assertEqual("pdf-tables", result["classification"]["layout"])
        self.assertNotIn("encoding", result)
        self.assertNotIn("dialect", result)
        pages = [r for r in records if "text" in r]
        self.assertEqual([1, 2], [page["page"] for page in pages])
        self.assertIn("Invoice INV-001 for Acme Corp", pages[0]["text"])
        rows = [(r["page"], r["table"], r["row"], r["cells"]) for r in records if "cells" in r]
        self.assertEqual([
            (1, 1, 1, ["Item", "Qty", "Price"]),
            (1, 1, 2, ["Widget", "2", "10.50"]),
            (1, 1, 3, ["Gadget large", "10", "3.25"]),
            (2, 1, 1, ["Name", "Amount", "Date"]),
            (2, 1, 2, ["Alice", "12.50", "2024-01-01"]),
            (2, 1, 3, ["Bob", "7.00", "2024-01-02"]),
        ], rows)
        self.assertEqual(len(records), result["recordCount"])
        self.assertEqual(["page", "text", "table", "row", "cells"],
                         [field["name"] for field in result["fields"]])

    def test_reports_progress_on_every_page(self):
        path = samples.pdf_text(self.dir / "report.pdf", pages=3)
        _, reports, _ = self.parse(path, "PDF")

        pages = [(r["page"], r["pages"]) for r in reports if r["step"] == "parsing" and "page" in r]
        self.assertEqual([(1, 3), (2, 3), (3, 3)], pages)
        percents = [r["percent"] for r in reports]
        self.assertEqual(percents, sorted(percents))

    def test_prose_only_is_pdf_text(self):
        result, _, records = self.parse(samples.pdf_text(self.dir / "report.pdf"), "PDF")

        self.assertEqual("pdf-text", result["classification"]["layout"])
        self.assertFalse(result["needsMapping"])
        self.assertEqual([{"name": "page", "type": "integer"}, {"name": "text", "type": "string"}],
                         result["fields"])
        self.assertEqual(1, len(records))

    def test_encrypted_pdf_is_a_bad_file_asking_for_an_unprotected_upload(self):
        path = samples.pdf_text(self.dir / "secret.pdf", encrypt="secret")
        with self.assertRaises(BadFile) as raised:
            self.parse(path, "PDF")
        self.assertEqual("the PDF is encrypted with a password; upload it without a password",
                         str(raised.exception))

    def test_pdf_with_only_an_owner_password_is_read(self):
        protection = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0)
        path = samples.pdf_text(self.dir / "owner.pdf", encrypt=protection)
        result, _, records = self.parse(path, "PDF")

        self.assertIn("Report page 1", records[0]["text"])

    def test_damaged_pdf_is_a_bad_file(self):
        data = samples.pdf_text(self.dir / "whole.pdf", pages=2).read_bytes()
        path = self.sample("damaged.pdf", data[:200] + b"garbage" * 50)
        with self.assertRaises(BadFile) as raised:
            self.parse(path, "PDF")
        self.assertIn("damaged", str(raised.exception))

    def test_pdf_without_text_layer_is_a_bad_file_suggesting_ocr(self):
        with self.assertRaises(BadFile) as raised:
            self.parse(samples.pdf_without_text(self.dir / "scan.pdf"), "PDF")
        self.assertIn("OCR", str(raised.exception))


class TableFinderTest(unittest.TestCase):

    def test_needs_two_lines_of_two_cells(self):
        self.assertEqual([], find_tables(["Total   12", "Thank you"]))
        self.assertEqual([[["a", "b"], ["c", "d e"]]],
                         find_tables(["Intro text", "a   b", "c    d e", "Outro"]))


if __name__ == "__main__":
    unittest.main()
