"""Delimited call records whose header names the columns (``cdr-csv-header``).

A header is a call record header when it names a caller, a callee, a start time and a duration
column. Names are compared in lower case without spaces, underscores and dashes, and the names
accepted for the four required roles are those the API's upload sniffer accepts, so both sides
agree on what is a CDR. Optional columns (answer, end, billable seconds, disposition, channel,
trunk, call id) are used when present.
"""

import re
from dataclasses import dataclass

from parser_worker.cdr.records import (TimestampReader, disposition, duration_seconds,
                                       fields_for, layout_fields)
from parser_worker.outcome import ParseOutcome, SpoolWriter
from parser_worker.profile import BATCH_ROWS, ColumnBatch, ColumnStats
from parser_worker.quality import RowRejected
from parser_worker.tables import column_names
from parser_worker.text import delimited_rows, fit_columns
from parser_worker.value_types import NO_MATCH

CDR_CSV_HEADER = "cdr-csv-header"
CERTAINTY = 0.9
CERTAINTY_PER_OPTIONAL_ROLE = 0.015
SAMPLE_ROWS = 10


@dataclass(frozen=True)
class Role:
    """A record field and the column names that hold it; earlier names are better matches."""

    field: str
    names: tuple
    prefixes: tuple = ()

    def rank(self, name):
        if name in self.names:
            return self.names.index(name)
        if any(name.startswith(prefix) for prefix in self.prefixes):
            return len(self.names)
        return None


# Required roles first: they choose their columns before the optional ones. "answertime" is a
# start name too (some exports have no other time), but the least preferred one, so a file with
# both a start and an answer column gets each in its place.
REQUIRED_ROLES = (
    Role("caller", ("caller", "callingnumber", "anumber", "src", "from", "ani", "calling",
                    "source"), ("caller", "calling", "anumber", "src")),
    Role("callee", ("callee", "callednumber", "bnumber", "dst", "to", "dnis", "called",
                    "destination"), ("callee", "called", "bnumber", "dst")),
    Role("start", ("start", "starttime", "callstart", "setuptime", "calldate", "startdate",
                   "datetime", "timestamp", "date", "answertime"),
         ("starttime", "callstart", "setuptime")),
    Role("durationSeconds", ("duration", "callduration", "dur", "seconds", "billsec"),
         ("duration", "callduration", "billsec")),
)
OPTIONAL_ROLES = (
    Role("answer", ("answer", "answertime", "answered", "answerdate", "connecttime", "connect"),
         ("answertime", "connecttime")),
    Role("end", ("end", "endtime", "enddate", "callend", "hangup", "hanguptime", "releasetime",
                 "disconnecttime", "stoptime", "stop"), ("endtime", "callend", "hanguptime")),
    Role("billableSeconds", ("billsec", "billable", "billableseconds", "billedseconds",
                             "billedduration", "chargeableseconds", "talktime", "talkseconds"),
         ("billsec", "billable", "billed")),
    Role("disposition", ("disposition", "status", "callstatus", "result", "callresult",
                         "outcome", "releasecause", "cause", "causecode"), ("disposition",)),
    Role("channel", ("channel", "srcchannel", "sourcechannel", "line"), ("channel",)),
    Role("trunk", ("trunk", "trunkgroup", "trunkid", "route", "carrier"), ("trunk",)),
    Role("uniqueId", ("uniqueid", "callid", "id", "cdrid", "recordid", "sessionid", "linkedid",
                      "callreference", "callref"), ("uniqueid", "callid")),
)
_NAME_NOISE = re.compile(r"[\s_\-]")


def normalised_name(cell):
    return _NAME_NOISE.sub("", cell.strip().lower())


def assign_roles(header):
    """Record field -> column index; None unless all four required roles have a column."""
    names = [normalised_name(cell) for cell in header]
    taken, roles = set(), {}
    for role in (*REQUIRED_ROLES, *OPTIONAL_ROLES):
        ranked = [(role.rank(name), index) for index, name in enumerate(names)
                  if index not in taken and role.rank(name) is not None]
        if ranked:
            index = min(ranked)[1]
            roles[role.field] = index
            taken.add(index)
        elif role in REQUIRED_ROLES:
            return None
    return roles


