"""The learned models: the corpus they learn from, their accuracy and calibration on files they never
saw (thresholds the figures in docs/benchmarks.md must keep), suggestions with reasons, and a
tenant's approved mappings changing what is suggested."""

import json
import tempfile
import unittest
from pathlib import Path

from parser_worker.learning import corpus
from parser_worker.learning.features import Column
from parser_worker.learning.evaluation import evaluate, expected_calibration_error
from parser_worker.learning.registry import ModelRegistry
from tests.support import ParseCase

CALL_FIELDS = set(corpus.SYNONYMS)


class CorpusTest(unittest.TestCase):
    def test_the_shipped_corpus_is_what_the_generator_makes(self):
        with tempfile.TemporaryDirectory() as fresh:
            corpus.generate(Path(fresh))
            shipped = corpus.CORPUS_DIR
            self.assertEqual((shipped / "labels.json").read_text(),
                             (Path(fresh) / "labels.json").read_text(),
                             "regenerate: python3 -m parser_worker.learning.corpus")
            for entry in json.loads((shipped / "labels.json").read_text()):
                self.assertEqual((shipped / "files" / entry["file"]).read_bytes(),
                                 (Path(fresh) / "files" / entry["file"]).read_bytes(), entry["file"])

    def test_it_has_sixty_files_across_vendors_exports_damage_and_other_files(self):
        files = corpus.load()
        self.assertGreaterEqual(len(files), 60)
        families = {f.family for f in files}
        self.assertTrue({"vendor", "export", "export-damaged", "not-cdr"} <= families, families)
        encodings = {json.dumps(e["encoding"]) for e in
                     json.loads((corpus.CORPUS_DIR / "labels.json").read_text())}
        self.assertGreater(len(encodings), 1, "other encodings too")
        for labelled in files:
            self.assertEqual(len(labelled.columns), len(labelled.fields), labelled.name)
            self.assertTrue(all(len(c.values) >= 10 for c in labelled.columns), labelled.name)


class HeldOutEvaluationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.figures = evaluate()

    def test_field_suggestions_are_right_and_calibrated_on_unseen_files(self):
        fields = self.figures["fields"]
        self.assertGreaterEqual(fields["count"], 80)
        self.assertGreaterEqual(fields["top1"], 0.85, fields)
        self.assertGreaterEqual(fields["top3"], 0.93, fields)
        self.assertLessEqual(fields["ece"], 0.08, fields)

    def test_layouts_are_recognised_and_calibrated_on_unseen_files(self):
        layouts = self.figures["layouts"]
        self.assertGreaterEqual(layouts["top1"], 0.85, layouts)
        self.assertGreaterEqual(layouts["top3"], 0.95, layouts)
        self.assertLessEqual(layouts["ece"], 0.12, layouts)

    def test_a_file_of_an_unknown_layout_is_not_confidently_a_known_one(self):
        self.assertLess(self.figures["unknownLayoutMaxKnownConfidence"], 0.5, self.figures)


class CalibrationErrorTest(unittest.TestCase):
    def test_perfectly_calibrated_predictions_have_no_error(self):
        self.assertAlmostEqual(0.0, expected_calibration_error([0.75] * 4, [1, 1, 1, 0]))

    def test_overconfidence_is_the_gap(self):
        self.assertAlmostEqual(0.45, expected_calibration_error([0.95] * 2, [1, 0]))


class SuggestionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.registry = ModelRegistry(cls.directory.name)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def test_columns_get_ranked_fields_with_confidence_and_a_reason(self):
        columns = [
            Column("Originating Number", ["+441632960001", "+441632960002", "+441632960003"] * 5),
            Column("Call Start", ["2026-03-01 10:00:00", "2026-03-01 10:05:00", "2026-03-02 09:00:00"] * 5),
            Column("Talk Seconds", ["12", "0", "315", "48", "7"] * 3),
        ]
        ranked = self.registry.fields().suggest(columns)
        self.assertEqual("caller", ranked[0][0].label, ranked[0])
        self.assertEqual("start", ranked[1][0].label, ranked[1])
        self.assertIn(ranked[2][0].label, {"durationSeconds", "billableSeconds"}, ranked[2])
        for suggestions in ranked:
            self.assertEqual(3, len(suggestions))
            confidences = [s.confidence for s in suggestions]
            self.assertEqual(sorted(confidences, reverse=True), confidences)
            self.assertTrue(all(0.0 <= c <= 1.0 for c in confidences))
            self.assertTrue(suggestions[0].reason)

    def test_an_unknown_file_is_not_confidently_call_records(self):
        columns = [Column("SKU", ["AX-1001", "BX-2002", "CX-3003"] * 5),
                   Column("Colour", ["red", "blue", "green"] * 5),
                   Column("Price", ["9.99", "12.50", "3.10"] * 5)]
        layout, confidence = self.registry.layouts().classify(columns)[0]
        self.assertEqual(corpus.UNKNOWN, layout)
        known = [c for label, c in self.registry.layouts().classify(columns)
                 if label != corpus.UNKNOWN]
        self.assertTrue(all(c < 0.5 for c in known), known)

    def test_a_tenants_approved_mapping_teaches_its_own_header(self):
        column = Column("Zielrufnummer", ["+4930123456", "+4940987654", "+4989555123"] * 5)
        before = self.registry.fields("acme").suggest([column])[0]
        version, learned = self.registry.retrain("acme", [
            {"header": "Zielrufnummer", "values": column.values, "field": "callee",
             "approvedAt": "2026-11-01T10:00:00Z", "jobId": f"j{n}"} for n in range(3)])
        after = self.registry.fields("acme").suggest([column])[0]
        self.assertEqual(3, learned)
        self.assertIn("acme.3", version)
        self.assertEqual("callee", after[0].label, after)
        self.assertIn("has meant callee before", after[0].reason)
        callee_before = next((s.confidence for s in before if s.label == "callee"), 0.0)
        self.assertGreater(after[0].confidence, callee_before)
        # another tenant keeps the base model, and a restarted worker loads the tenant's model
        self.assertNotEqual(version, self.registry.fields("other").version)
        self.assertEqual(version, ModelRegistry(self.directory.name).fields("acme").version)

    def test_a_retrain_refuses_a_missing_tenant_and_skips_malformed_mappings(self):
        with self.assertRaises(ValueError):
            self.registry.retrain("", [])
        version, learned = self.registry.retrain("beta", [{"field": 3}, {"values": "x"}])
        self.assertEqual(0, learned)



