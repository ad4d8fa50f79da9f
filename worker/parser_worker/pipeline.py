"""One parse job from stored file to records file and result: read, detect, parse, classify, write.

Independent of Celery, so it can be tested by calling ``run`` with a progress reporter that
collects reports instead of publishing them.
"""

import gc
import json
import resource
from itertools import islice
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from parser_worker import learned
from parser_worker.classifier import Classification, classify
from parser_worker.content import scan
from parser_worker.errors import BadFile, UnsupportedLayout
from parser_worker.layouts import detect
from parser_worker.outcome import encode_item
from parser_worker.pdf_templates import choose_pdf, parse_pdf_template, read_text
from parser_worker.quality import Quality
from parser_worker.storage import Storage
from parser_worker.tables import GENERIC_CSV
from parser_worker.template_doc import builtin_templates
from parser_worker.template_engine import choose, is_pinned, parse_with_template
from parser_worker.text import TextFile, declared_head_text, head_text

WRITE_REPORT_EVERY = 1024  # records between checks whether a writing progress report is due
BUILD_BATCH = 1024  # spooled items turned into records at once, with a ``build_lines``
COPY_CHARS = 1 << 20
# While a job parses, the cyclic garbage collector runs after this many new container objects at the
# earliest (Python's default is 700): a parse makes millions of short-lived rows and records but
# hardly any cycles.
PARSE_GC_THRESHOLD = 20_000  # spooled records copied at once when they are already the final lines


def run(request, progress, settings, storage=None):
    storage = storage or Storage(settings)
    timings = {}
    quality = Quality()
    with tempfile.TemporaryDirectory(prefix="parse-", dir=settings.work_dir) as work, \
            _collecting_only_new_objects():
        with _timed(timings, "read"):
            progress.step("reading", "reading the file")
            path = storage.fetch(request.file.uri, work)
            content = scan(path, request.file, progress)
        with _timed(timings, "detect"):
            progress.step("detecting", "detecting the format and layout")
            detection, unsupported = _detect(path, content)
            match, encoding = _match_template(content, detection, request)
            if content.is_pdf:
                match = _match_pdf_template(path, request, progress)
            if match is None and detection is None:
                raise unsupported
            layout = _layout(match, detection)
        with _timed(timings, "parse"):
            progress.step("parsing", f"parsing as {layout}")
            spool_path = Path(work) / "spool.ndjson"
            with open(spool_path, "w", encoding="utf-8", newline="\n") as spool:
                if match is None:
                    outcome = detection.parse(spool, progress, quality)
                elif match.spec.format == "PDF":
                    outcome = parse_pdf_template(match, spool, quality, layout)
                else:
                    declared_by = match.spec.name if match.spec.source.encoding else None
                    with TextFile(path, encoding, content.size, declared_by) as text_file:
                        outcome = parse_with_template(match, text_file, spool, progress,
                                                      quality, layout)
            _require_records(outcome, quality)
        with _timed(timings, "classify"):
            progress.step("classifying", "matching templates and known layouts")
            if match is None:
                classification = classify(outcome, request, settings.mapping_threshold)
                threshold = settings.mapping_threshold
            else:
                version = request.template_version if match.pinned \
                    and request.template_version is not None else match.spec.version
                classification = Classification(layout, match.spec, version,
                                                 min(max(outcome.certainty, 0.0), 1.0))
                threshold = match.spec.threshold
            if match is None and classification.template and not outcome.named_columns \
                    and outcome.renamable \
                    and len(classification.template.columns) == len(outcome.columns):
                outcome.rename(classification.template.columns)
        with _timed(timings, "write"):
            progress.step("writing", f"writing {outcome.records:,} records")
            _write_records(outcome, spool_path, storage.records_output(request.records_uri, work),
                           progress)
    judgement = None
    if match is None and classification.template is None and outcome.layout == GENERIC_CSV \
            and outcome.columns:
        # No template read this table: the layout model's view bounds the confidence, so a file
        # of a layout nobody knows never comes out confident.
        judgement = learned.judge(outcome, request.tenant_id, settings)
        if judgement is not None:
            classification = Classification(
                classification.layout, None, None,
                min(classification.confidence, judgement["knownLayoutConfidence"]))
    # The confidence as reported decides, so a reported 0.8 is never below a threshold of 0.8.
    needs_mapping = round(classification.confidence, 3) < threshold
    result = {
        "classification": classification.to_dict()
        | ({"learned": judgement} if judgement is not None else {}),
        "fields": outcome.fields,
        "recordCount": outcome.records,
        "recordsUri": request.records_uri,
        "quality": quality.to_dict(),
        "timings": timings,
        "resources": {"peakRssBytes": peak_rss_bytes()},
        "needsMapping": needs_mapping,
    }
    if needs_mapping:
        result["columnProfile"] = [column.to_dict() for column in outcome.profile]
        result["sampleRows"] = outcome.sample_rows
        ranked, version = learned.suggestions(outcome, request.tenant_id, settings)
        if ranked is not None and len(ranked) == len(result["columnProfile"]):
            for column, suggested in zip(result["columnProfile"], ranked):
                column["suggestions"] = suggested
            result["suggestionModelVersion"] = version
    result.update(_details(match, detection, encoding))
    result.update(outcome.details)
    if request.warnings:
        result["warnings"] = list(request.warnings)
    return result


