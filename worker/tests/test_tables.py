import codecs
import unittest

from parser_worker.errors import BadFile, UnsupportedLayout
from tests import samples
from tests.support import ParseCase

STEPS = ["reading", "detecting", "parsing", "classifying", "writing"]


class GenericCsvTest(ParseCase):

    def test_parses_utf8_csv_into_typed_records(self):
        result, reports, records = self.parse(self.sample("invoices.csv", samples.INVOICES))

        # No template knows an invoice table: at most 0.3 for a header naming every column, plus
        # 0.25 times the share of typed columns (3 of 5), and the layout model, sure it is not call
        # records, bounds it lower: a user maps it.
        classification = dict(result["classification"])
        self.assertEqual("unknown", classification.pop("learned")["layout"])
        self.assertLess(classification.pop("confidence"), 0.45)
        self.assertEqual({"layout": "generic-csv", "templateMatched": None,
                          "templateVersion": None}, classification)
        self.assertEqual([{"name": "invoice", "type": "string"},
                          {"name": "customer", "type": "string"},
                          {"name": "amount", "type": "decimal"},
                          {"name": "date", "type": "date"},
                          {"name": "paid", "type": "boolean"}], result["fields"])
        self.assertEqual(4, result["recordCount"])
        self.assertEqual({"delimiter": ",", "hasHeader": True}, result["dialect"])
        self.assertEqual("UTF-8", result["encoding"])
        self.assertTrue(result["needsMapping"])
        self.assertEqual(["invoice", "customer", "amount", "date", "paid"],
                         [column["name"] for column in result["columnProfile"]])
        self.assertEqual({"rowsRead": 4, "rowsRejected": 0, "rejectReasons": {},
                          "rejections": []}, result["quality"])
        self.assertEqual({"read", "detect", "parse", "classify", "write"}, set(result["timings"]))
        self.assertGreater(result["resources"]["peakRssBytes"], 1024 * 1024)
        self.assertEqual({"invoice": "INV-003", "customer": "Initech, Inc.", "amount": 7.25,
                          "date": "2026-01-07", "paid": True}, records[2])

    def test_reports_every_step_in_order_with_a_percent_that_never_drops(self):
        _, reports, _ = self.parse(self.sample("invoices.csv", samples.INVOICES))

        steps = [report["step"] for report in reports]
        self.assertEqual(STEPS, sorted(set(steps), key=steps.index))
        percents = [report["percent"] for report in reports]
        self.assertEqual(percents, sorted(percents))
        self.assertEqual(100, percents[-1])
        for report in reports:
            self.assertIsInstance(report["message"], str)
            self.assertIsInstance(report["percent"], int)

    def test_reports_parsing_progress_through_a_large_file(self):
        rows = "".join(f"{i},name {i},{i * 1.5}\n" for i in range(60_000))
        result, reports, _ = self.parse(self.sample("big.csv", "id,name,value\n" + rows))

        self.assertEqual(60_000, result["recordCount"])
        parsing = [r["percent"] for r in reports if r["step"] == "parsing"]
        self.assertGreaterEqual(len(parsing), 5)
        self.assertLessEqual(len(parsing), 25)

    def test_strips_byte_order_mark_from_first_column_name(self):
        data = codecs.BOM_UTF8 + samples.INVOICES.encode("utf-8")
        result, _, records = self.parse(self.sample("bom.csv", data))

        self.assertEqual("invoice", result["fields"][0]["name"])
        self.assertEqual("UTF-8", result["encoding"])
        self.assertIn("invoice", records[0])

    def test_reads_latin1_semicolon_csv_with_decimal_commas_and_day_first_dates(self):
        data = samples.GERMAN_SEMICOLON.encode("latin-1")
        result, _, records = self.parse(self.sample("kunden.csv", data))

        self.assertEqual("ISO-8859-1", result["encoding"])
        self.assertEqual({"delimiter": ";", "hasHeader": True}, result["dialect"])
        self.assertEqual(["string", "decimal", "date", "datetime"],
                         [field["type"] for field in result["fields"]])
        self.assertEqual({"Kunde": "Bäckerei Groß", "Betrag": 3.75, "Datum": "2026-01-06",
                          "Zeitpunkt": "2026-01-06T11:00:30"}, records[1])

    def test_reads_quoted_fields_with_delimiters_quotes_and_line_breaks(self):
        text = ('id,comment\n1,"plain"\n2,"with, comma"\n3,"say ""hi"""\n'
                '4,"two\nlines"\n')
        result, _, records = self.parse(self.sample("quoted.csv", text))

        self.assertEqual(4, result["recordCount"])
        self.assertEqual(["plain", "with, comma", 'say "hi"', "two\nlines"],
                         [record["comment"] for record in records])

    def test_rejects_rows_with_wrong_column_count_without_failing(self):
        text = ("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n16,17,18,,\n"
                "19,20,21\n22,23,24\n25,26,27\n")
        result, _, records = self.parse(self.sample("ragged.csv", text))

        self.assertEqual({"rowsRead": 9, "rowsRejected": 2, "rejectReasons": {"column_count": 2},
                          "rejections": [{"row": 3, "reason": "column_count"},
                                         {"row": 5, "reason": "column_count"}]},
                         result["quality"])
        self.assertEqual(7, result["recordCount"])
        self.assertEqual({"a": 16, "b": 17, "c": 18}, records[3])

    def test_drops_unnamed_empty_columns_that_spreadsheets_pad_rows_with(self):
        text = "id;name;amount;;\n1;a;1,5;;\n2;b;2;;\n3;c;3,25;;\n"
        result, _, records = self.parse(self.sample("padded.csv", text))

        self.assertEqual(["id", "name", "amount"], [field["name"] for field in result["fields"]])
        # At most what the typed columns say; the layout model may say less (not call records).
        self.assertLessEqual(result["classification"]["confidence"], round(0.3 + 0.25 * 2 / 3, 3))
        self.assertEqual({"id": 3, "name": "c", "amount": 3.25}, records[2])

    def test_reads_cells_longer_than_the_csv_module_default_limit(self):
        note = "x" * 200_000
        result, _, records = self.parse(self.sample("notes.csv", f"id,note\n1,{note}\n2,short\n"))

        self.assertEqual(note, records[0]["note"])

    def test_lists_only_the_first_fifty_rejections(self):
        text = "a,b\n" + "1,2\n" * 100 + "1\n" * 60
        result, _, _ = self.parse(self.sample("ragged.csv", text))

        self.assertEqual(60, result["quality"]["rowsRejected"])
        self.assertEqual(50, len(result["quality"]["rejections"]))

    def test_headerless_csv_of_unknown_layout_needs_mapping(self):
        text = "".join(f"X{i},{i * 3},2026-01-{i + 1:02d}\n" for i in range(12))
        result, _, records = self.parse(self.sample("unknown.csv", text))

        self.assertTrue(result["needsMapping"])
        self.assertLess(result["classification"]["confidence"], 0.6)
        self.assertEqual({"delimiter": ",", "hasHeader": False}, result["dialect"])
        self.assertEqual(["column1", "column2", "column3"],
                         [column["name"] for column in result["columnProfile"]])
        profile = dict(result["columnProfile"][1])
        self.assertEqual(3, len(profile.pop("suggestions")))
        self.assertEqual({"name": "column2", "inferredType": "integer", "nullRatio": 0.0,
                          "distinct": 12, "examples": ["0", "3", "6", "9", "12"]}, profile)
        self.assertEqual(10, len(result["sampleRows"]))
        self.assertEqual(["X0", "0", "2026-01-01"], result["sampleRows"][0])
        self.assertEqual({"column1": "X1", "column2": 3, "column3": "2026-01-02"}, records[1])

    def test_mapping_threshold_comes_from_settings(self):
        from parser_worker.settings import Settings
        result, _, _ = self.parse(self.sample("invoices.csv", samples.INVOICES),
                                  settings=Settings(mapping_threshold=0.0,
                                                    work_dir=str(self.dir)))
        self.assertFalse(result["needsMapping"])  # any confidence is enough when the threshold is 0
        self.assertNotIn("columnProfile", result)

    def test_header_only_is_a_bad_file(self):
        with self.assertRaises(BadFile) as raised:
            self.parse(self.sample("empty.csv", "invoice,customer,amount\n"))
        self.assertIn("no data rows", str(raised.exception))

    def test_prose_with_inconsistent_punctuation_is_unsupported(self):
        text = "Dear customer,\nthank you; we have, as agreed, sent it.\nRegards | Team\n"
        with self.assertRaises(UnsupportedLayout):
            self.parse(self.sample("letter.txt", text))

    def test_writes_records_atomically_leaving_no_temporary_files(self):
        result, _, _ = self.parse(self.sample("invoices.csv", samples.INVOICES))

        written = sorted(p.name for p in (self.dir / "results").iterdir())
        self.assertEqual(["invoices.csv.ndjson"], written)
        self.assertTrue(result["recordsUri"].endswith("/results/invoices.csv.ndjson"))


if __name__ == "__main__":
    unittest.main()
