"""PDF templates: a PDF is matched by its anchors and fields, and the record they locate is
extracted with the template's types and rules, as sure as the evidence says."""

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parser_worker.errors import BadFile
from parser_worker.pdf_templates import PdfText, choose_pdf, evaluate_pdf
from parser_worker.template_doc import compile_template
from tests import samples
from tests.support import ParseCase

LABELS = {"number": "Invoice number:", "date": "Invoice date:", "customer": "Customer:",
          "total": "Total due"}


def invoice_pdf(path, number="INV-2026-0042", date="05.01.2026", customer="Globex Corporation",
                total="1.234,50 EUR", labels=None, calls="128"):
    """An invoice whose labels and values are drawn apart, as invoicing tools lay them out; the
    total on the line below its label, and a call count on the second page."""
    labels = LABELS | (labels or {})
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(72, 800, "ACME Telecom GmbH")
    y = 760
    for key, value in (("number", number), ("date", date), ("customer", customer)):
        if value is not None:
            page.drawString(72, y, labels[key])
            page.drawString(250, y, value)
        y -= 18
    page.drawString(72, 690, labels["total"])
    if total is not None:
        page.drawString(72, 672, total)
    page.showPage()
    page.setFont("Helvetica", 11)
    page.drawString(72, 800, f"Calls: {calls}")
    page.showPage()
    page.save()
    return path


INVOICE_TEMPLATE = {
    "name": "ACME invoices", "format": "PDF", "confidenceThreshold": 0.8,
    "fields": [
        {"name": "invoiceNumber", "type": "string", "required": True,
         "locate": {"anchor": "Invoice number:"}, "rules": {"regex": "INV-\\d{4}-\\d{4}"}},
        {"name": "invoiceDate", "type": "date", "required": False,
         "locate": {"anchor": "Invoice date:"}, "format": "%d.%m.%Y"},
        {"name": "customer", "type": "string", "required": False,
         "locate": {"anchor": "Customer:"}},
        {"name": "total", "type": "currency", "required": True,
         "locate": {"anchor": "Total due", "regex": "([0-9.,]+)\\s*EUR"}, "format": "comma"},
        {"name": "calls", "type": "integer", "required": False,
         "locate": {"regex": "Calls: (\\d+)"}},
    ],
}


def template(document, template_id="tpl-pdf", version=2):
    return {"id": template_id, "version": version, "system": False, "document": document}


