"""Asterisk ``cdr_csv`` files (``Master.csv``): no header, 16 to 21 columns per record.

The 16 base columns are accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,
lastdata, start, answer, end, duration, billsec, disposition and amaflags; then optionally
uniqueid and userfield, and with ``newcdrcolumns`` peeraccount, linkedid and sequence. Times are
``YYYY-MM-DD HH:MM:SS`` in the PBX's local time and are written without an offset.
"""

import re

from parser_worker.cdr.records import (TimestampReader, disposition, fields_for,
                                       layout_fields, number, record)
from parser_worker.outcome import ParseOutcome, SpoolWriter
from parser_worker.profile import ColumnBatch, ColumnStats
from parser_worker.quality import RowRejected
from parser_worker.text import delimited_rows

ASTERISK_MASTER_CSV = "asterisk-master-csv"
COLUMNS = ("accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
           "lastdata", "start", "answer", "end", "duration", "billsec", "disposition",
           "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid", "sequence")
MIN_COLUMNS, MAX_COLUMNS = 16, 21
FIELDS = layout_fields("channel", "uniqueId")
CERTAINTY = 0.98
MOST_ROWS = 0.9  # one stray row must not cost a file its layout
SAMPLE_ROWS = 10

_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_DISPOSITIONS = {"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION", "UNKNOWN"}
_TIMES = TimestampReader(["2024-01-15 10:23:45"])


def is_asterisk_row(row):
    return (MIN_COLUMNS <= len(row) <= MAX_COLUMNS
            and _TIME.fullmatch(row[9]) is not None
            and (row[10] == "" or _TIME.fullmatch(row[10]) is not None)
            and _TIME.fullmatch(row[11]) is not None
            and row[12].isdigit() and row[13].isdigit()
            and row[14] in _DISPOSITIONS)


def looks_like_asterisk(rows):
    matching = sum(1 for row in rows if is_asterisk_row(row))
    return matching > 0 and matching >= MOST_ROWS * len(rows)


def parse_asterisk(text_file, layout, spool, progress, quality):
    stats = [ColumnStats(name) for name in COLUMNS]
    widest = MIN_COLUMNS
    samples = []
    observed = ColumnBatch(stats)
    written = SpoolWriter(spool)
    for number_, row in delimited_rows(text_file, layout.dialect, progress):
        quality.read()
        try:
            call = _normalise(row)
        except RowRejected as rejected:
            quality.reject(number_, rejected.reason)
            continue
        widest = max(widest, len(row))
        observed.add(row)
        written.add(call)
        if len(samples) < SAMPLE_ROWS:
            samples.append(row)
    observed.flush()
    written.flush()
    return ParseOutcome(
        format="CDR",
        layout=ASTERISK_MASTER_CSV,
        certainty=CERTAINTY * quality.accepted_ratio,
        fields=fields_for(FIELDS),
        columns=list(COLUMNS[:widest]),
        named_columns=True,
        profile=stats[:widest],
        sample_rows=samples,
        records=quality.rows_accepted,
    )


def _normalise(row):
    if not MIN_COLUMNS <= len(row) <= MAX_COLUMNS:
        raise RowRejected("column_count")
    duration = row[12].strip()
    if not duration.isdigit():
        raise RowRejected("invalid_duration")
    billsec = row[13].strip()
    return record(
        FIELDS,
        caller=number(row[1]),
        callee=number(row[2]),
        start=_TIMES.required(row[9], "invalid_start"),
        answer=_TIMES.optional(row[10]),
        end=_TIMES.optional(row[11]),
        durationSeconds=int(duration),
        billableSeconds=int(billsec) if billsec.isdigit() else None,
        disposition=disposition(row[14]),
        channel=row[5].strip() or None,
        uniqueId=(row[16].strip() or None) if len(row) > 16 else None,
    )
