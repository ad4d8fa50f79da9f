import time
import unittest

from parser_worker.progress import ProgressReporter


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class ProgressTest(unittest.TestCase):

    def setUp(self):
        self.reports = []
        self.clock = FakeClock()
        self.sleeps = []
        self.progress = ProgressReporter(self.reports.append, clock=self.clock,
                                         sleep=self.sleeps.append)

    def test_maps_step_fractions_onto_the_overall_percent(self):
        self.progress.step("reading", "reading")
        self.progress.advance(1.0, "read")
        self.progress.step("parsing", "parsing")
        self.progress.advance(0.5, "half")
        self.assertEqual([("reading", 0), ("reading", 10), ("parsing", 15), ("parsing", 45)],
                         [(r["step"], r["percent"]) for r in self.reports])

    def test_reports_within_a_step_every_five_percent(self):
        self.progress.step("parsing", "parsing")
        for thousandth in range(1001):
            self.progress.advance(thousandth / 1000, "rows")
        self.assertEqual(21, len(self.reports))

    def test_reports_after_two_seconds_of_silence_even_without_progress(self):
        self.progress.step("parsing", "parsing")
        self.progress.advance(0.01, "rows")
        self.clock.now = 2.5
        self.progress.advance(0.02, "rows")
        self.assertEqual(2, len(self.reports))

    def test_percent_never_goes_down(self):
        self.progress.step("writing", "writing")
        self.progress.advance(0.5, "half")
        self.progress.step("writing", "again")
        self.assertEqual([80, 90, 90], [r["percent"] for r in self.reports])

    def test_forced_reports_carry_extra_fields(self):
        self.progress.step("parsing", "parsing")
        self.progress.advance(0.01, "page 1 of 100", force=True, page=1, pages=100)
        report = dict(self.reports[-1])
        self.assertAlmostEqual(time.time(), report.pop("at"), delta=5)
        self.assertEqual({"step": "parsing", "percent": 15, "message": "page 1 of 100",
                          "page": 1, "pages": 100}, report)

    def test_pause_after_each_step_when_slowed_down(self):
        slow = ProgressReporter(self.reports.append, pause=0.25, sleep=self.sleeps.append)
        slow.step("reading", "reading")
        slow.step("detecting", "detecting")
        self.assertEqual([0.25, 0.25], self.sleeps)


if __name__ == "__main__":
    unittest.main()
