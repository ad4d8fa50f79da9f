"""The labelled corpus the models learn from, and its reader.

The corpus is generated here, reproducibly (a fixed seed), into ``worker/corpus``: files of every
built-in vendor layout (from the template documents in ``builtin_templates``), call-record exports of
other systems with the many spellings their headers use, files that are not call records at all,
and damaged variants of the first two (no header, renamed or reordered columns, another delimiter,
another encoding). ``labels.json`` says for each file its layout and the field of every column.

    python3 -m parser_worker.learning.corpus            # writes worker/corpus
"""

import csv
import io
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from parser_worker.learning.features import Column

WORKER_DIR = Path(__file__).resolve().parents[2]
CORPUS_DIR = WORKER_DIR / "corpus"
BUILTIN_DIR = WORKER_DIR / "parser_worker" / "builtin_templates"
SEED = 20261129
OTHER = "other"
GENERIC_CDR = "generic-cdr"
UNKNOWN = "unknown"
SAMPLE_ROWS = 40

# Spellings of the normalised call-record fields seen in exports of PBXs, switches, carriers and
# call-centre tools (and in their documentation).
SYNONYMS = {
    "caller": ["Calling Number", "From", "ANI", "Caller ID", "Source", "A Number", "Originating Number",
               "calling_party", "CallerNumber", "Orig Number", "From Number", "CLI", "src_number"],
    "callee": ["Called Number", "To", "DNIS", "Destination", "B Number", "Dialled Number",
               "Terminating Number", "called_party", "DestinationNumber", "To Number", "dst_number",
               "Dialed Digits"],
    "start": ["Start Time", "Call Start", "Date/Time", "Setup Time", "Origination Time", "Call Date",
              "start_stamp", "StartTime", "Time of Call", "Seized", "call_start_utc"],
    "answer": ["Answer Time", "Connect Time", "Answered At", "answer_stamp", "ConnectTime",
               "Time Answered", "Pickup Time"],
    "end": ["End Time", "Disconnect Time", "Hangup Time", "Call End", "end_stamp", "EndTime",
            "Released", "Release Time"],
    "durationSeconds": ["Duration", "Call Duration", "Duration (s)", "Total Seconds", "Length",
                        "call_length", "Secs", "DurationSec", "Time (sec)"],
    "billableSeconds": ["Billable", "Billed Seconds", "Billsec", "Talk Time", "Billable Duration",
                        "Charged Seconds", "Conversation Time", "bill_sec"],
    "disposition": ["Disposition", "Status", "Call Status", "Result", "Outcome", "Hangup Cause",
                    "Release Cause", "Call Result", "Termination Reason"],
    "channel": ["Channel", "Line", "Extension Channel", "Device", "Endpoint", "src_channel"],
    "trunk": ["Trunk", "Route", "Carrier", "Trunk Group", "Outgoing Route", "Gateway", "trunk_id"],
    "uniqueId": ["Call ID", "Unique ID", "UUID", "Record ID", "CDR ID", "Session ID", "call_uuid",
                 "Global Call ID", "Correlation ID"],
}

# Columns that are not call-record fields, in call-record exports and in other files.
EXTRA_COLUMNS = {
    "Department": "words", "Cost Center": "code", "Notes": "words", "Agent": "name", "Queue": "word",
    "Account Code": "code", "Region": "word", "Rate": "rate", "Charge": "money", "Currency": "ccy",
    "Country": "word", "Tag": "word",
}

# Files that are not call records (the layout "unknown"); every column is "other".
UNKNOWN_FAMILIES = {
    "price-list": {"SKU": "code", "Product Name": "words", "Unit Price": "money", "Currency": "ccy",
                   "In Stock": "count", "Category": "word", "Updated": "date"},
    "employees": {"Employee ID": "count", "Full Name": "name", "Email": "email", "Phone": "phone",
                  "Start Date": "date", "Department": "words", "Salary": "money"},
    "invoices": {"Invoice No": "code", "Invoice Date": "date", "Customer": "words", "Net Amount": "money",
                 "VAT": "money", "Total": "money", "Due Date": "date", "Status": "word"},
    "sensor-readings": {"Timestamp": "iso", "Sensor": "code", "Temperature": "decimal",
                        "Humidity": "decimal", "Battery": "count"},
    "web-log": {"time": "iso", "client_ip": "ip", "method": "word", "path": "path", "status": "status",
                "bytes": "count", "duration_ms": "count"},
    "contacts": {"First Name": "name", "Last Name": "name", "Mobile": "phone", "Email": "email",
                 "City": "word", "Created": "datetime"},
    "shipments": {"Tracking Number": "code", "Shipped At": "datetime", "Delivered At": "datetime",
                  "Weight (kg)": "decimal", "Destination": "word", "Carrier": "word"},
    "timesheet": {"Date": "date", "Employee": "name", "Project": "code", "Start": "clock",
                  "End": "clock", "Hours": "decimal", "Billable": "yesno"},
}

