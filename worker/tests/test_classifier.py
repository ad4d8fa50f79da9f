import unittest

from parser_worker.classifier import classify, template_confidence
from parser_worker.outcome import ParseOutcome
from parser_worker.request import FileRef, ParseRequest, Template
from tests import samples
from tests.support import ParseCase

INVOICE_TEMPLATE = {"id": "tpl-invoices", "version": 3, "layout": "acme-invoices",
                    "columns": ["invoice", "customer", "amount", "date", "paid"], "format": "CSV"}


def outcome(columns, layout="generic-csv", fmt="CSV", named=True, certainty=0.8):
    return ParseOutcome(format=fmt, layout=layout, certainty=certainty,
                        fields=[{"name": c, "type": "string"} for c in columns],
                        columns=list(columns), named_columns=named, profile=[], sample_rows=[],
                        records=1)


def request(templates=(), template_id=None, template_version=None, fmt="CSV"):
    return ParseRequest(job_id="j", file=FileRef(uri="file:///x", format=fmt),
                        records_uri="file:///y", template_id=template_id,
                        template_version=template_version,
                        templates=tuple(Template(t["id"], t.get("version"), t.get("layout"),
                                                 tuple(t.get("columns", ())), t.get("format"))
                                        for t in templates))


class ClassifierTest(unittest.TestCase):

    def test_known_layout_without_templates(self):
        found = classify(outcome(["a", "b"], certainty=0.8), request(), 0.6)
        self.assertEqual({"layout": "generic-csv", "templateMatched": None,
                          "templateVersion": None, "confidence": 0.8}, found.to_dict())

    def test_matching_template_wins_over_the_known_layout(self):
        found = classify(outcome(INVOICE_TEMPLATE["columns"]), request([INVOICE_TEMPLATE]), 0.6)
        self.assertEqual({"layout": "acme-invoices", "templateMatched": "tpl-invoices",
                          "templateVersion": 3, "confidence": 0.8}, found.to_dict())

    def test_best_of_several_templates_wins(self):
        other = dict(INVOICE_TEMPLATE, id="tpl-other", columns=["invoice", "total"])
        found = classify(outcome(INVOICE_TEMPLATE["columns"]),
                         request([other, INVOICE_TEMPLATE]), 0.6)
        self.assertEqual("tpl-invoices", found.to_dict()["templateMatched"])

    def test_column_names_are_compared_loosely(self):
        template = dict(INVOICE_TEMPLATE, columns=["Invoice", "CUSTOMER", "amount ", "Date",
                                                   "paid"])
        self.assertEqual(0.8, template_confidence(Template(**_fields(template)),
                                                  outcome(INVOICE_TEMPLATE["columns"])))

    def test_template_below_threshold_leaves_the_known_layout(self):
        template = dict(INVOICE_TEMPLATE, columns=["invoice", "net", "vat", "gross"])
        found = classify(outcome(INVOICE_TEMPLATE["columns"]), request([template]), 0.6)
        self.assertIsNone(found.to_dict()["templateMatched"])

    def test_template_of_another_format_never_matches(self):
        template = Template(**_fields(dict(INVOICE_TEMPLATE, format="PDF")))
        self.assertEqual(0.0, template_confidence(template, outcome(INVOICE_TEMPLATE["columns"])))

    def test_chosen_template_is_used_even_when_it_fits_badly(self):
        template = dict(INVOICE_TEMPLATE, columns=["invoice", "net", "vat", "gross"])
        found = classify(outcome(INVOICE_TEMPLATE["columns"]),
                         request([template], template_id="tpl-invoices", template_version=7), 0.6)
        self.assertEqual("tpl-invoices", found.to_dict()["templateMatched"])
        self.assertEqual(7, found.to_dict()["templateVersion"])
        self.assertLess(found.confidence, 0.6)

    def test_unnamed_columns_match_a_template_by_count_only(self):
        template = Template(**_fields(dict(INVOICE_TEMPLATE, layout="generic-csv")))
        positions = [f"column{i}" for i in range(1, 6)]
        self.assertEqual(0.8, template_confidence(template, outcome(positions, named=False)))
        self.assertEqual(0.2, template_confidence(template, outcome(positions[:4], named=False)))


def _fields(template):
    return {"id": template["id"], "version": template["version"], "layout": template["layout"],
            "columns": tuple(template["columns"]), "format": template["format"]}


class ClassificationInPipelineTest(ParseCase):

    def test_template_wins_over_a_known_cdr_layout(self):
        text = "caller,callee,start,duration\n1001,1002,2024-01-15 10:00:00,12\n"
        template = {"id": "tpl-pbx", "version": 1, "layout": "pbx-calls",
                    "columns": ["caller", "callee", "start", "duration"], "format": "CDR"}
        result, _, records = self.parse(self.sample("calls.csv", text), "CDR",
                                        templates=[template])

        self.assertEqual({"layout": "pbx-calls", "templateMatched": "tpl-pbx",
                          "templateVersion": 1, "confidence": 0.8}, result["classification"])
        self.assertFalse(result["needsMapping"])
        self.assertEqual(12, records[0]["durationSeconds"])

    def test_template_names_the_columns_of_a_headerless_file(self):
        text = "".join(f"INV-{i},Customer {i},{i}.50,2026-01-{i + 1:02d},true\n"
                        for i in range(5))
        template = dict(INVOICE_TEMPLATE, layout="generic-csv")
        result, _, records = self.parse(self.sample("invoices.csv", text), templates=[template])

        self.assertEqual("tpl-invoices", result["classification"]["templateMatched"])
        self.assertEqual(INVOICE_TEMPLATE["columns"], [f["name"] for f in result["fields"]])
        self.assertEqual({"invoice": "INV-1", "customer": "Customer 1", "amount": 1.5,
                          "date": "2026-01-02", "paid": True}, records[1])

    def test_badly_fitting_chosen_template_asks_for_mapping(self):
        template = dict(INVOICE_TEMPLATE, columns=["invoice", "net", "vat", "gross"])
        result, _, records = self.parse(self.sample("invoices.csv", samples.INVOICES),
                                        templates=[template], templateId="tpl-invoices")

        self.assertTrue(result["needsMapping"])
        self.assertEqual("tpl-invoices", result["classification"]["templateMatched"])
        self.assertEqual(5, len(result["columnProfile"]))
        self.assertEqual(4, len(records))


if __name__ == "__main__":
    unittest.main()
