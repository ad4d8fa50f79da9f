"""Fields located by two columns, a date and a time, read as one datetime in the template's
time zone (as switch exports write them: ``05/01/2026;10:15:00``)."""

from parser_worker.template_doc import TemplateError, compile_template
from parser_worker.template_engine import evaluate
from tests.support import ParseCase

CALLS = ("Date;Time;From;To;Seconds\n"
         "05/01/2026;10:15:00;201;202;60\n"
         "06/07/2026;23:59:30;203;0049301234;125\n"
         "08/07/2026;00:00:01;210;211;7\n"
         "09/07/2026;12:00:00;212;213;8\n"
         "07/07/2026;;204;205;3\n"
         ";08:00:00;206;207;4\n"
         ";;208;209;5\n")


def document(**start):
    start_field = {"name": "start", "type": "datetime", "required": True,
                   "locate": {"date": {"header": "Date"}, "time": {"header": "Time"}},
                   "format": "%d/%m/%Y %H:%M:%S"} | start
    return {
        "name": "Switch export", "format": "CDR", "confidenceThreshold": 0.5,
        "source": {"delimiter": ";", "header": True, "timeZone": "Europe/Berlin"},
        "fields": [
            {"name": "caller", "type": "phone", "required": True, "locate": {"header": "From"}},
            {"name": "callee", "type": "phone", "required": True, "locate": {"header": "To"}},
            start_field,
            {"name": "durationSeconds", "type": "duration", "required": False,
             "locate": {"header": "Seconds"}, "format": "seconds"},
        ],
    }


def template(doc):
    return {"id": "tpl-pair", "version": 3, "system": False, "document": doc}


class DateTimePairTest(ParseCase):

    def test_date_and_time_columns_become_one_datetime_in_the_templates_zone(self):
        result, _, records = self.parse(self.sample("calls.csv", CALLS), "CDR",
                                        templates=[template(document())])

        self.assertEqual("tpl-pair", result["classification"]["templateMatched"])
        self.assertEqual("2026-01-05T10:15:00+01:00", records[0]["start"])
        self.assertEqual("2026-07-06T23:59:30+02:00", records[1]["start"])  # summer time
        self.assertEqual({"datetime"}, {f["type"] for f in result["fields"]
                                        if f["name"] == "start"})
        # A date without its time, or a time without its date, is no time; neither is missing.
        self.assertEqual(4, result["recordCount"])
        self.assertEqual({"invalid_start": 2, "missing_start": 1},
                         result["quality"]["rejectReasons"])

    def test_an_optional_combined_field_with_neither_part_is_empty(self):
        doc = document(required=False)
        result, _, records = self.parse(self.sample("calls.csv", CALLS), "CDR",
                                        templates=[template(doc)])

        self.assertEqual(5, result["recordCount"])
        self.assertIsNone(records[4]["start"])
        self.assertEqual({"invalid_start": 2}, result["quality"]["rejectReasons"])

    def test_columns_by_index_and_the_default_timestamp_formats(self):
        rows = "201,202,2026-01-05,10:15:00\n203,204,2026-01-06,11:00:01\n"
        doc = {"name": "By index", "format": "CSV", "confidenceThreshold": 0.5,
               "source": {"delimiter": ",", "header": False, "timeZone": "UTC"},
               "fields": [
                   {"name": "caller", "type": "phone", "required": True, "locate": {"index": 0}},
                   {"name": "at", "type": "datetime", "required": True,
                    "locate": {"date": {"index": 2}, "time": {"index": 3}}}]}
        result, _, records = self.parse(self.sample("c.csv", rows), templates=[template(doc)])

        self.assertEqual(["2026-01-05T10:15:00+00:00", "2026-01-06T11:00:01+00:00"],
                         [r["at"] for r in records])
        # A row too short for the time column is too short for the template.
        spec = compile_template(doc, "t", 1)
        self.assertEqual(4, spec.span)

    def test_fixed_width_parts(self):
        lines = ("201       20260105 101500\n"
                 "202       20260106 110001\n")
        doc = {"name": "Fixed", "format": "CDR", "confidenceThreshold": 0.5,
               "source": {"fixedWidth": True},
               "fields": [
                   {"name": "caller", "type": "phone", "required": True,
                    "locate": {"start": 0, "end": 10}},
                   {"name": "start", "type": "datetime", "required": True,
                    "locate": {"date": {"start": 10, "end": 18}, "time": {"start": 19, "end": 25}},
                    "format": "%Y%m%d %H%M%S"}]}
        result, _, records = self.parse(self.sample("f.txt", lines), "CDR",
                                        templates=[template(doc)])

        self.assertEqual("2026-01-05T10:15:00", records[0]["start"])  # no zone: as written

    def test_both_header_names_count_towards_the_header_agreement(self):
        spec = compile_template(document(), "t", 1)
        renamed = CALLS.replace("Time;", "Uhrzeit;", 1)
        whole = evaluate(spec, CALLS)
        half = evaluate(spec, renamed)

        self.assertEqual(1.0, whole.agreement)
        self.assertAlmostEqual(4 / 5, half.agreement)
        self.assertAlmostEqual(4 / 7, whole.validity)
        self.assertEqual(0.0, half.validity)  # every start lacks its time
        self.assertFalse(half.fits)

    def test_documents_the_worker_cannot_use(self):
        cases = {
            "has type datetime": document(type="date"),
            "exactly date and time": document(locate={"date": {"header": "Date"}}),
            "each one column": document(locate={"date": {"header": "Date"},
                                                "time": {"date": {"header": "A"},
                                                         "time": {"header": "B"}}}),
            "start/end need a fixed-width source": document(
                locate={"date": {"start": 0, "end": 8}, "time": {"header": "Time"}}),
        }
        for fragment, doc in cases.items():
            with self.subTest(fragment):
                with self.assertRaises(TemplateError) as raised:
                    compile_template(doc, "t", 1)
                self.assertIn(fragment, str(raised.exception))