def names_call_record_fields(header):
    return assign_roles(header) is not None


def parse_header_cdr(text_file, layout, spool, progress, quality):
    rows = delimited_rows(text_file, layout.dialect, progress)
    _, header = next(rows)
    names, _ = column_names(header)
    roles = assign_roles(header)
    fields = layout_fields(*(name for name in ("channel", "trunk", "uniqueId") if name in roles))
    times = {field: TimestampReader(layout.sample_column(roles[field]))
             for field in ("start", "answer", "end") if field in roles}
    stats = [ColumnStats(name) for name in names]
    samples = []
    observed = ColumnBatch(stats)
    written = SpoolWriter(spool)
    normalise = _normaliser(roles, fields)
    width = len(names)
    pending = []  # (record number, cells or None when they do not fit), normalised in batches
    time_fields = [(roles.get(field), times.get(field)) for field in ("start", "answer", "end")]

    def normalise_pending():
        # the timestamps of the batch first, column by column: as each row's read() would
        # (None for a column the layout does not have)
        present = [cells for _, cells in pending if cells is not None]
        starts, answers, ends = (
            reader.read_many([cells[index] for cells in present]) if reader is not None
            else [None] * len(present) for index, reader in time_fields)
        at = 0
        for row_number, cells in pending:
            quality.read()
            try:
                if cells is None:
                    raise RowRejected("column_count")
                call = normalise(cells, starts[at], answers[at], ends[at])
            except RowRejected as rejected:
                quality.reject(row_number, rejected.reason)
                continue
            finally:
                if cells is not None:
                    at += 1
            observed.add(cells)
            written.add(call)
            if len(samples) < SAMPLE_ROWS:
                samples.append(cells)
        pending.clear()

    for row_number, row in rows:
        pending.append((row_number, row if len(row) == width else fit_columns(row, width)))
        if len(pending) >= BATCH_ROWS:
            normalise_pending()
    normalise_pending()
    observed.flush()
    written.flush()
    optional_found = len(roles) - len(REQUIRED_ROLES)
    return ParseOutcome(
        format="CDR",
        layout=CDR_CSV_HEADER,
        certainty=(CERTAINTY + CERTAINTY_PER_OPTIONAL_ROLE * optional_found)
        * quality.accepted_ratio,
        fields=fields_for(fields),
        columns=names,
        named_columns=True,
        profile=stats,
        sample_rows=samples,
        records=quality.rows_accepted,
    )


def _normaliser(roles, fields):
    """What ``_normalise`` does for these roles, with the column lookups done once:
    ``normalise(cells, start, answer, end)`` -> the record, given the ``TimestampReader.read``
    of the cells of the start, answer and end columns (None for a column the layout lacks)."""
    caller, callee, duration_at = (roles[name] for name in ("caller", "callee", "durationSeconds"))
    billable, disposition_at = roles.get("billableSeconds"), roles.get("disposition")
    extras = [(name, roles[name]) for name in ("channel", "trunk", "uniqueId") if name in roles]
    if tuple(fields) != layout_fields(*(name for name, _ in extras)):
        raise ValueError("the record fields do not follow the roles")

    def normalise(cells, start_value, answered, ended):
        called = cells[callee].strip() or None
        if called is None:
            raise RowRejected("missing_callee")
        duration = duration_seconds(cells[duration_at])
        if duration is None:
            raise RowRejected("invalid_duration")
        if start_value is None or start_value is NO_MATCH:
            raise RowRejected("invalid_start")
        call = {
            "caller": cells[caller].strip() or None,
            "callee": called,
            "start": start_value,
            "answer": None if answered is NO_MATCH else answered,
            "end": None if ended is NO_MATCH else ended,
            "durationSeconds": duration,
            "billableSeconds": duration_seconds(cells[billable]) if billable is not None
            else None,
            "disposition": disposition(cells[disposition_at] if disposition_at is not None
                                       else ""),
        }
        for name, index in extras:
            call[name] = cells[index].strip() or None
        return call

    return normalise

