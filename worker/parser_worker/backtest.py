"""Back-testing a draft template version: the files the current version read, read again with
both versions side by side, and what would change (docs/template-format.md, "Back-testing").

Nothing of the jobs is touched: each file is fetched into a scratch directory, read with each
version as the parse would read it (its encoding, delimiter, header, rules), and only the
comparison is returned. Rows are paired by their record number in the file, so a row one version
rejects and the other accepts is compared too. For each field it counts the rows whose value
changes and the rows where the field starts or stops validating (reading as its type, format and
rules); for rows, those that change at all and those that start or stop being accepted.
"""

import tempfile

from parser_worker.content import scan
from parser_worker.errors import BadFile, StorageUnavailable, UnsupportedLayout
from parser_worker.pdf_templates import field_readings, read_text
from parser_worker.quality import RowRejected
from parser_worker.request import FileRef
from parser_worker.storage import Storage
from parser_worker.template_doc import TemplateError, compile_template
from parser_worker.template_engine import Extractor, Reader, _delimiter, check
from parser_worker.text import TextFile, declared_head_text, head_text
from parser_worker.value_types import NULL_TOKENS

MAX_ROWS = 100_000  # rows compared per file; a file past it is reported as truncated
MAX_EXAMPLES = 20  # changed values shown per file
VALID, INVALID, EMPTY, ABSENT = "valid", "invalid", "empty", "absent"


class _Quiet:
    """Progress nobody follows: a back-test reports only its answer."""

    def is_due(self, fraction):
        return False

    def advance(self, *args, **kwargs):
        pass


_QUIET = _Quiet()


class BacktestError(ValueError):
    """The back-test cannot run at all (a version's document is unusable)."""


def run(request, settings, storage=None):
    """The comparison for the task kwargs ``request``: ``current`` and ``draft`` (each ``{"id",
    "version", "document"}``) and ``files`` (each ``{"jobId", "file": {uri, sha256, size...}}``)."""
    current = _spec(request.get("current"), "current")
    draft = _spec(request.get("draft"), "draft")
    storage = storage or Storage(settings)
    files = [f for f in (request.get("files") or []) if isinstance(f, dict)]
    reports = [compare_file(entry, current, draft, settings, storage) for entry in files]
    return {"current": {"id": current.id, "version": current.version},
            "draft": {"id": draft.id, "version": draft.version},
            "files": reports, "totals": _totals(reports, current, draft)}


def _spec(raw, which):
    if not isinstance(raw, dict) or not isinstance(raw.get("document"), dict):
        raise BacktestError(f"the {which} version has no document")
    try:
        return compile_template(raw["document"], template_id=str(raw.get("id")),
                                version=raw.get("version"))
    except TemplateError as error:
        raise BacktestError(f"the {which} version cannot be used: {error}") from error


def compare_file(entry, current, draft, settings, storage):
    """The comparison of one file; a file that cannot be read says why instead."""
    job_id = entry.get("jobId")
    raw = entry.get("file") or {}
    if not raw.get("uri"):
        return {"jobId": job_id, "error": "the file has no location"}
    try:
        ref = FileRef(uri=str(raw["uri"]), sha256=raw.get("sha256"), size=raw.get("size"))
        with tempfile.TemporaryDirectory(prefix="backtest-", dir=settings.work_dir) as work:
            path = storage.fetch(ref.uri, work)
            content = scan(path, ref, _QUIET)
            if content.is_pdf:
                text = read_text(path, _QUIET)
                before = [(1, field_readings(current, text))]
                after = [(1, field_readings(draft, text))]
                return {"jobId": job_id} | compare(before, after, current, draft)
            return {"jobId": job_id} | compare(
                _text_rows(path, content, current), _text_rows(path, content, draft),
                current, draft)
    except (BadFile, UnsupportedLayout, StorageUnavailable, OSError) as error:
        return {"jobId": job_id, "error": str(error)}


def _text_rows(path, content, spec):
    """(record number, (field readings, rejection reason or None)) of each row as ``spec``
    reads it; nothing when the file is not text in its encoding or has no delimiter for it."""
    try:
        if spec.source.encoding is not None:
            encoding = content.declared_encoding(spec.source.encoding)
            head = declared_head_text(content, encoding)
        else:
            encoding = content.text_encoding()
            head = head_text(content, encoding)
    except (UnicodeDecodeError, BadFile, UnsupportedLayout):
        return
    delimiter = None
    if not spec.source.fixed_width:
        delimiter = _delimiter(spec, head, None)
        if delimiter is None:
            return
    reader = Reader(spec, delimiter)
    extractor = Extractor(spec, reader)
    with TextFile(path, encoding, content.size) as text_file:
        try:
            for count, (number, row) in enumerate(reader.records(text_file)):
                if count >= MAX_ROWS:
                    yield None, None  # truncated
                    return
                try:
                    extractor.extract(row)
                    reason = None
                except RowRejected as rejected:
                    reason = rejected.reason
                yield number, (_row_readings(spec, extractor, row), reason)
        except (UnicodeDecodeError, ValueError):
            return


