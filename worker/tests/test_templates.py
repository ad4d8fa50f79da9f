"""Template documents: the built-in vendor layouts, the job's own templates, matching,
extraction with field rules, and how sure a match is."""

import json
import unittest
from pathlib import Path

from parser_worker.template_doc import (BUILTIN_DIR, TemplateError, builtin_templates,
                                        compile_template)
from parser_worker import request as request_module
from parser_worker.errors import StorageUnavailable
from parser_worker.template_engine import check, convert
from tests.support import ParseCase

VENDORS = Path(__file__).parent / "samples" / "vendors"
CALL_RECORD = ["caller", "callee", "start", "answer", "end", "durationSeconds",
               "billableSeconds", "disposition"]

# Each built-in layout: its sample, how many records it holds, and the first record's values
# that show its columns were read from the right places, with the right formats.
LAYOUTS = {
    "asterisk-master-csv": ("asterisk-master-csv.csv", 5, {
        "caller": "201", "callee": "202", "start": "2024-03-04T09:12:01",
        "answer": "2024-03-04T09:12:05", "durationSeconds": 219, "billableSeconds": 215,
        "disposition": "ANSWERED", "channel": "PJSIP/201-0000002a",
        "uniqueId": "1709543521.101"}),
    "freeswitch-cdr-csv-default": ("freeswitch-cdr-csv-default.csv", 4, {
        "caller": "1000", "callee": "1001", "end": "2024-03-04T09:14:10",
        "durationSeconds": 129, "billableSeconds": 126, "disposition": "ANSWERED",
        "uniqueId": "a1d2c3e4-1111-4bcd-9abc-000000000001"}),
    "freeswitch-cdr-csv-sql": ("freeswitch-cdr-csv-sql.csv", 4, {
        "caller": "1000", "callee": "1001", "start": "2024-03-04T09:12:01",
        "durationSeconds": 129, "accountCode": "1000",
        "uniqueId": "a1d2c3e4-1111-4bcd-9abc-000000000001"}),
    "cisco-cucm-cdr": ("cisco-cucm-cdr.csv", 4, {
        "caller": "2001", "callee": "2002", "start": "2024-03-04T09:12:01+00:00",
        "answer": "2024-03-04T09:12:05+00:00", "end": "2024-03-04T09:15:40+00:00",
        "durationSeconds": 215, "disposition": "ANSWERED", "channel": "SEP00059A3C7A00",
        "uniqueId": "1001"}),
    "avaya-cm-customized": ("avaya-cm-customized.txt", 5, {
        "caller": "2001", "callee": "004930901820", "start": "2024-03-04T09:12:00",
        "durationSeconds": 215, "trunk": "101", "uniqueId": "00001012341709543521",
        "conditionCode": "7"}),
    "kamailio-acc": ("kamailio-acc.csv", 5, {
        "caller": "1001", "callee": "1002", "start": "2024-03-04T09:12:04",
        "disposition": "ANSWERED", "uniqueId": "5f3b9c1e-24a1@10.0.0.21"}),
    "opensips-acc": ("opensips-acc.csv", 4, {
        "caller": "1001", "callee": "1002", "durationSeconds": 126, "disposition": "ANSWERED"}),
    "3cx-cdr-log": ("3cx-cdr-log.log", 4, {
        "caller": "101", "callee": "102", "start": "2024-03-04T09:12:01",
        "answer": "2024-03-04T09:12:05", "durationSeconds": 215, "disposition": "ANSWERED",
        "uniqueId": "00000189F2A1C3B4_12"}),
    "metaswitch-cfs-cdr": ("metaswitch-cfs-cdr.csv", 4, {
        "caller": "2125550101", "callee": "2125550199", "durationSeconds": 215,
        "disposition": "ANSWERED", "trunk": "TG-ACCESS-1", "uniqueId": "CFS1-0000048213"}),
    "carrier-billing-csv": ("carrier-billing-csv.csv", 4, {
        "caller": "+493090182000", "callee": "+33142685300",
        "start": "2024-03-04T09:12:01+00:00", "durationSeconds": 215, "billableSeconds": 216,
        "rate": 0.0085, "charge": 0.0306, "currency": "EUR", "trunk": "ORANGE-FR"}),
    "fixed-width-switch": ("fixed-width-switch.txt", 5, {
        "caller": "004930901820", "callee": "004940123456", "start": "2024-03-04T09:12:01",
        "durationSeconds": 215, "disposition": "ANSWERED", "trunk": "TG01"}),
}

