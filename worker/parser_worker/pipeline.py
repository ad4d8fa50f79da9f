"""One parse job from stored file to records file and result: read, detect, parse, classify, write.

Independent of Celery, so it can be tested by calling ``run`` with a progress reporter that
collects reports instead of publishing them.
"""

import json
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from parser_worker.classifier import classify
from parser_worker.content import scan
from parser_worker.errors import BadFile
from parser_worker.layouts import detect
from parser_worker.quality import Quality
from parser_worker.storage import Storage

WRITE_REPORT_EVERY = 1024  # records between checks whether a writing progress report is due


def run(request, progress, settings, storage=None):
    storage = storage or Storage(settings)
    timings = {}
    quality = Quality()
    with tempfile.TemporaryDirectory(prefix="parse-", dir=settings.work_dir) as work:
        with _timed(timings, "read"):
            progress.step("reading", "reading the file")
            path = storage.fetch(request.file.uri, work)
            content = scan(path, request.file, progress)
        with _timed(timings, "detect"):
            progress.step("detecting", "detecting the format and layout")
            detection = detect(path, content)
        with _timed(timings, "parse"):
            progress.step("parsing", f"parsing as {detection.layout}")
            spool_path = Path(work) / "spool.ndjson"
            with open(spool_path, "w", encoding="utf-8", newline="\n") as spool:
                outcome = detection.parse(spool, progress, quality)
            _require_records(outcome, quality)
        with _timed(timings, "classify"):
            progress.step("classifying", "matching templates and known layouts")
            classification = classify(outcome, request, settings.mapping_threshold)
            if classification.template and not outcome.named_columns and outcome.renamable \
                    and len(classification.template.columns) == len(outcome.columns):
                outcome.rename(classification.template.columns)
        with _timed(timings, "write"):
            progress.step("writing", f"writing {outcome.records:,} records")
            _write_records(outcome, spool_path, storage.records_output(request.records_uri, work),
                           progress)
    needs_mapping = classification.confidence < settings.mapping_threshold
    result = {
        "classification": classification.to_dict(),
        "fields": outcome.fields,
        "recordCount": outcome.records,
        "recordsUri": request.records_uri,
        "quality": quality.to_dict(),
        "timings": timings,
        "needsMapping": needs_mapping,
    }
    if needs_mapping:
        result["columnProfile"] = [column.to_dict() for column in outcome.profile]
        result["sampleRows"] = outcome.sample_rows
    result.update(detection.details)
    result.update(outcome.details)
    return result


@contextmanager
def _timed(timings, name):
    started = time.monotonic()
    try:
        yield
    finally:
        timings[name] = int(round((time.monotonic() - started) * 1000))


def _require_records(outcome, quality):
    if outcome.records > 0:
        return
    if quality.rows_read == 0:
        raise BadFile("the file has no data rows (only a header, or nothing but blank lines); "
                      "upload a file that contains records")
    raise BadFile(f"none of the {quality.rows_read:,} rows could be read (most were rejected for "
                  f"{quality.most_common_reason()}); check that the file is a complete export "
                  "with one record per line and upload it again")


def _write_records(outcome, spool_path, output, progress):
    total = max(spool_path.stat().st_size, 1)
    names = [field["name"] for field in outcome.fields]
    done = 0
    with output, open(spool_path, encoding="utf-8", newline="\n") as spool:
        for count, line in enumerate(spool, 1):
            if outcome.build is None:
                output.file.write(line)
            else:
                record = outcome.build(json.loads(line), names)
                output.file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                output.file.write("\n")
            done += len(line)
            if count % WRITE_REPORT_EVERY == 0 and progress.is_due(done / total):
                progress.advance(done / total, f"wrote {count:,} of {outcome.records:,} records")
        output.commit()
    progress.advance(1.0, f"wrote {outcome.records:,} records", force=True)
