"""The benchmark's files, generated reproducibly from a fixed seed.

Shared by ``run.py`` and the worker's parse equivalence test (``worker/tests/
test_parse_equivalence.py``), which parses small files of each kind and holds the records and
result to digests taken before the parse path was optimised.
"""

import random
from datetime import datetime, timedelta

SEED = 20261130


def _phone(rng):
    kind = rng.random()
    if kind < 0.5:
        return "0049" + str(rng.randrange(10 ** 9, 10 ** 11))
    if kind < 0.8:
        return "+49" + str(rng.randrange(10 ** 9, 10 ** 11))
    return str(rng.randrange(1000, 9999))  # an extension


def _moments(rng, count):
    moment = datetime(2024, 1, 1)
    for _ in range(count):
        moment += timedelta(seconds=rng.randrange(0, 40))
        yield moment


_DISPOSITIONS = ("ANSWERED", "ANSWERED", "ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION")


def calls_rows(rng):
    yield "call_id,caller,callee,start_time,duration,disposition\n"
    for index, moment in enumerate(_moments(rng, 10 ** 9), 1):
        disposition = rng.choice(_DISPOSITIONS)
        duration = rng.randrange(1, 3600) if disposition == "ANSWERED" else 0
        caller, callee = _phone(rng), _phone(rng)
        start = moment.strftime("%Y-%m-%d %H:%M:%S")
        damage = rng.random()
        if damage < 0.0003:
            callee = ""
        elif damage < 0.0006:
            duration = "n/a"
        elif damage < 0.0008:
            start = "yesterday"
        elif damage < 0.001:
            yield f"c-{index},{caller},{callee}\n"
            continue
        yield f"c-{index},{caller},{callee},{start},{duration},{disposition}\n"


def asterisk_rows(rng):
    def quoted(value):
        return '"' + value.replace('"', '""') + '"'

    for index, moment in enumerate(_moments(rng, 10 ** 9), 1):
        src, dst = str(rng.randrange(200, 260)), _phone(rng)
        disposition = rng.choice(_DISPOSITIONS)
        duration = rng.randrange(2, 3600)
        answered = disposition == "ANSWERED"
        billsec = max(duration - rng.randrange(1, 20), 0) if answered else 0
        start = moment.strftime("%Y-%m-%d %H:%M:%S")
        answer = (moment + timedelta(seconds=duration - billsec)).strftime("%Y-%m-%d %H:%M:%S") \
            if answered else ""
        end = (moment + timedelta(seconds=duration)).strftime("%Y-%m-%d %H:%M:%S")
        damage = rng.random()
        if damage < 0.0003:
            dst = ""
        elif damage < 0.0006:
            duration = "x"
        elif damage < 0.0008:
            disposition = "HUNG UP"
        cells = [quoted(""), quoted(src), quoted(dst), quoted("from-internal"),
                 quoted(f'"Desk {src}" <{src}>'), quoted(f"PJSIP/{src}-{index & 0xffffffff:08x}"),
                 quoted(f"PJSIP/trunk-{(index * 7) & 0xffffffff:08x}"), quoted("Dial"),
                 quoted(f"PJSIP/{dst},30,tT"), quoted(start), quoted(answer) if answer else "",
                 quoted(end), str(duration), str(billsec), quoted(disposition),
                 quoted("DOCUMENTATION"), quoted(f"{1704067200 + index}.{index % 1000}"),
                 quoted("")]
        yield ",".join(cells) + "\n"


def table_rows(rng):
    yield "invoice,customer,amount,issued,paid,items,note\n"
    customers = ("Acme Corp", "Globex", '"Initech, Inc."', "Umbrella", "Müller GmbH", "Café Zürich")
    for index, moment in enumerate(_moments(rng, 10 ** 9), 1):
        amount = f"{rng.randrange(0, 100000) / 100:.2f}"
        note = rng.choice(("", "", "urgent", "NULL", "call back", "paid by card"))
        if rng.random() < 0.001:
            yield f"INV-{index:08d},{rng.choice(customers)}\n"
            continue
        yield (f"INV-{index:08d},{rng.choice(customers)},{amount},{moment:%Y-%m-%d},"
               f"{rng.choice(('true', 'false'))},{rng.randrange(1, 50)},{note}\n")


# Values that test the edges of the typed paths: dates that do not exist, hours past 23, digits
# of other scripts, offsets and fractions, padding, every null token, a column that turns out to be
# text only in its last rows. Only for the equivalence test (small files).
_ODD_TIMES = ("2024-02-30 10:00:00", "2024-01-15 24:00:00", "2024-01-15 23:59:60",
              "2024-01-15T10:23:45", "2024-01-15 10:23:45.5", "2024-01-15 10:23:45+02:00",
              "2024-01-15 10:23:45Z", " 2024-01-15 10:23:45 ", "2024-1-15 10:23:45",
              "\u0662\u0660\u0662\u0664-01-15 10:23:45", "15.01.2024 10:23:45",
              "0000-01-01 00:00:00",
              "2024-01-15 9:05", "20240115102345", "1705314225", "", "NULL", "\\N")
_ODD_NUMBERS = ("87", " 87 ", "0087", "1:27", "0:01:27", "87.4", "-3", "\u0668\u0667", "1e3", "",
                "null", "9" * 20, "+4930123456", "(030) 123-456", "12,5")
_ODD_DISPOSITIONS = ("ANSWERED", "answered", "NO ANSWER", "No_Answer", "busy", "16", "487", "",
                     "HUNG UP", " Congestion ", "FAILED")


def edge_calls_rows(rng):
    yield ("call_id,caller,callee,start_time,answer_time,end_time,duration,billsec,disposition,"
           "trunk\n")
    for index in range(1, 10 ** 9):
        def pick(values):
            return rng.choice(values) if rng.random() < 0.3 else values[0]
        start = pick(_ODD_TIMES)
        yield (f"c-{index},{pick(_ODD_NUMBERS)},{rng.choice(_ODD_NUMBERS)},\"{start}\","
               f"\"{pick(_ODD_TIMES)}\",\"{pick(_ODD_TIMES)}\",{pick(_ODD_NUMBERS)},"
               f"{pick(_ODD_NUMBERS)},{rng.choice(_ODD_DISPOSITIONS)},TG{index % 3}\n")


def edge_table_rows(rng):
    yield "id,amount,day,moment,flag,count,phone,duration,late_text\n"
    for index in range(1, 10 ** 9):
        text = "x" if index > 1500 and rng.random() < 0.01 else str(index)
        yield ",".join((
            f"{index}", rng.choice(("1.5", "2", " 3.25 ", "", "NULL", "-0.5", "1e3")),
            rng.choice(("2024-01-15", "2024-02-29", "15.01.2024", "", "\\N")),
            f"\"{rng.choice(_ODD_TIMES[:9])}\"" if index % 50 == 0 else "2024-01-15 10:23:45",
            rng.choice(("true", "false", "yes", "N", "")),
            rng.choice(("0", "7", "42", "-1", "")),
            rng.choice(("+4930123456", "030 123456", "")),
            rng.choice(("0:01:27", "87", "12:34", "")),
            text)) + "\n"


def edge_asterisk_rows(rng):
    rows = asterisk_rows(rng)
    for index, row in enumerate(rows, 1):
        if index % 7 == 0:
            row = row.replace("2024-01-0", rng.choice(("2024-02-3", "2024-1-0", "2024-01-0")), 1)
        if index % 11 == 0:
            row = row.replace('"ANSWERED"', rng.choice(('"answered"', '"BUSY "', '""')))
        if index % 13 == 0:
            row = row.rstrip("\n") + ',"","linked",42\n'
        yield row


GENERATORS = {"calls": ("calls.csv", calls_rows), "asterisk": ("asterisk.csv", asterisk_rows),
              "table": ("table.csv", table_rows)}
EDGE_GENERATORS = {"edge-calls": ("edge-calls.csv", edge_calls_rows),
                   "edge-table": ("edge-table.csv", edge_table_rows),
                   "edge-asterisk": ("edge-asterisk.csv", edge_asterisk_rows)}


def generate(path, rows, size):
    """Writes whole rows from ``rows`` until ``size`` bytes are reached (the last row may pass)."""
    stamp = path.with_suffix(".size")
    if path.exists() and stamp.exists() and stamp.read_text() == str(size):
        return
    rng = random.Random(SEED)
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        buffer = []
        for row in rows(rng):
            buffer.append(row)
            written += len(row.encode("utf-8"))
            if len(buffer) >= 10000:
                out.write("".join(buffer))
                buffer.clear()
            if written >= size:
                break
        out.write("".join(buffer))
    stamp.write_text(str(size))