PRICE_LIST = ("sku,product,price,currency,stock\n"
              "A-100,Desk phone,89.90,EUR,12\n"
              "A-101,Headset,49.00,EUR,40\n"
              "A-102,Conference speaker,299.00,EUR,3\n"
              "A-103,Patch cable 2m,3.50,EUR,250\n")

INVOICE_DOCUMENT = {
    "name": "Acme invoices", "format": "CSV", "confidenceThreshold": 0.7,
    "source": {"delimiter": ",", "header": True, "timeZone": "Europe/Berlin"},
    "fields": [
        {"name": "number", "type": "string", "required": True, "locate": {"header": "invoice"},
         "rules": {"regex": "INV-\\d{3}", "unique": True}},
        {"name": "amount", "type": "decimal", "required": True, "locate": {"header": "amount"},
         "rules": {"min": 0}},
        {"name": "issued", "type": "datetime", "required": False,
         "locate": {"header": "issued"}, "format": "%d.%m.%Y %H:%M"},
    ],
}
INVOICES = ("invoice,customer,amount,issued\n"
            "INV-001,Acme,120.50,05.01.2026 10:15\n"
            "INV-002,Globex,99,06.07.2026 11:00\n"
            "INV-003,Initech,7.25,\n")


def vendor(name):
    return (VENDORS / name).read_text(encoding="utf-8")


def template(document, template_id="tpl-1", version=1, system=False):
    return {"id": template_id, "version": version, "system": system, "document": document}