class PdfTemplateTest(ParseCase):

    def test_a_matching_pdf_becomes_one_record_of_the_templates_fields(self):
        path = invoice_pdf(self.dir / "invoice.pdf")
        result, reports, records = self.parse(path, "PDF", templates=[template(INVOICE_TEMPLATE)])

        self.assertEqual({"layout": "pdf", "templateMatched": "tpl-pdf", "templateVersion": 2,
                          "confidence": 1.0}, result["classification"])
        self.assertFalse(result["needsMapping"])
        self.assertEqual([{"invoiceNumber": "INV-2026-0042", "invoiceDate": "2026-01-05",
                           "customer": "Globex Corporation", "total": 1234.5, "calls": 128}],
                         records)
        self.assertEqual([{"name": "invoiceNumber", "type": "string"},
                          {"name": "invoiceDate", "type": "date"},
                          {"name": "customer", "type": "string"},
                          {"name": "total", "type": "decimal"},
                          {"name": "calls", "type": "integer"}], result["fields"])
        self.assertEqual(1, result["recordCount"])
        self.assertEqual(2, result["pages"])
        self.assertEqual({"rowsRead": 1, "rowsRejected": 0}, {
            k: result["quality"][k] for k in ("rowsRead", "rowsRejected")})
        self.assertTrue(any(r.get("pages") == 2 for r in reports), reports)

    def test_a_missing_optional_anchor_lowers_the_confidence_below_the_threshold(self):
        path = invoice_pdf(self.dir / "invoice.pdf", customer=None)
        result, _, records = self.parse(path, "PDF", templates=[template(INVOICE_TEMPLATE)])

        # anchors 3 of 4, fields 4 of 5: 0.3 * 0.75 + 0.7 * 0.8
        self.assertEqual(0.785, result["classification"]["confidence"])
        self.assertEqual("tpl-pdf", result["classification"]["templateMatched"])
        self.assertTrue(result["needsMapping"])
        self.assertIsNone(records[0]["customer"])

    def test_an_anchor_found_only_ignoring_case_and_spaces_counts_less(self):
        path = invoice_pdf(self.dir / "invoice.pdf", labels={"number": "INVOICE  NUMBER:"})
        result, _, records = self.parse(path, "PDF", templates=[template(INVOICE_TEMPLATE)])

        self.assertEqual("INV-2026-0042", records[0]["invoiceNumber"])
        # anchors (1 + 0.6 + 1 + 1) / 4, every field: 0.3 * 0.9 + 0.7
        self.assertEqual(0.97, result["classification"]["confidence"])

    def test_a_pdf_of_another_layout_is_read_as_text(self):
        path = samples.pdf_text(self.dir / "report.pdf")
        result, _, records = self.parse(path, "PDF", templates=[template(INVOICE_TEMPLATE)])

        self.assertIsNone(result["classification"]["templateMatched"])
        self.assertEqual({"page", "text"}, set(records[0]))

    def test_a_value_breaking_its_rules_rejects_the_record_so_the_template_does_not_fit(self):
        path = invoice_pdf(self.dir / "invoice.pdf", number="No. 42")
        result, _, records = self.parse(path, "PDF", templates=[template(INVOICE_TEMPLATE)])

        self.assertIsNone(result["classification"]["templateMatched"])
        self.assertIn("page", records[0])

    def test_a_pinned_template_missing_a_required_field_fails_the_job_saying_which(self):
        path = invoice_pdf(self.dir / "invoice.pdf", total=None)
        with self.assertRaises(BadFile) as raised:
            self.parse(path, "PDF", templates=[template(INVOICE_TEMPLATE)],
                       templateId="tpl-pdf")

        self.assertIn("missing_total", str(raised.exception))

    def test_the_template_that_reads_more_wins(self):
        narrow = {"name": "Numbers only", "format": "PDF", "confidenceThreshold": 0.8,
                  "fields": [{"name": "invoiceNumber", "type": "string", "required": True,
                              "locate": {"regex": "(INV-\\d+-\\d+)"}}]}
        other = {"name": "Statements", "format": "PDF", "confidenceThreshold": 0.8,
                 "fields": [{"name": "balance", "type": "decimal", "required": True,
                             "locate": {"anchor": "Balance"}}]}
        path = invoice_pdf(self.dir / "invoice.pdf")
        result, _, _ = self.parse(path, "PDF", templates=[
            template(other, "tpl-statement"), template(narrow, "tpl-narrow"),
            template(INVOICE_TEMPLATE)])

        self.assertEqual("tpl-pdf", result["classification"]["templateMatched"])

    def test_csv_templates_leave_a_pdf_alone_and_pdf_templates_a_csv(self):
        csv_only = {"name": "CSV", "format": "CSV", "confidenceThreshold": 0.8,
                    "source": {"header": True},
                    "fields": [{"name": "a", "type": "string", "required": True,
                                "locate": {"header": "a"}}]}
        path = invoice_pdf(self.dir / "invoice.pdf")
        result, _, _ = self.parse(path, "PDF", templates=[template(csv_only, "tpl-csv")])
        self.assertIsNone(result["classification"]["templateMatched"])

        table = self.sample("t.csv", "a,b\n1,2\n3,4\n")
        result, _, _ = self.parse(table, templates=[template(INVOICE_TEMPLATE)])
        self.assertIsNone(result["classification"]["templateMatched"])


