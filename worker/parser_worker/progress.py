"""Progress reports for a running job, published as Celery ``PROGRESS`` states.

Each report is a Redis SETEX plus PUBLISH that every API node fans out to subscribers, so reports
inside a long step are throttled to one per ~5% of the step or per 2 seconds, whichever comes
first. The percent never goes down: a client drawing a progress bar must not see it jump back.
"""

import time

# The share of the overall percent each step owns, in the order the steps run.
STEP_RANGES = {
    "reading": (0, 10),
    "detecting": (10, 15),
    "parsing": (15, 75),
    "classifying": (75, 80),
    "writing": (80, 100),
}
MIN_FRACTION_DELTA = 0.05 - 1e-9  # 5%, minus float noise in 0.1 + 0.05
MAX_SILENCE_SECONDS = 2.0


class ProgressReporter:
    """Turns step names and per-step fractions into monotonic 0-100 percent reports.

    ``publish`` receives the meta dict; ``pause`` seconds are slept after each step starts (the
    ``slow`` test hook), so tests can act on a job while it is visibly running.
    """

    def __init__(self, publish, pause=0.0, clock=time.monotonic, sleep=time.sleep):
        self._publish = publish
        self._pause = pause
        self._clock = clock
        self._sleep = sleep
        self._step = None
        self._percent = 0
        self._last_fraction = 0.0
        self._last_time = clock()

    @property
    def percent(self):
        return self._percent

    def step(self, name, message, **extra):
        """Starts step ``name`` and always reports it."""
        if name not in STEP_RANGES:
            raise ValueError(f"unknown progress step {name!r}")
        self._step = name
        self._last_fraction = 0.0
        self._report(0.0, message, extra)
        if self._pause > 0:
            self._sleep(self._pause)

    def advance(self, fraction, message, force=False, **extra):
        """Reports that ``fraction`` (0-1) of the current step is done, unless the last report
        was too recent."""
        fraction = min(max(fraction, 0.0), 1.0)
        due = (
            force
            or fraction - self._last_fraction >= MIN_FRACTION_DELTA
            or self._clock() - self._last_time >= MAX_SILENCE_SECONDS
        )
        if due:
            self._last_fraction = fraction
            self._report(fraction, message, extra)

    def is_due(self, fraction):
        """Whether ``advance(fraction)`` would report; lets hot loops skip building a message."""
        return (fraction - self._last_fraction >= MIN_FRACTION_DELTA
                or self._clock() - self._last_time >= MAX_SILENCE_SECONDS)

    def _report(self, fraction, message, extra):
        low, high = STEP_RANGES[self._step]
        self._percent = max(self._percent, int(low + (high - low) * fraction))
        self._last_time = self._clock()
        # "at": when the report was made (wall clock, seconds since the epoch, to the microsecond),
        # so the API can tell how long a report takes to reach a job, and an instance that hears a
        # report after a later one was applied can tell it is old (two reports often come within
        # the same millisecond)
        meta = {"step": self._step, "percent": self._percent, "message": message,
                "at": round(time.time(), 6)}
        meta.update(extra)
        self._publish(meta)