class BuiltinLayoutTest(ParseCase):

    def test_at_least_ten_layouts_each_naming_its_source(self):
        index = json.loads((BUILTIN_DIR / "index.json").read_text(encoding="utf-8"))
        specs = builtin_templates()

        self.assertGreaterEqual(len(specs), 10)
        self.assertEqual([f"{spec.key}.json" for spec in specs], index)
        self.assertEqual(set(LAYOUTS), {spec.key for spec in specs})
        for spec in specs:
            self.assertTrue(spec.description.startswith("Source: "), spec.key)
            self.assertEqual("CDR", spec.format, spec.key)
            names = [f.name for f in spec.fields]
            self.assertIn("callee", names, spec.key)
            self.assertIn("start", names, spec.key)

    def test_each_vendor_sample_becomes_normalised_call_records_without_mapping(self):
        for key, (name, count, first) in LAYOUTS.items():
            with self.subTest(key):
                result, _, records = self.parse(self.sample(name, vendor(name)), "CDR")

                self.assertEqual(key, result["classification"]["layout"])
                self.assertEqual(key, result["classification"]["templateMatched"])
                self.assertFalse(result["needsMapping"], result["classification"])
                self.assertGreaterEqual(result["classification"]["confidence"], 0.8)
                self.assertEqual(count, result["recordCount"])
                self.assertEqual(0, result["quality"]["rowsRejected"], result["quality"])
                self.assertNotIn("columnProfile", result)
                self.assertEqual(CALL_RECORD, list(records[0])[:len(CALL_RECORD)])
                self.assertEqual(first, {k: records[0][k] for k in first})
                self.assertEqual([f["name"] for f in result["fields"]], list(records[0]))
                self.assertTrue(all(r["disposition"] in {"ANSWERED", "NO_ANSWER", "BUSY",
                                                         "FAILED", "CONGESTION", "UNKNOWN"}
                                    for r in records))

    def test_dispositions_come_from_each_vendors_codes(self):
        expected = {
            "asterisk-master-csv.csv": ["ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "ANSWERED"],
            "freeswitch-cdr-csv-default.csv": ["ANSWERED", "NO_ANSWER", "BUSY", "ANSWERED"],
            "cisco-cucm-cdr.csv": ["ANSWERED", "ANSWERED", "BUSY", "ANSWERED"],
            "kamailio-acc.csv": ["ANSWERED", "ANSWERED", "BUSY", "NO_ANSWER", "ANSWERED"],
            "3cx-cdr-log.log": ["ANSWERED", "UNKNOWN", "FAILED", "ANSWERED"],
            "metaswitch-cfs-cdr.csv": ["ANSWERED", "NO_ANSWER", "BUSY", "ANSWERED"],
            "fixed-width-switch.txt": ["ANSWERED", "NO_ANSWER", "BUSY", "CONGESTION",
                                       "ANSWERED"],
        }
        for name, dispositions in expected.items():
            with self.subTest(name):
                _, _, records = self.parse(self.sample(name, vendor(name)), "CDR")
                self.assertEqual(dispositions, [r["disposition"] for r in records])

    def test_the_five_progress_steps_are_reported_in_order(self):
        _, reports, _ = self.parse(self.sample("cdr.csv", vendor("cisco-cucm-cdr.csv")), "CDR")

        steps = []
        for report in reports:
            if not steps or steps[-1] != report["step"]:
                steps.append(report["step"])
        self.assertEqual(["reading", "detecting", "parsing", "classifying", "writing"], steps)
        self.assertEqual("parsing as cisco-cucm-cdr",
                         next(r["message"] for r in reports if r["step"] == "parsing"))
        percents = [r["percent"] for r in reports]
        self.assertEqual(sorted(percents), percents)
        self.assertEqual(100, percents[-1])

    def test_cisco_type_line_is_skipped_and_a_call_never_connected_has_no_answer(self):
        result, _, records = self.parse(self.sample("cdr.csv", vendor("cisco-cucm-cdr.csv")))

        self.assertEqual(4, result["quality"]["rowsRead"])  # the type line is no row
        self.assertIsNone(records[2]["answer"])  # dateTimeConnect 0
        self.assertEqual(0, records[2]["durationSeconds"])

    def test_a_layout_without_a_duration_column_computes_it_from_start_and_end(self):
        document = {"name": "Calls", "format": "CDR", "source": {"header": True},
                    "fields": [
                        {"name": "callee", "type": "phone", "required": True,
                         "locate": {"header": "CalledNumber"}},
                        {"name": "start", "type": "datetime", "required": True,
                         "locate": {"header": "StartDateTime"}},
                        {"name": "end", "type": "datetime", "required": True,
                         "locate": {"header": "ReleaseDateTime"}}]}
        result, _, records = self.parse(self.sample("calls.csv", vendor("metaswitch-cfs-cdr.csv")),
                                        templates=[template(document)])

        self.assertEqual("tpl-1", result["classification"]["templateMatched"])
        self.assertEqual([219, 30, 2, 739], [r["durationSeconds"] for r in records])
        self.assertEqual(CALL_RECORD, list(records[0]))
        self.assertEqual(["UNKNOWN"] * 4, [r["disposition"] for r in records])

    def test_kamailio_rows_have_no_duration_but_opensips_rows_do(self):
        _, _, kamailio = self.parse(self.sample("acc1.csv", vendor("kamailio-acc.csv")))
        _, _, opensips = self.parse(self.sample("acc2.csv", vendor("opensips-acc.csv")))

        self.assertIsNone(kamailio[0]["durationSeconds"])
        self.assertEqual([126, 0, 0, 700], [r["durationSeconds"] for r in opensips])


class DamagedLayoutTest(ParseCase):

    def test_reordered_and_renamed_columns_still_match_less_surely(self):
        clean, _, _ = self.parse(self.sample("clean.csv", vendor("carrier-billing-csv.csv")))
        rows = [line.split(",") for line in vendor("carrier-billing-csv.csv").splitlines()]
        order = [3, 2, 1, 0, 5, 6, 7, 8, 9, 11]  # reordered, Destination Name and Carrier gone
        rows[0][1] = "call_date"  # found only when names are compared loosely
        text = "".join(",".join(row[i] for i in order) + "\n" for row in rows)
        damaged, _, records = self.parse(self.sample("damaged.csv", text))

        self.assertEqual("carrier-billing-csv", damaged["classification"]["templateMatched"])
        self.assertLess(damaged["classification"]["confidence"],
                        clean["classification"]["confidence"])
        self.assertGreater(damaged["classification"]["confidence"], 0.6)
        self.assertEqual("+33142685300", records[0]["callee"])
        self.assertEqual("2024-03-04T09:12:01+00:00", records[0]["start"])
        self.assertIsNone(records[0]["trunk"])

    def test_reordered_cisco_columns_are_found_by_name(self):
        lines = vendor("cisco-cucm-cdr.csv").splitlines()
        rows = [line.split(",") for line in lines]
        rows = [list(reversed(row)) for row in rows]
        text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
        result, _, records = self.parse(self.sample("cdr.csv", text))

        self.assertEqual("cisco-cucm-cdr", result["classification"]["templateMatched"])
        self.assertEqual(("2001", "2002", 215), (records[0]["caller"], records[0]["callee"],
                                                  records[0]["durationSeconds"]))

    def test_broken_rows_lower_the_confidence_of_a_positional_layout(self):
        text = vendor("asterisk-master-csv.csv")
        broken = text.replace('"2024-03-04 09:20:11"', '"yesterday"', 1)
        result, _, records = self.parse(self.sample("Master.csv", broken), "CDR")

        self.assertEqual("asterisk-master-csv", result["classification"]["templateMatched"])
        self.assertEqual(0.8, result["classification"]["confidence"])  # 4 of 5 rows
        self.assertEqual({"invalid_start": 1}, result["quality"]["rejectReasons"])
        self.assertEqual(4, len(records))


class RulesTest(ParseCase):

    def test_rule_rejections_are_counted_with_their_reasons(self):
        lines = vendor("carrier-billing-csv.csv").splitlines()
        row = lines[1].split(",")

        def variant(**changes):
            cells = list(row)
            for index, value in changes.items():
                cells[int(index[1:])] = value
            return ",".join(cells)

        good = [variant(c0=f"C-20240305-{n:06d}") for n in range(6)]
        text = "\n".join(lines + good + [
            variant(c0="C-20240304-000009", c5="90000"),  # over the maximum duration
            lines[2],  # the same CDR ID again
            variant(c0="C-20240304-000010", c9="euro"),  # not an ISO currency code
            variant(c0="C-20240304-000011", c3=""),  # no destination
            variant(c0="C-20240304-000012", c1="04/03/2024 09:12"),  # not the date format
            variant(c0="C-20240304-000013", c8="-0.20"),  # a negative charge
        ]) + "\n"
        result, _, records = self.parse(self.sample("billing.csv", text))

        self.assertEqual("carrier-billing-csv", result["classification"]["templateMatched"])
        self.assertEqual(10, len(records))
        self.assertEqual({"out_of_range_duration_seconds": 1, "duplicate_unique_id": 1,
                          "pattern_currency": 1, "missing_callee": 1, "invalid_start": 1,
                          "out_of_range_charge": 1}, result["quality"]["rejectReasons"])
        self.assertEqual([{"row": 12, "reason": "out_of_range_duration_seconds"},
                          {"row": 13, "reason": "duplicate_unique_id"},
                          {"row": 14, "reason": "pattern_currency"},
                          {"row": 15, "reason": "missing_callee"},
                          {"row": 16, "reason": "invalid_start"},
                          {"row": 17, "reason": "out_of_range_charge"}],
                         result["quality"]["rejections"])
        self.assertEqual(16, result["quality"]["rowsRead"])
        self.assertEqual(round(0.3 + 0.7 * 10 / 16, 3), result["classification"]["confidence"])
        self.assertTrue(result["needsMapping"])  # below the layout's threshold of 0.8

    def test_values_are_read_by_type_and_format(self):
        def field(type_, fmt=None, rules=None):
            return compile_template({"name": "t", "format": "CSV", "source": {"header": False},
                                     "fields": [{"name": "v", "type": type_, "format": fmt,
                                                 "locate": {"index": 0},
                                                 "rules": rules or {}}]},
                                    template_id="t").fields[0]

        self.assertIsNone(convert(field("datetime", "epoch"), "0"))
        self.assertEqual("2024-03-04T09:12:01+00:00",
                         convert(field("datetime", "epoch"), "1709543521"))
        self.assertEqual("2024-03-04T09:12:01.500000+00:00",
                         convert(field("datetime", "epoch-ms"), "1709543521500"))
        self.assertEqual(3723, convert(field("duration", "hh:mm:ss"), "01:02:03"))
        self.assertEqual(2, convert(field("duration", "milliseconds"), "1500"))
        self.assertEqual(1234.5, convert(field("decimal", "comma"), "1.234,5"))
        self.assertEqual(12.5, convert(field("currency"), "€12.50"))
        self.assertEqual(0.31, convert(field("currency"), "0.31 EUR"))
        self.assertEqual("2026-01-05", convert(field("date", "%d.%m.%Y"), "05.01.2026"))
        self.assertEqual("ANSWERED", convert(field("enum", None, {"enum": ["ANSWERED"]}),
                                             "answered"))
        with self.assertRaises(Exception) as raised:
            check(field("integer", None, {"max": 10}), "11")
        self.assertEqual("out_of_range_v", raised.exception.reason)


class JobTemplatesTest(ParseCase):

    def test_the_jobs_template_extracts_typed_records_in_its_time_zone(self):
        result, _, records = self.parse(self.sample("invoices.csv", INVOICES),
                                        templates=[template(INVOICE_DOCUMENT, "tpl-inv", 4)])

        self.assertEqual({"layout": "generic-csv", "templateMatched": "tpl-inv",
                          "templateVersion": 4, "confidence": 1.0},
                         result["classification"])
        self.assertFalse(result["needsMapping"])
        self.assertEqual([{"name": "number", "type": "string"},
                          {"name": "amount", "type": "decimal"},
                          {"name": "issued", "type": "datetime"}], result["fields"])
        self.assertEqual({"number": "INV-001", "amount": 120.5,
                          "issued": "2026-01-05T10:15:00+01:00"}, records[0])
        self.assertEqual("2026-07-06T11:00:00+02:00", records[1]["issued"])  # summer time
        self.assertIsNone(records[2]["issued"])

    def test_the_jobs_templates_replace_the_built_in_layouts(self):
        result, _, _ = self.parse(self.sample("Master.csv", vendor("asterisk-master-csv.csv")),
                                  "CDR", templates=[template(INVOICE_DOCUMENT)])

        self.assertIsNone(result["classification"]["templateMatched"])
        self.assertEqual("asterisk-master-csv", result["classification"]["layout"])

    def test_system_templates_sent_with_the_job_are_used_with_their_id_and_version(self):
        document = json.loads((BUILTIN_DIR / "kamailio-acc.json").read_text(encoding="utf-8"))
        result, _, _ = self.parse(self.sample("acc.csv", vendor("kamailio-acc.csv")), "CDR",
                                  templates=[template(document, "sys-kamailio", 2, True)])

        self.assertEqual({"layout": "kamailio-acc", "templateMatched": "sys-kamailio",
                          "templateVersion": 2, "confidence": 1.0}, result["classification"])

    def test_a_pinned_template_wins_when_it_fits_at_all(self):
        small = dict(INVOICE_DOCUMENT, name="Small invoices", fields=[
            {"name": "number", "type": "string", "required": True,
             "locate": {"header": "invoice"}},
            {"name": "total", "type": "decimal", "required": True, "locate": {"header": "amount"},
             "rules": {"max": 50}}])
        templates = [template(INVOICE_DOCUMENT, "tpl-inv", 4), template(small, "tpl-small", 1)]

        best, _, _ = self.parse(self.sample("a.csv", INVOICES), templates=templates)
        pinned, _, records = self.parse(self.sample("b.csv", INVOICES), templates=templates,
                                        templateId="tpl-small", templateVersion=1)

        self.assertEqual("tpl-inv", best["classification"]["templateMatched"])
        self.assertEqual({"layout": "generic-csv", "templateMatched": "tpl-small",
                          "templateVersion": 1, "confidence": round(0.3 + 0.7 / 3, 3)},
                         pinned["classification"])
        self.assertTrue(pinned["needsMapping"])  # only one of three amounts is at most 50
        self.assertEqual([{"number": "INV-003", "total": 7.25}], records)
        self.assertEqual({"out_of_range_total": 2}, pinned["quality"]["rejectReasons"])

    def test_a_pinned_template_that_reads_no_row_leaves_the_choice_to_the_evidence(self):
        other = dict(INVOICE_DOCUMENT, name="Other", fields=[
            {"name": "gross", "type": "decimal", "required": True, "locate": {"header": "gross"}}])
        result, _, _ = self.parse(self.sample("a.csv", INVOICES),
                                  templates=[template(INVOICE_DOCUMENT, "tpl-inv", 4),
                                             template(other, "tpl-other", 1)],
                                  templateId="tpl-other")

        self.assertEqual("tpl-inv", result["classification"]["templateMatched"])

    def test_a_malformed_template_is_skipped_with_a_warning(self):
        broken = {"name": "Broken", "format": "CSV",
                  "fields": [{"name": "x", "type": "money", "locate": {"index": 0}}]}
        templates = [template(broken, "tpl-broken"), {"id": "tpl-none", "document": "nope"},
                     template(INVOICE_DOCUMENT, "tpl-inv", 4)]
        result, _, records = self.parse(self.sample("invoices.csv", INVOICES),
                                        templates=templates)

        self.assertEqual("tpl-inv", result["classification"]["templateMatched"])
        self.assertEqual(3, len(records))
        self.assertEqual(2, len(result["warnings"]))
        self.assertIn("tpl-broken", result["warnings"][0])
        self.assertIn("money", result["warnings"][0])

    def test_only_malformed_templates_leave_the_built_in_layouts(self):
        broken = {"name": "Broken", "format": "CSV", "fields": []}
        result, _, _ = self.parse(self.sample("Master.csv", vendor("asterisk-master-csv.csv")),
                                  "CDR", templates=[template(broken)])

        self.assertEqual("asterisk-master-csv", result["classification"]["templateMatched"])
        self.assertEqual(1, len(result["warnings"]))

    def test_unknown_members_are_ignored(self):
        document = dict(INVOICE_DOCUMENT, color="blue", source=dict(INVOICE_DOCUMENT["source"],
                                                                    future=True))
        raw = dict(template(document, "tpl-inv", 4), createdBy="someone")
        result, _, _ = self.parse(self.sample("invoices.csv", INVOICES), templates=[raw])

        self.assertEqual("tpl-inv", result["classification"]["templateMatched"])
        self.assertNotIn("warnings", result)


class _Store:
    """Redis as the worker reads it, in a dict: what was read, and what the worker removed."""

    def __init__(self):
        self.values, self.reads, self.forgotten = {}, [], []

    def get(self, key):
        self.reads.append(key)
        return self.values.get(key)

    def forget(self, key):
        self.forgotten.append(key)
        self.values.pop(key, None)


class NamedTemplatesTest(ParseCase):
    """Templates the task names by key, as the Java side sends published versions: a list
    (``templateSet``) of entries naming their documents (``documentKey``), read from Redis."""

    def setUp(self):
        super().setUp()
        for cache in (request_module.COMPILED, request_module.LISTS):
            cache.clear()
            self.addCleanup(cache.clear)
        self.store = _Store()

    def named(self, document, template_id, version, system=False):
        key = f"fileparser:template-doc:{template_id}:{version}"
        if document is not None:
            self.store.values[key] = json.dumps(document).encode()
        return {"id": template_id, "version": version, "system": system, "documentKey": key}

    def listed(self, set_key, *entries):
        self.store.values[set_key] = json.dumps(list(entries)).encode()
        return set_key

    def test_a_listed_template_is_read_compiled_once_and_used_like_one_sent_with_its_document(self):
        set_key = self.listed("fileparser:template-set:a", self.named(INVOICE_DOCUMENT, "tpl-inv", 4))
        first, _, records = self.parse(self.sample("a.csv", INVOICES), templateSet=set_key,
                                       documents=self.store)
        second, _, _ = self.parse(self.sample("b.csv", INVOICES), templateSet=set_key,
                                  documents=self.store)

        self.assertEqual({"layout": "generic-csv", "templateMatched": "tpl-inv",
                          "templateVersion": 4, "confidence": 1.0}, first["classification"])
        self.assertEqual(first["classification"], second["classification"])
        self.assertEqual(3, len(records))
        self.assertEqual(["fileparser:template-set:a", "fileparser:template-doc:tpl-inv:4"],
                         self.store.reads)

    def test_a_new_list_reuses_the_documents_compiled_for_an_earlier_one(self):
        invoices = self.named(INVOICE_DOCUMENT, "tpl-inv", 4)
        kamailio = json.loads((BUILTIN_DIR / "kamailio-acc.json").read_text(encoding="utf-8"))
        self.parse(self.sample("a.csv", INVOICES), documents=self.store,
                   templateSet=self.listed("fileparser:template-set:a", invoices))
        result, _, _ = self.parse(
            self.sample("acc.csv", vendor("kamailio-acc.csv")), "CDR", documents=self.store,
            templateSet=self.listed("fileparser:template-set:b", invoices,
                                    self.named(kamailio, "sys-kamailio", 2, True)))

        self.assertEqual({"layout": "kamailio-acc", "templateMatched": "sys-kamailio",
                          "templateVersion": 2, "confidence": 1.0}, result["classification"])
        self.assertEqual(1, self.store.reads.count("fileparser:template-doc:tpl-inv:4"))

    def test_an_inline_mapping_comes_first_and_the_list_after_it(self):
        mapping = dict(INVOICE_DOCUMENT, name="Mapping")
        set_key = self.listed("fileparser:template-set:a", self.named(INVOICE_DOCUMENT, "tpl-inv", 4))
        result, _, _ = self.parse(self.sample("a.csv", INVOICES), documents=self.store,
                                  templates=[template(mapping, "mapping-1", 1)],
                                  templateSet=set_key, templateId="mapping-1", templateVersion=1)

        self.assertEqual("mapping-1", result["classification"]["templateMatched"])

    def test_a_list_missing_from_redis_fails_the_attempt_as_retryable(self):
        with self.assertRaises(StorageUnavailable) as failure:
            self.parse(self.sample("a.csv", INVOICES), templateSet="fileparser:template-set:gone",
                       documents=self.store)
        self.assertTrue(StorageUnavailable.retryable)
        self.assertIn("fileparser:template-set:gone", str(failure.exception))

        # Stored again by the next push: the next attempt reads it (a miss is not kept).
        self.listed("fileparser:template-set:gone", self.named(INVOICE_DOCUMENT, "tpl-inv", 4))
        result, _, _ = self.parse(self.sample("b.csv", INVOICES),
                                  templateSet="fileparser:template-set:gone", documents=self.store)
        self.assertEqual("tpl-inv", result["classification"]["templateMatched"])

    def test_a_document_missing_from_a_list_removes_the_list_so_the_next_push_stores_both(self):
        set_key = self.listed("fileparser:template-set:a", self.named(None, "tpl-gone", 1))
        with self.assertRaises(StorageUnavailable) as failure:
            self.parse(self.sample("a.csv", INVOICES), templateSet=set_key, documents=self.store)
        self.assertIn("fileparser:template-doc:tpl-gone:1", str(failure.exception))
        self.assertEqual([set_key], self.store.forgotten)

    def test_redis_failing_or_no_store_fails_the_attempt_as_retryable(self):
        class Broken:
            def get(self, key):
                raise ConnectionError("Redis went away")

            def forget(self, key):
                raise ConnectionError("Redis went away")
        set_key = self.listed("fileparser:template-set:a", self.named(INVOICE_DOCUMENT, "tpl-inv", 4))
        with self.assertRaises(StorageUnavailable):
            self.parse(self.sample("a.csv", INVOICES), templateSet=set_key, documents=Broken())
        with self.assertRaises(StorageUnavailable):
            self.parse(self.sample("b.csv", INVOICES), templateSet=set_key)

    def test_a_listed_document_that_does_not_compile_is_skipped_with_a_warning_once_read(self):
        broken = {"name": "Broken", "format": "CSV", "fields": []}
        self.store.values["fileparser:template-doc:tpl-text:1"] = b"not json"
        set_key = self.listed("fileparser:template-set:a", self.named(broken, "tpl-broken", 1),
                              self.named(INVOICE_DOCUMENT, "tpl-inv", 4),
                              {"id": "tpl-text", "version": 1,
                               "documentKey": "fileparser:template-doc:tpl-text:1"})
        for name in ("a.csv", "b.csv"):
            result, _, _ = self.parse(self.sample(name, INVOICES), templateSet=set_key,
                                      documents=self.store)
            self.assertEqual("tpl-inv", result["classification"]["templateMatched"])
            self.assertEqual(2, len(result["warnings"]), result["warnings"])
        self.assertEqual(4, len(self.store.reads))  # the list and its three documents, once


class UnknownLayoutTest(ParseCase):

    def test_a_price_list_is_not_confident_and_needs_mapping(self):
        result, _, records = self.parse(self.sample("prices.csv", PRICE_LIST))

        self.assertEqual("generic-csv", result["classification"]["layout"])
        self.assertIsNone(result["classification"]["templateMatched"])
        self.assertLess(result["classification"]["confidence"], 0.6)
        self.assertTrue(result["needsMapping"])
        self.assertEqual(["sku", "product", "price", "currency", "stock"],
                         [column["name"] for column in result["columnProfile"]])
        self.assertEqual(4, len(records))

    def test_a_price_list_sent_as_cdr_is_not_confident_either(self):
        result, _, _ = self.parse(self.sample("prices.csv", PRICE_LIST), "CDR")

        self.assertTrue(result["needsMapping"])
        self.assertLess(result["classification"]["confidence"], 0.6)

    def test_call_records_by_the_header_rules_stay_confident(self):
        text = "caller,callee,start,duration\n1001,1002,2024-01-15 10:00:00,12\n"
        result, _, _ = self.parse(self.sample("calls.csv", text), "CDR")

        self.assertEqual("cdr-csv-header", result["classification"]["layout"])
        self.assertFalse(result["needsMapping"])


class TemplatesKwargTest(unittest.TestCase):

    def request(self, templates):
        from parser_worker.request import ParseRequest
        return ParseRequest.from_task("job", {"file": {"uri": "file:///x"},
                                              "output": {"recordsUri": "file:///y"},
                                              "templates": templates})

    def test_odd_templates_kwargs_are_tolerated(self):
        for templates in (None, "x", {}, [None, 3, "x"]):
            with self.subTest(templates):
                request = self.request(templates)
                self.assertEqual((), request.template_specs)
                self.assertEqual((), request.warnings)

    def test_a_template_without_an_id_is_skipped_with_a_warning(self):
        request = self.request([{"version": 1, "document": INVOICE_DOCUMENT},
                                template(INVOICE_DOCUMENT, "tpl-inv", "7")])

        self.assertEqual([("tpl-inv", 7, False)],
                         [(s.id, s.version, s.system) for s in request.template_specs])
        self.assertEqual(1, len(request.warnings))
        self.assertIn("no id", request.warnings[0])

    def test_older_form_templates_are_still_read(self):
        request = self.request([{"id": "t", "version": 1, "layout": "x", "columns": ["a"]}])

        self.assertEqual(("a",), request.templates[0].columns)
        self.assertEqual((), request.template_specs)


class TemplateDocumentTest(unittest.TestCase):

    def assert_rejected(self, document, fragment):
        with self.assertRaises(TemplateError) as raised:
            compile_template(document, template_id="t")
        self.assertIn(fragment, str(raised.exception))

    def test_documents_the_worker_cannot_use_are_rejected_with_the_reason(self):
        base = {"name": "T", "format": "CSV", "source": {"header": True},
                "fields": [{"name": "a", "type": "string", "locate": {"header": "a"}}]}
        field = base["fields"][0]
        self.assert_rejected(dict(base, format="XLS"), "format")
        self.assert_rejected(dict(base, fields=[]), "fields")
        self.assert_rejected(dict(base, fields=[dict(field, type="money")]), "money")
        self.assert_rejected(dict(base, fields=[dict(field, locate={"header": "a", "index": 1})]),
                             "exactly one")
        self.assert_rejected(dict(base, fields=[dict(field, type="enum")]), "rules.enum")
        self.assert_rejected(dict(base, fields=[field, field]), "unique")
        self.assert_rejected(dict(base, fields=[dict(field, rules={"regex": "("})]), "regular")
        self.assert_rejected(dict(base, source={"header": True, "timeZone": "Mars/Olympus"}),
                             "IANA")
        self.assert_rejected(dict(base, source={"header": False}), "no header")
        self.assert_rejected(dict(base, fields=[dict(field, locate={"start": 0, "end": 4})]),
                             "fixed-width")
        self.assert_rejected(dict(base, confidenceThreshold=2), "confidenceThreshold")
        self.assert_rejected("{}", "object")

    def test_tab_is_written_as_backslash_t(self):
        spec = compile_template({"name": "T", "format": "CSV",
                                 "source": {"delimiter": "\\t", "header": False},
                                 "fields": [{"name": "a", "type": "string",
                                             "locate": {"index": 0}}]}, template_id="t")
        self.assertEqual("\t", spec.source.delimiter)


if __name__ == "__main__":
    unittest.main()
