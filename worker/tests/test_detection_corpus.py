"""The worker's recognition held to the golden corpus in ``corpus/detection/``.

The API's ``DetectionCorpusTest`` reads the same samples and expectations, so the two sides
cannot drift apart; the corpus README describes the vocabulary. A sample without an entry in
``expected.json`` fails here, as does an entry without a sample.
"""

import json
import unittest
from pathlib import Path

from parser_worker.cdr.asterisk import ASTERISK_MASTER_CSV
from parser_worker.cdr.fixed_width import FIXED_WIDTH_SWITCH
from parser_worker.cdr.header import CDR_CSV_HEADER
from parser_worker.content import scan
from parser_worker.layouts import detect
from parser_worker.progress import ProgressReporter
from parser_worker.tables import GENERIC_CSV

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "detection"
EXPECTED = CORPUS / "expected.json"
NOT_SAMPLES = {"README.md", "expected.json"}

# The worker names what it detected after the parser that reads it; the corpus, like the API,
# names a format and, for call records only, a layout. This is the one place they are mapped.
CORPUS_NAMES = {
    "pdf": ("PDF", None),
    GENERIC_CSV: ("CSV", None),
    ASTERISK_MASTER_CSV: ("CDR", ASTERISK_MASTER_CSV),
    CDR_CSV_HEADER: ("CDR", CDR_CSV_HEADER),
    FIXED_WIDTH_SWITCH: ("CDR", FIXED_WIDTH_SWITCH),
}


def samples():
    return sorted(path.name for path in CORPUS.iterdir() if path.name not in NOT_SAMPLES)


def expectations():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def recognised(path):
    """The corpus facts of ``path`` as the worker's reading and detecting steps find them."""
    progress = ProgressReporter(lambda meta: None)
    progress.step("reading", "reading the file")
    detection = detect(path, scan(path, None, progress))
    file_format, layout = CORPUS_NAMES[detection.layout]
    text = detection.text
    dialect = None
    if text is not None and text.dialect is not None:
        dialect = {"delimiter": text.dialect.delimiter, "quote": text.dialect.quotechar,
                   "doubleQuote": text.dialect.doublequote, "hasHeader": text.has_header,
                   "columns": text.columns}
    return {"format": file_format, "layout": layout,
            "encoding": detection.details.get("encoding"), "dialect": dialect}


class DetectionCorpusTest(unittest.TestCase):

    def test_recognises_every_sample_as_expected(self):
        expected = expectations()
        self.assertTrue(samples(), f"no samples in {CORPUS}")
        for sample in samples():
            with self.subTest(sample=sample):
                if sample not in expected:
                    self.fail(f"{sample} has no entry in {EXPECTED}")
                self.assertEqual(expected[sample]["facts"], recognised(CORPUS / sample))

    def test_every_expectation_names_a_sample(self):
        self.assertEqual([], sorted(set(expectations()) - set(samples())))


if __name__ == "__main__":
    unittest.main()