NAMES = ["Ana", "Ben", "Chloe", "Dmitri", "Eva", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kai", "Lena"]
SURNAMES = ["Novak", "Smith", "Okafor", "Garcia", "Larsen", "Kowalski", "Tanaka", "Rossi", "Dubois"]
WORDS = ["north", "south", "sales", "support", "billing", "ops", "red", "blue", "green", "alpha",
         "beta", "gamma", "Berlin", "Lisbon", "Zagreb", "Osaka"]
DISPOSITION_SPELLINGS = [["ANSWERED", "NO ANSWER", "BUSY", "FAILED"],
                         ["Answered", "Missed", "Busy", "Failed"],
                         ["16", "19", "17", "21"],
                         ["NORMAL_CLEARING", "NO_ANSWER", "USER_BUSY", "CALL_REJECTED"],
                         ["completed", "no-answer", "busy", "failed"]]


@dataclass
class LabelledFile:
    name: str
    family: str
    layout: str
    fields: list  # the field of each column ("other" for none)
    columns: list = field(default_factory=list)  # Column, when read


class Generator:
    """Makes rows of plausible values; every choice comes from one seeded random source."""

    TIME_STYLES = ("%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%Y-%m-%dT%H:%M:%SZ",
                   "%d.%m.%Y %H:%M:%S")

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.base = datetime(2026, 3, 1, tzinfo=timezone.utc)
        self.time_style = self.TIME_STYLES[0]

    def new_file(self):
        """One way of writing times per file, as a real export has."""
        self.time_style = self.pick(self.TIME_STYLES)

    def pick(self, items):
        return self.random.choice(items)

    def phone(self, style):
        r = self.random
        if style == "e164":
            return "+" + r.choice(["44", "49", "1", "385", "33", "81"]) + str(r.randint(10**8, 10**10 - 1))
        if style == "national":
            return "0" + str(r.randint(10**8, 10**10 - 1))
        if style == "extension":
            return str(r.randint(100, 9999))
        return r.choice([self.phone("e164"), self.phone("national"), self.phone("extension")])

    def moment(self):
        return self.base + timedelta(seconds=self.random.randint(0, 86400 * 60))

    def call(self, disposition_words):
        start = self.moment()
        answered = self.random.random() < 0.7
        ring = self.random.randint(1, 30)
        talk = self.random.randint(1, 3600) if answered else 0
        answer = start + timedelta(seconds=ring) if answered else None
        end = start + timedelta(seconds=ring + talk)
        index = 0 if answered else self.random.choice([1, 2, 3])
        return {"start": start, "answer": answer, "end": end, "durationSeconds": ring + talk,
                "billableSeconds": talk, "disposition": disposition_words[index]}

    def time_text(self, moment, style):
        if moment is None:
            return ""
        if style == "epoch":
            return str(int(moment.timestamp()))
        if style == "epoch-ms":
            return str(int(moment.timestamp() * 1000))
        if style.startswith("%"):
            return moment.strftime(style)
        return moment.strftime(self.time_style)

    def duration_text(self, seconds, style):
        if style == "milliseconds":
            return str(seconds * 1000)
        if style == "hh:mm:ss":
            return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        return str(seconds)

    def kind_value(self, kind):
        r = self.random
        if kind == "words":
            return " ".join(r.choice(WORDS) for _ in range(r.randint(1, 3)))
        if kind == "word":
            return r.choice(WORDS)
        if kind == "name":
            return r.choice(NAMES) + " " + r.choice(SURNAMES)
        if kind == "code":
            return r.choice("ABCDEFGH") + r.choice("XYZ") + "-" + str(r.randint(100, 99999))
        if kind == "money":
            return f"{r.uniform(0.5, 5000):.2f}"
        if kind == "rate":
            return f"{r.uniform(0.001, 0.2):.4f}"
        if kind == "decimal":
            return f"{r.uniform(-10, 100):.1f}"
        if kind == "count":
            return str(r.randint(0, 5000))
        if kind == "ccy":
            return r.choice(["EUR", "USD", "GBP", "JPY"])
        if kind == "date":
            return self.moment().strftime(self.time_style.split(" ")[0].split("T")[0])
        if kind == "datetime":
            return self.time_text(self.moment(), "any")
        if kind == "iso":
            return self.moment().strftime("%Y-%m-%dT%H:%M:%SZ")
        if kind == "clock":
            return f"{r.randint(7, 18):02d}:{r.choice([0, 15, 30, 45]):02d}"
        if kind == "email":
            return r.choice(NAMES).lower() + "." + r.choice(SURNAMES).lower() + "@example.com"
        if kind == "phone":
            return self.phone("any")
        if kind == "ip":
            return ".".join(str(r.randint(1, 254)) for _ in range(4))
        if kind == "path":
            return "/" + "/".join(r.choice(WORDS).lower() for _ in range(r.randint(1, 3)))
        if kind == "status":
            return r.choice(["200", "200", "200", "304", "404", "500"])
        if kind == "yesno":
            return r.choice(["yes", "no"])
        raise ValueError(kind)

    def call_value(self, name, call, style, phone_style):
        """The text of call-record field ``name`` of ``call``, written in ``style``."""
        if name in ("caller", "callee"):
            return self.phone(phone_style)
        if name in ("start", "answer", "end"):
            return self.time_text(call[name], style or "any")
        if name in ("durationSeconds", "billableSeconds"):
            return self.duration_text(call[name], style)
        if name == "disposition":
            return call["disposition"]
        if name == "channel":
            return f"SIP/{self.random.randint(100, 9999)}-{self.random.randint(0, 0xffffff):08x}"
        if name == "trunk":
            return self.random.choice(["trunk-01", "pstn-a", "sip-carrier-2", "gw3"])
        if name == "uniqueId":
            return self.random.choice([
                f"{int(call['start'].timestamp())}.{self.random.randint(1, 9999)}",
                f"{self.random.getrandbits(128):032x}"])
        return ""


def _vendor_rows(gen, document, rows):
    """Rows of a built-in layout from its template document: the header (or None) and the field of
    each column."""
    fields = document["fields"]
    source = document.get("source") or {}
    disposition_words = _dispositions_of(document)
    phone_style = gen.pick(["e164", "national", "extension", "any"])
    if source.get("fixedWidth"):
        return _fixed_width_rows(gen, fields, rows, disposition_words, phone_style)
    by_index = {f["locate"]["index"]: f for f in fields if "index" in f.get("locate", {})}
    by_header = [f for f in fields if "header" in f.get("locate", {})]
    listed = document.get("columns") or []
    width = max([len(listed), len(by_header), *(i + 1 for i in by_index)])
    header, labels, makers = [], [], []
    named = iter(by_header)
    for position in range(width):
        spec = by_index.get(position)
        if spec is None and position < len(listed):
            spec = next((f for f in by_header if f["locate"]["header"].lower() == listed[position].lower()), None)
        elif spec is None:
            spec = next(named, None)
        name = listed[position] if position < len(listed) else (
            spec["locate"].get("header") if spec and "header" in spec["locate"] else f"extra{position}")
        header.append(name)
        labels.append(spec["name"] if spec and spec["name"] in SYNONYMS else OTHER)
        makers.append(spec)
    data = []
    for _ in range(rows):
        call = gen.call(disposition_words)
        data.append([gen.call_value(spec["name"], call, spec.get("format"), phone_style)
                     if spec and spec["name"] in SYNONYMS else gen.kind_value("code")
                     for spec in makers])
    return (header if source.get("header") else None), labels, data


def _fixed_width_rows(gen, fields, rows, disposition_words, phone_style):
    ordered = sorted(fields, key=lambda f: f["locate"]["start"])
    labels = [f["name"] if f["name"] in SYNONYMS else OTHER for f in ordered]
    data = []
    for _ in range(rows):
        call = gen.call(disposition_words)
        line = []
        for spec in ordered:
            width = spec["locate"]["end"] - spec["locate"]["start"]
            text = gen.call_value(spec["name"], call, spec.get("format"), phone_style) \
                if spec["name"] in SYNONYMS else gen.kind_value("code")
            line.append(text[:width].ljust(width))
        data.append(line)
    return None, labels, data


# How each built-in layout writes a call's outcome (answered, no answer, busy, failed), from the
# vendors' documentation: FreeSWITCH hangup causes, Q.850 cause values (CUCM), SIP codes (acc).
VENDOR_DISPOSITIONS = {
    "freeswitch-cdr-csv-default": ["NORMAL_CLEARING", "NO_ANSWER", "USER_BUSY", "CALL_REJECTED"],
    "freeswitch-cdr-csv-sql": ["NORMAL_CLEARING", "NO_ANSWER", "USER_BUSY", "CALL_REJECTED"],
    "cisco-cucm-cdr": ["16", "19", "17", "21"],
    "kamailio-acc": ["200", "487", "486", "503"],
    "opensips-acc": ["200", "487", "486", "503"],
    "3cx-cdr-log": ["answered", "unanswered", "busy", "failed"],
}


def _dispositions_of(document):
    if document.get("key") in VENDOR_DISPOSITIONS:
        return VENDOR_DISPOSITIONS[document["key"]]
    for spec in document["fields"]:
        allowed = (spec.get("rules") or {}).get("enum")
        if spec["name"] == "disposition" and allowed and len(allowed) >= 4:
            return allowed[:4]
    return DISPOSITION_SPELLINGS[0]


def _generic_cdr_rows(gen, rows):
    """A call-record export of some other system: a random choice and order of fields, spelled in
    one of the ways such exports spell them, with a few columns that are not call-record fields."""
    chosen = ["caller", "callee", "start"] + gen.random.sample(
        ["answer", "end", "durationSeconds", "billableSeconds", "disposition", "channel", "trunk",
         "uniqueId"], gen.random.randint(2, 6))
    gen.random.shuffle(chosen)
    extras = gen.random.sample(sorted(EXTRA_COLUMNS), gen.random.randint(0, 3))
    columns = [(name, gen.pick(SYNONYMS[name])) for name in chosen] + [(OTHER, e) for e in extras]
    gen.random.shuffle(columns)
    style = gen.pick(["any", "epoch", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%Y%m%d%H%M%S"])
    duration_style = gen.pick(["seconds", "seconds", "hh:mm:ss", "milliseconds"])
    words = gen.pick(DISPOSITION_SPELLINGS)
    phone_style = gen.pick(["e164", "national", "any"])
    data = []
    for _ in range(rows):
        call = gen.call(words)
        row = []
        for label, header in columns:
            if label == OTHER:
                row.append(gen.kind_value(EXTRA_COLUMNS[header]))
            elif label in ("durationSeconds", "billableSeconds"):
                row.append(gen.call_value(label, call, duration_style, phone_style))
            else:
                row.append(gen.call_value(label, call, style, phone_style))
        data.append(row)
    return [h for _, h in columns], [label for label, _ in columns], data


def _unknown_rows(gen, family, rows):
    spec = UNKNOWN_FAMILIES[family]
    headers = list(spec)
    if gen.random.random() < 0.5:
        gen.random.shuffle(headers)
    data = [[gen.kind_value(spec[h]) for h in headers] for _ in range(rows)]
    return headers, [OTHER] * len(headers), data


def _damage(gen, header, labels, data, damage):
    """A damaged variant: renamed or reordered columns, or no header line."""
    if damage == "reordered":
        order = list(range(len(labels)))
        gen.random.shuffle(order)
        header = [header[i] for i in order] if header else None
        labels = [labels[i] for i in order]
        data = [[row[i] for i in order] for row in data]
    elif damage == "renamed" and header:
        header = [gen.pick(SYNONYMS[label]) if label in SYNONYMS else h.upper()
                  for h, label in zip(header, labels)]
    elif damage == "no-header":
        header = None
    return header, labels, data


def builtin_documents():
    index = json.loads((BUILTIN_DIR / "index.json").read_text())
    return [json.loads((BUILTIN_DIR / name).read_text()) for name in index]


def generate(directory=CORPUS_DIR, seed=SEED):
    """Writes the corpus; returns its labels. Same seed and templates, same bytes."""
    gen = Generator(seed)
    files = directory / "files"
    files.mkdir(parents=True, exist_ok=True)
    for old in files.iterdir():
        old.unlink()
    labels = []

    def write(name, family, layout, header, fields, data, delimiter=",", encoding="utf-8",
              fixed=False, type_line=False):
        if fixed:
            text = "".join("".join(row) + "\n" for row in data)
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
            if header:
                writer.writerow(header)
                if type_line:  # CUCM: a line of column types after the names
                    writer.writerow(["INTEGER" if v.isdigit() else "VARCHAR(50)" for v in data[0]])
            writer.writerows(data)
            text = buffer.getvalue()
        (files / name).write_bytes(text.encode(encoding))
        labels.append({"file": name, "family": family, "layout": layout, "fields": fields,
                       "header": header is not None, "typeLine": bool(header and type_line),
                       "delimiter": None if fixed else delimiter,
                       "encoding": encoding,
                       "widths": _widths(data[0]) if fixed else None})
        gen.new_file()  # the next file writes its times its own way

    for document in builtin_documents():
        key = document["key"]
        fixed = bool((document.get("source") or {}).get("fixedWidth"))
        for copy in range(4):
            header, fields, data = _vendor_rows(gen, document, gen.random.randint(15, SAMPLE_ROWS))
            delimiter = (document.get("source") or {}).get("delimiter") or ","
            write(f"{key}-{copy}.txt", "vendor", key, header, fields, data,
                  delimiter=delimiter.replace("\\t", "\t"), fixed=fixed,
                  type_line=bool((document.get("source") or {}).get("skipAfterHeader")))
        if not fixed:
            header, fields, data = _vendor_rows(gen, document, SAMPLE_ROWS)
            header, fields, data = _damage(gen, header, fields, data, "reordered")
            # With a header the layout's fields are found by name wherever they stand; without
            # one, reordered columns are no longer that layout.
            write(f"{key}-reordered.txt", "vendor-damaged", key if header else GENERIC_CDR, header,
                  fields, data)
    for copy in range(36):
        header, fields, data = _generic_cdr_rows(gen, gen.random.randint(15, SAMPLE_ROWS))
        damage = gen.pick(["none", "none", "renamed", "reordered", "no-header", "delimiter",
                           "encoding"])
        delimiter, encoding = ",", "utf-8"
        if damage in ("renamed", "reordered", "no-header"):
            header, fields, data = _damage(gen, header, fields, data, damage)
        elif damage == "delimiter":
            delimiter = gen.pick([";", "\t", "|"])
        elif damage == "encoding":
            encoding = gen.pick(["latin-1", "utf-16"])
        write(f"export-{copy:02d}.csv", "export" if damage == "none" else "export-damaged",
              GENERIC_CDR, header, fields, data, delimiter=delimiter, encoding=encoding)
    for family in sorted(UNKNOWN_FAMILIES):
        for copy in range(4):
            header, fields, data = _unknown_rows(gen, family, gen.random.randint(15, SAMPLE_ROWS))
            if copy >= 2:
                header = None
            write(f"{family}-{copy}.csv", "not-cdr", UNKNOWN, header, fields, data,
                  delimiter=gen.pick([",", ";"]))
    (directory / "labels.json").write_text(json.dumps(labels, indent=1) + "\n")
    return labels


def _widths(row):
    widths, start = [], 0
    for cell in row:
        widths.append([start, start + len(cell)])
        start += len(cell)
    return widths


def load(directory=CORPUS_DIR):
    """The labelled files with their columns read."""
    labelled = []
    for entry in json.loads((directory / "labels.json").read_text()):
        text = (directory / "files" / entry["file"]).read_bytes().decode(entry["encoding"])
        if entry["widths"]:
            rows = [[line[a:b].strip() for a, b in entry["widths"]] for line in text.splitlines()]
        else:
            rows = list(csv.reader(io.StringIO(text), delimiter=entry["delimiter"]))
        header = rows[0] if entry["header"] else [None] * len(entry["fields"])
        body = rows[(2 if entry.get("typeLine") else 1):] if entry["header"] else rows
        columns = [Column(header[i], [row[i] if i < len(row) else "" for row in body])
                   for i in range(len(entry["fields"]))]
        labelled.append(LabelledFile(entry["file"], entry["family"], entry["layout"],
                                     entry["fields"], columns))
    return labelled


if __name__ == "__main__":
    written = generate(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_DIR)
    print(f"{len(written)} files in {CORPUS_DIR if len(sys.argv) < 2 else sys.argv[1]}")
