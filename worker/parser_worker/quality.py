"""What a parse read, what it rejected and why: the ``quality`` block of the result."""

from collections import Counter

MAX_LISTED_REJECTIONS = 50


class Quality:
    def __init__(self):
        self.rows_read = 0
        self.rows_rejected = 0
        self._reasons = Counter()
        self._rejections = []

    def read(self):
        self.rows_read += 1

    def reject(self, row, reason):
        """Counts a row read but left out of the records; ``reason`` is a snake_case code."""
        self.rows_rejected += 1
        self._reasons[reason] += 1
        if len(self._rejections) < MAX_LISTED_REJECTIONS:
            self._rejections.append({"row": row, "reason": reason})

    @property
    def rows_accepted(self):
        return self.rows_read - self.rows_rejected

    @property
    def accepted_ratio(self):
        return self.rows_accepted / self.rows_read if self.rows_read else 0.0

    def most_common_reason(self):
        common = self._reasons.most_common(1)
        return common[0][0] if common else None

    def to_dict(self):
        return {
            "rowsRead": self.rows_read,
            "rowsRejected": self.rows_rejected,
            "rejectReasons": dict(self._reasons),
            "rejections": list(self._rejections),
        }


class RowRejected(Exception):
    """Raised by a row normaliser to leave one row out; ``reason`` goes into the quality block."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason
