"""Back-testing a draft version against the files the current one read: per-field and per-row
differences, without writing anything for the jobs."""

import os
from unittest import mock

from parser_worker import backtest
from parser_worker.settings import Settings
from parser_worker.tasks import backtest_template
from tests.support import ParseCase
from tests.test_pdf_templates import INVOICE_TEMPLATE, invoice_pdf

CALLS = ("Anrufer;Datum;Uhrzeit;Dauer\n"
         "201;05.01.2026;10:15:00;60\n"
         "202;06.01.2026;11:00:00;abc\n"
         "203;;;30\n"
         "204;07.01.2026;12:00:00;20\n")


def field(name, type_, required, locate, **more):
    return {"name": name, "type": type_, "required": required, "locate": locate} | more


CURRENT = {"name": "Calls", "format": "CSV", "confidenceThreshold": 0.8,
           "source": {"delimiter": ";", "header": True},
           "fields": [field("caller", "phone", True, {"header": "Anrufer"}),
                      field("start", "date", True, {"header": "Datum"}, format="%d.%m.%Y"),
                      field("seconds", "duration", False, {"header": "Dauer"},
                            format="seconds")]}
DRAFT = {"name": "Calls", "format": "CSV", "confidenceThreshold": 0.8,
         "source": {"delimiter": ";", "header": True, "timeZone": "Europe/Berlin"},
         "fields": [field("caller", "phone", True, {"header": "Anrufer"}),
                    field("start", "datetime", True,
                          {"date": {"header": "Datum"}, "time": {"header": "Uhrzeit"}},
                          format="%d.%m.%Y %H:%M:%S"),
                    field("seconds", "duration", False, {"header": "Dauer"}, format="seconds",
                          rules={"max": 40}),
                    field("clock", "string", False, {"header": "Uhrzeit"})]}


class BacktestTest(ParseCase):

    def request(self, *paths, current=CURRENT, draft=DRAFT):
        return {"current": {"id": "tpl-1", "version": 1, "document": current},
                "draft": {"id": "tpl-1", "version": 2, "document": draft},
                "files": [{"jobId": f"job-{i}", "file": {"uri": path.as_uri()}}
                          for i, path in enumerate(paths, 1)]}

    def test_each_fields_changes_and_rows_that_stop_being_accepted(self):
        path = self.sample("calls.csv", CALLS)
        before = path.read_bytes()
        result = backtest.run(self.request(path), Settings(work_dir=str(self.dir)))

        report = result["files"][0]
        self.assertEqual("job-1", report["jobId"])
        self.assertEqual({"compared": 4, "changed": 3, "startAccepted": 0, "stopAccepted": 1},
                         report["rows"])
        self.assertEqual({"current": 2, "draft": 1}, report["accepted"])
        self.assertEqual({"changed": 3, "startsValidating": 0, "stopsValidating": 0},
                         report["fields"]["start"])
        self.assertEqual({"changed": 1, "startsValidating": 0, "stopsValidating": 1},
                         report["fields"]["seconds"])
        self.assertEqual({"changed": 0, "startsValidating": 0, "stopsValidating": 0},
                         report["fields"]["caller"])
        # A field only the draft has starts validating wherever it reads; empty, it is no change.
        self.assertEqual({"changed": 3, "startsValidating": 3, "stopsValidating": 0},
                         report["fields"]["clock"])
        self.assertEqual({"row": 2, "field": "start", "current": "2026-01-05",
                          "draft": "2026-01-05T10:15:00+01:00", "currentState": "valid",
                          "draftState": "valid"}, report["examples"][0])
        self.assertFalse(report["truncated"])
        self.assertEqual(["clock"], result["totals"]["fieldsAdded"])
        self.assertEqual(4, result["totals"]["rows"]["compared"])
        self.assertEqual(before, path.read_bytes())

    def test_the_same_version_changes_nothing(self):
        path = self.sample("calls.csv", CALLS)
        result = backtest.run(self.request(path, draft=CURRENT), Settings(work_dir=str(self.dir)))

        self.assertEqual(0, result["totals"]["rows"]["changed"])
        self.assertEqual(
            {0}, {count for counts in result["totals"]["fields"].values()
                  for count in counts.values()})

    def test_a_pdf_is_one_row(self):
        path = invoice_pdf(self.dir / "invoice.pdf")
        draft = dict(INVOICE_TEMPLATE, fields=[
            f | ({"rules": {"regex": "INV-\\d{3}"}} if f["name"] == "invoiceNumber" else {})
            for f in INVOICE_TEMPLATE["fields"]])
        result = backtest.run(self.request(path, current=INVOICE_TEMPLATE, draft=draft),
                              Settings(work_dir=str(self.dir)))

        report = result["files"][0]
        self.assertEqual({"compared": 1, "changed": 1, "startAccepted": 0, "stopAccepted": 1},
                         report["rows"])
        self.assertEqual(1, report["fields"]["invoiceNumber"]["stopsValidating"])

    def test_a_missing_file_is_reported_and_the_others_compared(self):
        path = self.sample("calls.csv", CALLS)
        result = backtest.run(self.request(self.dir / "gone.csv", path),
                              Settings(work_dir=str(self.dir)))

        self.assertIn("error", result["files"][0])
        self.assertEqual(4, result["files"][1]["rows"]["compared"])
        self.assertEqual(1, result["totals"]["filesCompared"])

    def test_an_unusable_version_fails_the_back_test(self):
        with self.assertRaises(backtest.BacktestError):
            backtest.run(self.request(current={"name": "x"}), Settings(work_dir=str(self.dir)))

    def test_the_task_refuses_files_outside_the_tenants_storage(self):
        root = self.dir / "store"
        own = root / "tenants" / "tenant-a" / "calls.csv"
        other = root / "tenants" / "tenant-b" / "calls.csv"
        for path in (own, other):
            path.parent.mkdir(parents=True)
            path.write_text(CALLS, encoding="utf-8")
        environment = {"PARSER_STORE_ROOT": str(root), "PARSER_WORK_DIR": str(self.dir)}
        with mock.patch.dict(os.environ, environment):
            result = backtest_template.run("tenant-a", **self.request(own, other))

        self.assertEqual(4, result["files"][0]["rows"]["compared"])
        self.assertEqual("job-2", result["files"][1]["jobId"])
        self.assertIn("outside the tenant", result["files"][1]["error"])
        self.assertEqual(2, result["totals"]["files"])
