import inspect
import os
import subprocess
import unittest
from pathlib import Path

from kombu import Connection

from parser_worker.app import app
from parser_worker.errors import BadFile, StorageUnavailable
from parser_worker.request import ParseRequest
from parser_worker.settings import Settings
from parser_worker.tasks import process_file, simulate_failure, simulated_pause

WORKER_DIR = Path(__file__).resolve().parent.parent


class AppConfigTest(unittest.TestCase):
    """The settings the Java side relies on (celery-contract.md and the README)."""

    def test_task_is_registered_under_its_contract_name_taking_a_job_id_and_kwargs(self):
        task = app.tasks["parser.process_file"]
        self.assertEqual("parser.process_file", process_file.name)
        self.assertEqual("(job_id, **kwargs)", str(inspect.signature(task.run)))

    def test_wire_settings(self):
        conf = app.conf
        self.assertEqual(("json", "json", ["json"]),
                         (conf.task_serializer, conf.result_serializer, conf.accept_content))
        self.assertTrue(conf.task_acks_late)
        self.assertTrue(conf.task_reject_on_worker_lost)
        self.assertEqual(1, conf.worker_prefetch_multiplier)
        self.assertTrue(conf.task_track_started)
        self.assertTrue(conf.worker_send_task_events)
        self.assertFalse(conf.task_send_sent_event)
        self.assertEqual(86400, conf.result_expires)
        self.assertEqual({"priority_steps": list(range(10)), "sep": ":",
                          "queue_order_strategy": "priority", "visibility_timeout": 3600},
                         conf.broker_transport_options)
        self.assertEqual("parser", conf.task_default_queue)
        self.assertEqual(["parser"], [queue.name for queue in conf.task_queues])

    def test_priority_n_goes_to_list_parser_colon_n(self):
        # Redis db 15: db 0 belongs to a running application.
        with Connection("redis://127.0.0.1:6379/15",
                        transport_options=app.conf.broker_transport_options) as connection:
            channel = connection.default_channel
            self.assertEqual("parser", channel._q_for_pri("parser", 0))
            self.assertEqual("parser:3", channel._q_for_pri("parser", channel.priority(3)))
            self.assertEqual("parser:9", channel._q_for_pri("parser", channel.priority(9)))

    def test_launcher_is_an_executable_bash_script_running_debian_python(self):
        run = WORKER_DIR / "run"
        self.assertTrue(os.access(run, os.X_OK))
        text = run.read_text()
        self.assertTrue(text.startswith("#!/usr/bin/env bash"))
        self.assertIn("exec /usr/bin/python3 -m celery -A parser_worker.app worker -Q parser", text)

    def test_launcher_refuses_a_single_process(self):
        done = subprocess.run([str(WORKER_DIR / "run")], env=dict(os.environ,
                              PARSER_CONCURRENCY="1"), capture_output=True, text=True, timeout=10)
        self.assertEqual(64, done.returncode)
        self.assertIn("2 or more", done.stderr)


class RequestTest(unittest.TestCase):

    def test_reads_the_kwargs_the_java_side_sends(self):
        request = ParseRequest.from_task("job-9", {
            "file": {"uri": "file:///a.csv", "sha256": "ab", "size": 10, "mime": "text/csv",
                     "format": "csv", "filename": "a.csv"},
            "tenantId": "t1", "templateId": None, "templateVersion": None,
            "templates": [{"id": 5, "version": 2, "layout": "x", "columns": ["a"],
                           "format": "CSV"}],
            "output": {"recordsUri": "file:///out/records.ndjson"},
            "options": {"priority": 3}, "attempt": 2})
        self.assertEqual(("job-9", "CSV", 10, "file:///out/records.ndjson"),
                         (request.job_id, request.file.format, request.file.size,
                          request.records_uri))
        self.assertEqual("5", request.templates[0].id)
        self.assertEqual(("a",), request.templates[0].columns)

    def test_request_naming_an_invalid_tenant_is_a_bad_file(self):
        kwargs = {"file": {"uri": "file:///a"}, "output": {"recordsUri": "file:///o"}}
        self.assertEqual("acme", ParseRequest.from_task("j", {**kwargs, "tenantId": "acme"})
                         .tenant_id)
        with self.assertRaises(BadFile):
            ParseRequest.from_task("j", {**kwargs, "tenantId": "../other"})

    def test_request_without_file_or_output_is_a_bad_file(self):
        with self.assertRaises(BadFile):
            ParseRequest.from_task("j", {"output": {"recordsUri": "file:///o"}})
        with self.assertRaises(BadFile):
            ParseRequest.from_task("j", {"file": {"uri": "file:///a"}})


class TestHooksTest(unittest.TestCase):

    HOOKS = Settings(test_hooks=True)

    def test_hooks_are_ignored_unless_enabled(self):
        simulate_failure({"simulate": "retryable_failure"}, Settings())
        simulate_failure({"simulate": "bad_file"}, Settings())
        self.assertEqual(0.0, simulated_pause({"simulate": "slow"}, Settings()))

    def test_simulated_failures(self):
        with self.assertRaises(StorageUnavailable) as raised:
            simulate_failure({"simulate": "retryable_failure"}, self.HOOKS)
        self.assertEqual("simulated", str(raised.exception))
        with self.assertRaises(BadFile):
            simulate_failure({"simulate": "bad_file"}, self.HOOKS)

    def test_slow_pauses_one_second_unless_told_otherwise(self):
        self.assertEqual(1.0, simulated_pause({"simulate": "slow"}, self.HOOKS))
        self.assertEqual(0.2, simulated_pause({"simulate": "slow", "slowSeconds": 0.2},
                                              self.HOOKS))

    def test_hooks_are_enabled_by_env(self):
        self.assertTrue(Settings.from_env({"PARSER_TEST_HOOKS": "1"}).test_hooks)
        self.assertFalse(Settings.from_env({"PARSER_TEST_HOOKS": "yes"}).test_hooks)

    def test_threshold_from_env_with_a_safe_default(self):
        self.assertEqual(0.75, Settings.from_env({"PARSER_MAPPING_THRESHOLD": "0.75"})
                         .mapping_threshold)
        with self.assertLogs("parser_worker.settings", "WARNING"):
            self.assertEqual(0.6, Settings.from_env({"PARSER_MAPPING_THRESHOLD": "high"})
                             .mapping_threshold)


if __name__ == "__main__":
    unittest.main()