def _row_readings(spec, extractor, row):
    readings = {}
    for field in spec.fields:
        text = (extractor.raw(field, row) or "").strip()
        readings[field.name] = _reading(field, text, spec.source.time_zone)
    return readings


def _reading(field, text, zone):
    if text in NULL_TOKENS:
        return EMPTY, None
    try:
        return VALID, check(field, text, zone)
    except RowRejected:
        return INVALID, None


def compare(before_rows, after_rows, current, draft):
    """The per-field and per-row differences of two row streams paired by record number."""
    names = [f.name for f in current.fields] + [f.name for f in draft.fields
                                                 if f.name not in {g.name for g in current.fields}]
    fields = {name: {"changed": 0, "startsValidating": 0, "stopsValidating": 0}
              for name in names}
    rows = {"compared": 0, "changed": 0, "startAccepted": 0, "stopAccepted": 0}
    accepted = {"current": 0, "draft": 0}
    examples = []
    truncated = False
    for number, before, after in _paired(before_rows, after_rows):
        if number is None:
            truncated = True
            break
        rows["compared"] += 1
        before_values, before_reason = before if before else ({}, "not_read")
        after_values, after_reason = after if after else ({}, "not_read")
        accepted["current"] += before_reason is None
        accepted["draft"] += after_reason is None
        if before_reason is None and after_reason is not None:
            rows["stopAccepted"] += 1
        elif before_reason is not None and after_reason is None:
            rows["startAccepted"] += 1
        changed = before_reason != after_reason
        for name in names:
            old_state, old_value = before_values.get(name, (ABSENT, None))
            new_state, new_value = after_values.get(name, (ABSENT, None))
            if old_value != new_value or (old_state != new_state
                                          and {old_state, new_state} != {EMPTY, ABSENT}):
                changed = True
                fields[name]["changed"] += 1
                if len(examples) < MAX_EXAMPLES:
                    examples.append({"row": number, "field": name, "current": old_value,
                                     "draft": new_value, "currentState": old_state,
                                     "draftState": new_state})
            if old_state != VALID and new_state == VALID:
                fields[name]["startsValidating"] += 1
            elif old_state == VALID and new_state != VALID:
                fields[name]["stopsValidating"] += 1
        rows["changed"] += changed
    return {"rows": rows, "accepted": accepted, "fields": fields, "examples": examples,
            "truncated": truncated}


def _paired(before_rows, after_rows):
    """(number, before or None, after or None) in record number order; (None, ...) once
    either side was cut short."""
    before_iter, after_iter = iter(before_rows), iter(after_rows)
    before, after = next(before_iter, None), next(after_iter, None)
    while before is not None or after is not None:
        if (before is not None and before[0] is None) or (after is not None and after[0] is None):
            yield None, None, None
            return
        if after is None or (before is not None and before[0] < after[0]):
            yield before[0], before[1], None
            before = next(before_iter, None)
        elif before is None or after[0] < before[0]:
            yield after[0], None, after[1]
            after = next(after_iter, None)
        else:
            yield before[0], before[1], after[1]
            before, after = next(before_iter, None), next(after_iter, None)


def _totals(reports, current, draft):
    compared = [r for r in reports if "error" not in r]
    totals = {"files": len(reports), "filesCompared": len(compared),
              "rows": {"compared": 0, "changed": 0, "startAccepted": 0, "stopAccepted": 0},
              "accepted": {"current": 0, "draft": 0}, "fields": {}}
    for report in compared:
        for key, value in report["rows"].items():
            totals["rows"][key] += value
        for key, value in report["accepted"].items():
            totals["accepted"][key] += value
        for name, counts in report["fields"].items():
            into = totals["fields"].setdefault(name, {"changed": 0, "startsValidating": 0,
                                                      "stopsValidating": 0})
            for key, value in counts.items():
                into[key] += value
    totals["fieldsAdded"] = [f.name for f in draft.fields
                             if f.name not in {g.name for g in current.fields}]
    totals["fieldsRemoved"] = [f.name for f in current.fields
                               if f.name not in {g.name for g in draft.fields}]
    return totals