def _detect(path, content):
    """The known layout of the content, or (None, the reason) when it has none: a template may
    still read it (a fixed-width export the switch rules do not know, or text in an encoding
    a template declares, such as UTF-16 without a byte-order mark)."""
    try:
        return detect(path, content), None
    except (UnsupportedLayout, BadFile) as unsupported:
        if content.is_pdf:
            raise
        return None, unsupported


def _match_template(content, detection, request):
    """The template that reads this text best (the job's templates, or the built-in layouts
    when the job sent none), and the text's encoding; (None, ...) for a PDF or when none fits."""
    if content.is_pdf:
        return None, None
    specs = request.template_specs or builtin_templates()
    hint = detection.text.dialect if detection is not None and detection.text else None
    heads = _Heads(content, request)
    match = choose(specs, heads.text, hint, request.template_id, request.template_version)
    if match is None:
        return None, heads.detected
    match.encoding = heads.encoding(match.spec)
    return match, match.encoding


def _match_pdf_template(path, request, progress):
    """The PDF template of the job's that reads this PDF best; None when the job sent none or
    none fits (the PDF is then read as text and tables)."""
    specs = [spec for spec in request.template_specs if spec.format == "PDF"]
    if not specs:
        return None
    return choose_pdf(specs, read_text(path, progress), request.template_id,
                      request.template_version)


class _Heads:
    """The head of the file decoded the way each template reads it: in the encoding it declares,
    else in the one detected. A template whose encoding does not decode the head does not fit
    the file; when the job pins that template, the job fails saying so."""

    def __init__(self, content, request):
        self._content = content
        self._request = request
        self._texts = {}
        try:
            self.detected = content.text_encoding()
        except (UnsupportedLayout, BadFile):
            self.detected = None  # only a template that declares an encoding can read it

    def encoding(self, spec):
        if spec.source.encoding is None:
            return self.detected
        return self._content.declared_encoding(spec.source.encoding)

    def text(self, spec):
        encoding = self.encoding(spec)
        if encoding is None:
            return None
        if spec.source.encoding is None:
            if encoding not in self._texts:
                self._texts[encoding] = head_text(self._content, encoding)
            return self._texts[encoding]
        if encoding not in self._texts:
            try:
                self._texts[encoding] = declared_head_text(self._content, encoding)
            except UnicodeDecodeError as error:
                self._texts[encoding] = error
        text = self._texts[encoding]
        if isinstance(text, UnicodeDecodeError):
            if is_pinned(spec, self._request.template_id, self._request.template_version):
                raise BadFile(f"the text is not valid {encoding.label} near byte "
                              f"{text.start:,} ({text.reason}), the encoding template "
                              f"{spec.name!r} declares; export the file in that encoding or "
                              "choose the template that matches it") from text
            return None
        return text


def _layout(match, detection):
    if match is not None and match.spec.key:
        return match.spec.key
    if detection is not None:
        return detection.layout
    return "template"


def _details(match, detection, encoding):
    if match is None:
        return detection.details
    if match.spec.format == "PDF":
        return {}  # the outcome's: the pages
    details = {"encoding": match.encoding.label}
    if not match.spec.source.fixed_width:
        details["dialect"] = {"delimiter": match.delimiter,
                              "hasHeader": match.spec.source.header}
    return details


@contextmanager
def _collecting_only_new_objects():
    """The collector leaves alone the objects that were there before the job (modules, the learned
    models: hundreds of thousands, which every full collection would walk again) and runs less
    often; both as before once the job is done."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], PARSE_GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


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
        if outcome.build is None:
            _copy_records(spool, output, progress, total, outcome.records)
        elif outcome.build_lines is not None:
            _build_records(spool, output, progress, total, outcome, names)
        else:
            for count, line in enumerate(spool, 1):
                record = outcome.build(json.loads(line), names)
                output.file.write(encode_item(record) + "\n")
                done += len(line)
                if count % WRITE_REPORT_EVERY == 0 and progress.is_due(done / total):
                    progress.advance(done / total,
                                     f"wrote {count:,} of {outcome.records:,} records")
        output.commit()
    progress.advance(1.0, f"wrote {outcome.records:,} records", force=True)


def _build_records(spool, output, progress, total, outcome, names):
    """Items turned into records ``BUILD_BATCH`` at a time: one JSON parse for the batch."""
    done = count = 0
    write = output.file.write
    while True:
        lines = list(islice(spool, BUILD_BATCH))
        if not lines:
            return
        write(outcome.build_lines(json.loads("[" + ",".join(lines) + "]"), names))
        count += len(lines)
        done += sum(map(len, lines))
        if progress.is_due(done / total):
            progress.advance(done / total, f"wrote {count:,} of {outcome.records:,} records")


def _copy_records(spool, output, progress, total, records):
    """The spool is the records file already: copied in large blocks, reporting as it goes."""
    done = count = 0
    while True:
        block = spool.read(COPY_CHARS)
        if not block:
            return
        output.file.write(block)
        done += len(block)
        count += block.count("\n")
        if progress.is_due(done / total):
            progress.advance(done / total, f"wrote {count:,} of {records:,} records")


def peak_rss_bytes():
    """The worker process's peak resident memory so far, in bytes (Linux reports KiB).

    A process runs many jobs one after another, so this bounds the job's own peak from above.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
