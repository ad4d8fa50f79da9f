"""The records and result of every parse held to digests taken before the parse path was
optimised for throughput (bench/worker_parse), so a faster path never changes what is written.

Parsed: every sample of the worker's test corpora (``corpus/detection``, ``worker/corpus/files``,
``worker/tests/samples/vendors``) and small files of each kind the benchmark generates, including
files of odd values (dates that do not exist, other scripts' digits, padding, null tokens, a
column that turns to text in its last rows). Each parse runs the pipeline as the task does, with
the built-in templates, and its NDJSON records and its result (less timings, memory, the records'
location and what the learned models say, see ``parse_only``) are hashed.

The digests in ``fixtures/parse_equivalence.json`` were written by the code before the
optimisation. A change that is meant to change the output updates them on purpose:
``PARSE_EQUIVALENCE_RECORD=1 /usr/bin/python3 -m unittest tests.test_parse_equivalence``, and
says why in its commit.
"""

import hashlib
import importlib.util
import json
import os
import random
import unittest
from pathlib import Path

from parser_worker.errors import BadFile, UnsupportedLayout
from tests.support import ParseCase

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "parse_equivalence.json"
CORPORA = (ROOT / "corpus" / "detection", ROOT / "worker" / "corpus" / "files",
           Path(__file__).parent / "samples" / "vendors")
NOT_SAMPLES = {"README.md", "expected.json", "labels.json"}
GENERATED_BYTES = 160 * 1024  # more than the 64 KiB head the layout is sniffed from
VOLATILE = ("timings", "resources", "recordsUri")


def bench_files():
    spec = importlib.util.spec_from_file_location(
        "worker_parse_files", ROOT / "bench" / "worker_parse" / "files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_only(result):
    """The result less what does not come from parsing: timings, memory, the records' location, and
    what the learned models say: the ranked suggestions always, and where the models judged the
    layout, that judgement with the confidence it capped and what follows from it (the mapping
    decision, the column profile and sample rows shown for a mapping). Models trained on another
    machine or at another time may rank and score differently; the parse path must not."""
    summary = {key: value for key, value in result.items()
               if key not in VOLATILE and key != "suggestionModelVersion"}
    classification = result["classification"]
    if "learned" in classification:
        summary["classification"] = {key: value for key, value in classification.items()
                                     if key not in ("learned", "confidence")}
        for key in ("needsMapping", "columnProfile", "sampleRows"):
            summary.pop(key, None)
    if "columnProfile" in summary:
        summary["columnProfile"] = [{key: value for key, value in column.items() if key != "suggestions"}
                                    for column in summary["columnProfile"]]
    return summary


def digest(data):
    return hashlib.sha256(data).hexdigest()


class ParseEquivalenceTest(ParseCase):

    def outcome(self, path):
        """A digest of the records and of the result, or the failure's type and message."""
        try:
            result, _, _ = self.parse(path)
        except (BadFile, UnsupportedLayout) as error:
            return {"error": f"{type(error).__name__}: {error}"}
        records = (self.dir / "results" / f"{path.name}.ndjson").read_bytes()
        summary = parse_only(result)
        return {"records": digest(records), "lines": records.count(b"\n"),
                "result": digest(json.dumps(summary, sort_keys=True).encode("utf-8")),
                "recordCount": result["recordCount"], "rejected": result["quality"]["rowsRejected"]}

    def inputs(self):
        """(name, path) of every file parsed."""
        found = []
        for corpus in CORPORA:
            for path in sorted(corpus.iterdir()):
                if path.is_file() and path.name not in NOT_SAMPLES:
                    found.append((f"{corpus.name}/{path.name}", path))
        files = bench_files()
        generated = self.dir / "generated"
        generated.mkdir()
        for name, (file_name, rows) in {**files.GENERATORS, **files.EDGE_GENERATORS}.items():
            path = generated / file_name
            with open(path, "w", encoding="utf-8", newline="") as out:
                written = 0
                for row in rows(random.Random(files.SEED)):
                    out.write(row)
                    written += len(row.encode("utf-8"))
                    if written >= GENERATED_BYTES:
                        break
            found.append((f"generated/{file_name}", path))
        return found

    def test_records_and_results_are_those_of_the_unoptimised_parser(self):
        found = {name: self.outcome(path) for name, path in self.inputs()}
        if os.environ.get("PARSE_EQUIVALENCE_RECORD") == "1":
            FIXTURE.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n",
                               encoding="utf-8")
            self.skipTest(f"recorded {len(found)} digests in {FIXTURE}")
        expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
        self.assertEqual(sorted(expected), sorted(found), "the files parsed changed")
        for name in sorted(expected):
            with self.subTest(file=name):
                self.assertEqual(expected[name], found[name])


if __name__ == "__main__":
    unittest.main()