class PdfLocatingTest(ParseCase):

    TEXT = PdfText(["Invoice number:   INV-1", "Total due", "  12,50 EUR",
                    "total due: 99 EUR", "Date: 2026-01-05"], 1)

    def spec(self, *fields):
        return compile_template({"name": "t", "format": "PDF", "confidenceThreshold": 0.5,
                                 "fields": list(fields)}, "t", 1)

    def test_each_way_of_locating(self):
        spec = self.spec(
            {"name": "number", "type": "string", "required": True,
             "locate": {"anchor": "Invoice number"}},
            {"name": "total", "type": "decimal", "required": True,
             "locate": {"anchor": "Total due", "regex": "([0-9,]+) EUR"}, "format": "comma"},
            {"name": "day", "type": "date", "required": True,
             "locate": {"regex": "^Date: (\\S+)$"}},
            {"name": "whole", "type": "string", "required": True,
             "locate": {"regex": "INV-\\d"}})
        found = evaluate_pdf(spec, self.TEXT)

        # The anchor's first occurrence as written wins over a later one in another case.
        self.assertEqual({"number": "INV-1", "total": 12.5, "day": "2026-01-05",
                          "whole": "INV-1"}, found.values)
        self.assertEqual(1.0, found.agreement)
        self.assertEqual(1.0, found.validity)

    def test_nothing_after_a_missing_anchor_is_read(self):
        spec = self.spec({"name": "balance", "type": "string", "required": False,
                          "locate": {"anchor": "Balance", "regex": "(\\d+)"}},
                         {"name": "number", "type": "string", "required": True,
                          "locate": {"anchor": "Invoice number"}})
        found = evaluate_pdf(spec, self.TEXT)

        self.assertEqual({"balance": None, "number": "INV-1"}, found.values)
        self.assertEqual(0.5, found.agreement)
        self.assertIsNone(choose_pdf([spec], PdfText(["Nothing here"], 1)))


def statement_pdf(path):
    """A statement whose figures stand in fixed boxes without labels next to them (a form):
    the period at the top right, the amount due in a box lower down, a second page's note."""
    page = canvas.Canvas(str(path), pagesize=A4)  # 595 x 842 points
    page.setFont("Helvetica", 11)
    page.drawString(72, 800, "Monthly statement")
    page.drawString(420, 800, "2026-11")
    page.drawString(72, 700, "Thank you for your business")
    page.drawString(400, 600, "1234.50")
    page.drawString(470, 600, "EUR")
    page.showPage()
    page.setFont("Helvetica", 11)
    page.drawString(72, 800, "Ref 77-X")
    page.showPage()
    page.save()
    return path


STATEMENT_TEMPLATE = {
    "name": "Statements", "format": "PDF", "confidenceThreshold": 0.8,
    "fields": [
        # drawn 42 points below the top; read where pypdf's text state has it after the line
        # (one leading, 13.2 points, lower), so each box spans a line and a half
        {"name": "period", "type": "string", "required": True,
         "locate": {"region": {"page": 1, "left": 400, "top": 30, "right": 560, "bottom": 60}},
         "rules": {"regex": "\\d{4}-\\d{2}"}},
        {"name": "amount", "type": "decimal", "required": True,
         "locate": {"region": {"page": 1, "left": 380, "top": 230, "right": 560, "bottom": 260},
                    "regex": "([0-9.]+)\\s+EUR"}},
        {"name": "reference", "type": "string", "required": False,
         "locate": {"region": {"page": 2, "left": 60, "top": 30, "right": 300, "bottom": 60}}},
        {"name": "missing", "type": "string", "required": False,
         "locate": {"region": {"page": 3, "left": 0, "top": 0, "right": 100, "bottom": 100}}},
    ],
}


class PdfRegionTest(ParseCase):
    """A field located by a box of a page reads the text whose pieces start inside it."""

    def test_fields_in_boxes_of_their_pages(self):
        from parser_worker.pdf_templates import read_text

        class Quiet:
            def advance(self, *args, **kwargs):
                pass

        path = statement_pdf(self.dir / "statement.pdf")
        spec = compile_template(STATEMENT_TEMPLATE, "t", 1)
        found = evaluate_pdf(spec, read_text(path, Quiet()))

        self.assertTrue(found.fits, found)
        self.assertEqual({"period": "2026-11", "amount": 1234.5, "reference": "Ref 77-X",
                          "missing": None}, found.values)

    def test_a_box_with_nothing_in_it_finds_nothing(self):
        from parser_worker.pdf_templates import read_text

        class Quiet:
            def advance(self, *args, **kwargs):
                pass

        path = statement_pdf(self.dir / "statement.pdf")
        document = dict(STATEMENT_TEMPLATE)
        document["fields"] = [dict(STATEMENT_TEMPLATE["fields"][1])]
        document["fields"][0]["locate"] = {
            "region": {"page": 1, "left": 10, "top": 500, "right": 100, "bottom": 600}}
        found = evaluate_pdf(compile_template(document, "t", 1), read_text(path, Quiet()))

        self.assertFalse(found.fits)
        self.assertEqual("missing_amount", found.reason)
