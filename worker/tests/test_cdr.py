import unittest

from parser_worker.cdr.fixed_width import detect_fixed_width
from parser_worker.cdr.header import assign_roles
from parser_worker.cdr.records import disposition, duration_seconds
from tests import samples
from tests.support import ParseCase

CDR_FIELDS = ["caller", "callee", "start", "answer", "end", "durationSeconds", "billableSeconds",
              "disposition"]


class AsteriskMasterCsvTest(ParseCase):

    def test_normalises_master_csv_with_16_and_18_columns(self):
        path = self.sample("Master.csv", samples.asterisk_master())
        result, _, records = self.parse(path, "CDR")

        self.assertEqual("asterisk-master-csv", result["classification"]["layout"])
        self.assertGreaterEqual(result["classification"]["confidence"], 0.95)
        self.assertEqual({"delimiter": ",", "hasHeader": False}, result["dialect"])
        self.assertEqual(CDR_FIELDS + ["channel", "uniqueId"],
                         [field["name"] for field in result["fields"]])
        self.assertEqual({"caller": "1001", "callee": "1002", "start": "2024-01-15T10:23:45",
                          "answer": "2024-01-15T10:23:50", "end": "2024-01-15T10:25:12",
                          "durationSeconds": 87, "billableSeconds": 82,
                          "disposition": "ANSWERED", "channel": "SIP/1001-0000001a",
                          "uniqueId": "1705314225.87"}, records[0])
        self.assertEqual(["ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "ANSWERED"],
                         [record["disposition"] for record in records])
        self.assertIsNone(records[1]["answer"])
        self.assertIsNone(records[2]["uniqueId"])  # the 16-column record

    def test_rejects_a_broken_record_and_keeps_the_rest(self):
        broken = samples.asterisk_row("1001", "1002", "yesterday", "", "2024-01-15 10:00:00", 5,
                                      0, "BUSY")
        text = samples.asterisk_master() * 4 + broken + '"","1001","1002"\n'
        result, _, records = self.parse(self.sample("Master.csv", text), "CDR")

        self.assertEqual(20, len(records))
        self.assertEqual({"invalid_start": 1, "column_count": 1},
                         result["quality"]["rejectReasons"])
        self.assertEqual([{"row": 21, "reason": "invalid_start"},
                          {"row": 22, "reason": "column_count"}],
                         result["quality"]["rejections"])


class CdrCsvHeaderTest(ParseCase):

    def test_normalises_named_call_record_columns(self):
        text = ("Call ID;Calling Number;Called Number;Start Time;End Time;Duration;Billsec;"
                "Status;Trunk\n"
                "c-1;+4930123456;+4940987654;15/01/2024 10:23:45;15/01/2024 10:25:12;00:01:27;"
                "82;answered;TG01\n"
                "c-2;+4930123457;+4940987655;16/01/2024 09:00:00;;0:30;0;no answer;TG02\n"
                "c-3;;+4940987656;13/01/2024 08:00:00;;5;0;BUSY;TG01\n")
        result, _, records = self.parse(self.sample("calls.csv", text), "CDR")

        self.assertEqual("cdr-csv-header", result["classification"]["layout"])
        self.assertEqual(CDR_FIELDS + ["trunk", "uniqueId"],
                         [field["name"] for field in result["fields"]])
        self.assertEqual({"caller": "+4930123456", "callee": "+4940987654",
                          "start": "2024-01-15T10:23:45", "answer": None,
                          "end": "2024-01-15T10:25:12", "durationSeconds": 87,
                          "billableSeconds": 82, "disposition": "ANSWERED", "trunk": "TG01",
                          "uniqueId": "c-1"}, records[0])
        self.assertEqual(("2024-01-16T09:00:00", 30, "NO_ANSWER"),
                         (records[1]["start"], records[1]["durationSeconds"],
                          records[1]["disposition"]))
        self.assertIsNone(records[2]["caller"])

    def test_rejects_rows_without_callee_or_with_bad_duration_or_start(self):
        text = ("caller,callee,start,billsec\n"
                "1001,1002,2024-01-15 10:00:00,12\n"
                "1001,,2024-01-15 10:00:00,12\n"
                "1001,1002,2024-01-15 10:00:00,long\n"
                "1001,1002,soon,12\n"
                "1003,1004,2024-01-15 11:00:00,7\n")
        result, _, records = self.parse(self.sample("calls.csv", text), "CDR")

        self.assertEqual(2, result["recordCount"])
        self.assertEqual({"missing_callee": 1, "invalid_duration": 1, "invalid_start": 1},
                         result["quality"]["rejectReasons"])
        self.assertEqual([3, 4, 5], [r["row"] for r in result["quality"]["rejections"]])

    def test_needs_all_four_roles_like_the_upload_sniffer(self):
        self.assertIsNotNone(assign_roles(["A-Number", "B-Number", "Setup_Time", "Dur"]))
        self.assertIsNotNone(assign_roles(["Call ID", "From", "To", "Timestamp", "Call Duration",
                                           "Cost"]))
        self.assertIsNone(assign_roles(["from", "to", "date", "subject"]))
        self.assertIsNone(assign_roles(["caller", "callee", "amount", "notes"]))

    def test_start_and_answer_columns_both_find_their_place(self):
        roles = assign_roles(["src", "dst", "answer_time", "start_time", "duration", "billsec"])
        self.assertEqual({"caller": 0, "callee": 1, "start": 3, "answer": 2,
                          "durationSeconds": 4, "billableSeconds": 5}, roles)


class FixedWidthSwitchTest(ParseCase):

    def test_reads_compact_timestamps_skipping_title_labels_and_totals(self):
        text = samples.fixed_width(8, labels=True, trunk=True)
        result, _, records = self.parse(self.sample("switch.txt", text), "CDR")

        self.assertEqual("fixed-width-switch", result["classification"]["layout"])
        self.assertFalse(result["needsMapping"])
        self.assertNotIn("dialect", result)
        self.assertEqual(8, result["recordCount"])
        self.assertEqual(0, result["quality"]["rowsRejected"])
        self.assertEqual({"caller": "004930123450", "callee": "00494098760",
                          "start": "2024-01-15T10:23:45", "answer": None, "end": None,
                          "durationSeconds": 87, "billableSeconds": None,
                          "disposition": "NO_ANSWER", "trunk": "TG01"}, records[0])
        self.assertEqual(["NO_ANSWER", "ANSWERED", "BUSY"],
                         [record["disposition"] for record in records[:3]])

    def test_finds_columns_of_other_widths_and_separated_timestamps(self):
        text = samples.fixed_width(6, compact=False, widths=(20, 24), title=False)
        result, _, records = self.parse(self.sample("switch.txt", text), "CDR")

        self.assertEqual("fixed-width-switch", result["classification"]["layout"])
        self.assertEqual(("2024-01-15T13:23:45", "004930123453", "0049409876111", 126),
                         (records[3]["start"], records[3]["caller"], records[3]["callee"],
                          records[3]["durationSeconds"]))

    def test_reads_lines_with_trailing_spaces_trimmed(self):
        text = "\n".join(line.rstrip() for line in samples.fixed_width(6).splitlines()) + "\n"
        result, _, records = self.parse(self.sample("switch.txt", text), "CDR")

        self.assertEqual(6, result["recordCount"])
        self.assertEqual("ANSWERED", records[1]["disposition"])

    def test_rejects_a_garbled_line_between_calls(self):
        lines = samples.fixed_width(6, title=False, trailer=False).splitlines()
        lines.insert(3, "*** LINK DOWN ***")
        result, _, records = self.parse(self.sample("switch.txt", "\n".join(lines) + "\n"), "CDR")

        self.assertEqual(6, len(records))
        self.assertEqual([{"row": 4, "reason": "not_a_record"}],
                         result["quality"]["rejections"])

    def test_names_columns_from_the_label_line(self):
        lines = samples.fixed_width(4, labels=True, trunk=True).splitlines()
        layout = detect_fixed_width(lines)

        self.assertEqual(("START", "CALLER", "CALLEE", "DURATN", "DISP", "TRUNK"), layout.names)

    def test_is_not_fooled_by_ragged_lines(self):
        lines = ["20240115102345 4930123456 4940987654 87",
                 "20240115103012 493012 4940987654 000000012 ANSWERED BY VOICEMAIL",
                 "20240115104500 4930123456789 49409 3",
                 "20240115110000 4930 4940987654 12345 NO ANSWER AFTER 30 SECONDS OF RINGING"]
        self.assertIsNone(detect_fixed_width(lines))


class CallValueTest(unittest.TestCase):

    def test_dispositions(self):
        self.assertEqual(["ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "CONGESTION", "UNKNOWN",
                          "BUSY"],
                         [disposition(text) for text in ("ANSWERED", "NO ANSWER", "busy",
                                                         "Failed", "CONG", "", "17")])

    def test_durations(self):
        self.assertEqual([87, 87, 87, 3723, 12, None],
                         [duration_seconds(text) for text in ("87", "1:27", "0:01:27",
                                                              "1:02:03", "12.4", "long")])


if __name__ == "__main__":
    unittest.main()
