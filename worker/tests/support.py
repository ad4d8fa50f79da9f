"""Running the parse pipeline on a sample file, as the task would, without Celery."""

import json
import tempfile
import unittest
from pathlib import Path

from parser_worker import pipeline
from parser_worker.progress import ProgressReporter
from parser_worker.request import ParseRequest
from parser_worker.settings import Settings
from tests import samples


class ParseCase(unittest.TestCase):
    """A test case with a temporary directory and a helper that parses a file in it."""

    def setUp(self):
        directory = tempfile.TemporaryDirectory(prefix="parser-worker-test-")
        self.addCleanup(directory.cleanup)
        self.dir = Path(directory.name)

    def sample(self, name, data):
        return samples.write(self.dir, name, data)

    def parse(self, path, fmt="CSV", settings=None, **kwargs):
        """Parses ``path``; returns (result, progress reports, records)."""
        output = self.dir / "results" / f"{Path(path).name}.ndjson"
        request = ParseRequest.from_task("job-1", {
            "file": samples.file_ref(path, fmt),
            "tenantId": "tenant-a",
            "templateId": kwargs.pop("templateId", None),
            "templateVersion": kwargs.pop("templateVersion", None),
            "templates": kwargs.pop("templates", []),
            "templateSet": kwargs.pop("templateSet", None),
            "output": {"recordsUri": output.as_uri()},
            "options": kwargs.pop("options", {}),
        }, documents=kwargs.pop("documents", None))
        reports = []
        settings = settings or Settings(work_dir=str(self.dir))
        result = pipeline.run(request, ProgressReporter(reports.append), settings)
        json.dumps(result)  # the result must go through Celery's JSON serializer
        records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
        return result, reports, records