class RetrainTaskTest(unittest.TestCase):
    def test_the_task_retrains_the_tenants_model_under_the_model_dir(self):
        import os
        from unittest import mock

        from parser_worker import tasks

        with tempfile.TemporaryDirectory() as model_dir, \
                mock.patch.dict(os.environ, {"PARSER_MODEL_DIR": model_dir}):
            result = tasks.retrain_model.run("t-42", mappings=[
                {"header": "Quelle", "values": ["+4930111", "+4930222"] * 8, "field": "caller",
                 "approvedAt": "2026-11-20T08:00:00Z", "jobId": "j1"}])
            self.assertEqual(1, result["approvedColumns"])
            self.assertIn("t-42.1", result["modelVersion"])
            self.assertTrue((Path(model_dir) / "tenants" / "t-42" / "fields.pkl").is_file())



class SuggestTaskTest(unittest.TestCase):
    def test_the_task_ranks_fields_for_the_columns_sent(self):
        import os
        from unittest import mock

        from parser_worker import tasks

        with tempfile.TemporaryDirectory() as model_dir, \
                mock.patch.dict(os.environ, {"PARSER_MODEL_DIR": model_dir}):
            result = tasks.suggest_fields.run("t-7", columns=[
                {"header": "Calling Number", "values": ["+441632960001", "+441632960002"] * 5},
                {"header": "Call Start", "values": ["2026-03-01 10:00:00"] * 10},
                "not a column"])
        self.assertEqual(2, len(result["columns"]))
        self.assertEqual("caller", result["columns"][0][0]["field"], result["columns"][0])
        self.assertEqual("start", result["columns"][1][0]["field"], result["columns"][1])
        self.assertTrue(all(s["reason"] for s in result["columns"][0]))
        self.assertTrue(result["modelVersion"].startswith("fields-"))

    def test_no_columns_no_suggestions(self):
        import os
        from unittest import mock

        from parser_worker import tasks

        with tempfile.TemporaryDirectory() as model_dir, \
                mock.patch.dict(os.environ, {"PARSER_MODEL_DIR": model_dir}):
            self.assertEqual([], tasks.suggest_fields.run("t-7", columns="nope")["columns"])



class PipelineAdviceTest(ParseCase):
    """A table no template reads: the layout model bounds its confidence and each column of the
    profile a person maps from carries ranked suggestions with reasons."""

    def test_an_unknown_table_needs_mapping_with_suggestions_for_its_columns(self):
        text = "Originating Number,Dialled Number,Call Start,Talk Seconds,Cost Center\n" + "".join(
            f"+44163296{n:04d},+3319876{n:04d},2026-03-0{n % 9 + 1} 10:{n % 60:02d}:00,{n * 7 % 600},CC-{n % 5}\n"
            for n in range(40))
        result, _, _ = self.parse(self.sample("calls.csv", text.encode()))
        self.assertTrue(result["needsMapping"], result["classification"])
        self.assertIn("learned", result["classification"])
        self.assertTrue(result["suggestionModelVersion"].startswith("fields-"))
        best = {c["name"]: c["suggestions"][0] for c in result["columnProfile"]}
        self.assertEqual("caller", best["Originating Number"]["field"], best)
        self.assertEqual("callee", best["Dialled Number"]["field"], best)
        self.assertEqual("start", best["Call Start"]["field"], best)
        for column in result["columnProfile"]:
            self.assertTrue(all(s["reason"] for s in column["suggestions"]))

    def test_a_price_list_is_not_confident(self):
        text = "SKU,Product,Price,Currency\n" + "".join(
            f"AB-{n:05d},widget {n},{n * 1.5:.2f},EUR\n" for n in range(30))
        result, _, _ = self.parse(self.sample("prices.csv", text.encode()))
        self.assertTrue(result["needsMapping"])
        self.assertLess(result["classification"]["confidence"], 0.5, result["classification"])
        self.assertEqual("unknown", result["classification"]["learned"]["layout"])


if __name__ == "__main__":
    unittest.main()
