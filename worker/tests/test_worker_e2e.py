"""A real worker, started with ``worker/run`` on Redis db 15, fed the way the Java side feeds it.

Messages are hand-built protocol-v2 envelopes LPUSHed onto the priority lists, exactly as
celery-contract.md section 1 describes, and states are followed on the
``celery-task-meta-<id>`` channel, as the Java side follows them.
"""

import base64
import json
import os
import signal
import subprocess
import tempfile
import time
import unittest
import uuid
import warnings
from pathlib import Path

import redis
from celery import Celery

from parser_worker.learning.registry import ModelRegistry
from parser_worker.settings import default_model_dir
from tests import samples
from tests.test_crypto import FIXTURES, SPEC, decrypted, plaintext

WORKER_DIR = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/15"
STATE_TIMEOUT = 30
STOP_TIMEOUT = 20


def envelope(task_id, args, kwargs, queue="parser", priority=0):
    """A task message in Celery protocol v2, as kombu's Redis transport stores it."""
    body = json.dumps([args, kwargs, {"callbacks": None, "errbacks": None, "chain": None,
                                      "chord": None}])
    return json.dumps({
        "body": base64.b64encode(body.encode("utf-8")).decode("ascii"),
        "content-encoding": "utf-8",
        "content-type": "application/json",
        "headers": {"lang": "py", "task": "parser.process_file", "id": task_id, "shadow": None,
                    "eta": None, "expires": None, "group": None, "group_index": None,
                    "retries": 0, "timelimit": [None, None], "root_id": task_id,
                    "parent_id": None, "argsrepr": repr(tuple(args)), "kwargsrepr": "{}",
                    "origin": "gen1234@javahost", "ignore_result": False},
        "properties": {"correlation_id": task_id, "reply_to": "", "delivery_mode": 2,
                       "delivery_info": {"exchange": "", "routing_key": queue},
                       "priority": priority, "body_encoding": "base64",
                       "delivery_tag": str(uuid.uuid4())},
    })


def priority_list(queue, priority):
    """The Redis list kombu serves ``priority`` from (priority_steps 0-9, sep ':')."""
    return queue if priority == 0 else f"{queue}:{priority}"


class WorkerEndToEndTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.redis = redis.Redis.from_url(REDIS_URL)
        cls.redis.ping()
        cls.keys_before = set(cls.redis.keys("_kombu.binding.*")) | set(cls.redis.keys("unacked*"))
        cls.task_ids = []
        cls.tmp = tempfile.TemporaryDirectory(prefix="parser-worker-e2e-")
        cls.dir = Path(cls.tmp.name)
        cls.log = open(cls.dir / "worker.log", "w+")
        env = dict(os.environ, PARSER_BROKER_URL=REDIS_URL, PARSER_RESULT_BACKEND=REDIS_URL,
                   PARSER_NODE_NAME=f"parser-test-{uuid.uuid4().hex[:8]}@%h",
                   PARSER_CONCURRENCY="2", PARSER_TEST_HOOKS="1", PARSER_LOG_LEVEL="INFO",
                   PARSER_WORK_DIR=str(cls.dir), PARSER_LOCAL_KEYS=SPEC,
                   PARSER_LOCAL_ACTIVE_KEY="k1")
        # The learned models are trained before the worker starts, as worker/start does.
        ModelRegistry(default_model_dir()).prepare()
        cls.worker = subprocess.Popen([str(WORKER_DIR / "run"), "--without-mingle"], env=env,
                                      stdout=cls.log, stderr=subprocess.STDOUT,
                                      start_new_session=True)

    @classmethod
    def tearDownClass(cls):
        cls.worker.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            cls.worker.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(cls.worker.pid, signal.SIGKILL)  # the group this test started
            cls.worker.wait()
        cls.log.close()
        for task_id in cls.task_ids:
            cls.redis.delete(f"celery-task-meta-{task_id}")
        created = (set(cls.redis.keys("_kombu.binding.*")) | set(cls.redis.keys("unacked*"))) \
            - cls.keys_before
        if created:
            cls.redis.delete(*created)
        cls.redis.close()
        cls.tmp.cleanup()

    def worker_log(self):
        self.log.flush()
        return (self.dir / "worker.log").read_text()[-4000:]

    def kwargs(self, name, text, **options):
        source = samples.write(self.dir, name, text)
        output = self.dir / "results" / uuid.uuid4().hex / "records.ndjson"
        return {"file": samples.file_ref(source), "tenantId": "tenant-a", "templateId": None,
                "templateVersion": None, "templates": [],
                "output": {"recordsUri": output.as_uri()}, "options": options}, output

    @staticmethod
    def records_of(output):
        """The records a worker wrote; encrypted, as the worker has the store's keys."""
        return [json.loads(line) for line in decrypted(output.read_bytes()).decode().splitlines()]

    def states_of(self, task_id, push):
        """Subscribes to the task's channel, runs ``push``, returns the states up to a final one."""
        self.task_ids.append(task_id)
        pubsub = self.redis.pubsub()
        pubsub.subscribe(f"celery-task-meta-{task_id}")
        try:
            push()
            states, deadline = [], time.monotonic() + STATE_TIMEOUT
            while time.monotonic() < deadline:
                message = pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    self.assertIsNone(self.worker.poll(), "worker exited:\n" + self.worker_log())
                    continue
                states.append(json.loads(message["data"]))
                if states[-1]["status"] in ("SUCCESS", "FAILURE"):
                    return states
            self.fail(f"no final state within {STATE_TIMEOUT} s; got {states}\n"
                      + self.worker_log())
        finally:
            pubsub.close()

    def push(self, task_id, job_id, kwargs, priority=0):
        key = priority_list("parser", priority)
        return lambda: self.redis.lpush(key, envelope(task_id, [job_id], kwargs,
                                                      priority=priority))

    def test_hand_built_message_is_parsed_with_progress_then_success(self):
        task_id = str(uuid.uuid4())
        kwargs, output = self.kwargs("invoices.csv", samples.INVOICES)
        states = self.states_of(task_id, self.push(task_id, "job-e2e-1", kwargs))

        statuses = [state["status"] for state in states]
        self.assertEqual("SUCCESS", statuses[-1], states)
        self.assertIn("PROGRESS", statuses)
        self.assertLess(statuses.index("PROGRESS"), statuses.index("SUCCESS"))
        steps = [s["result"]["step"] for s in states if s["status"] == "PROGRESS"]
        self.assertEqual(["reading", "detecting", "parsing", "classifying", "writing"],
                         sorted(set(steps), key=steps.index))
        percents = [s["result"]["percent"] for s in states if s["status"] == "PROGRESS"]
        self.assertEqual(percents, sorted(percents))
        result = states[-1]["result"]
        self.assertEqual(4, result["recordCount"])
        self.assertEqual(output.as_uri(), result["recordsUri"])
        self.assertEqual("generic-csv", result["classification"]["layout"])
        records = self.records_of(output)
        self.assertEqual({"invoice": "INV-001", "customer": "Acme Corp", "amount": 120.5,
                          "date": "2026-01-05", "paid": True}, records[0])
        stored = json.loads(self.redis.get(f"celery-task-meta-{task_id}"))
        self.assertEqual("SUCCESS", stored["status"])
        self.assertGreater(self.redis.ttl(f"celery-task-meta-{task_id}"), 86000)

    def test_message_on_a_priority_list_is_served(self):
        task_id = str(uuid.uuid4())
        kwargs, output = self.kwargs("Master.csv", samples.asterisk_master())
        kwargs["file"]["format"] = "CDR"
        states = self.states_of(task_id, self.push(task_id, "job-e2e-2", kwargs, priority=5))

        self.assertEqual("SUCCESS", states[-1]["status"], states)
        self.assertEqual("asterisk-master-csv", states[-1]["result"]["classification"]["layout"])
        self.assertEqual(5, len(self.records_of(output)))
        self.assertEqual(0, self.redis.llen("parser:5"))

    def test_upload_encrypted_by_the_api_is_read(self):
        task_id = str(uuid.uuid4())
        kwargs, output = self.kwargs("plain.csv", plaintext(2500))
        stored = samples.write(self.dir, "stored.fpe", (FIXTURES / "java-2500-bytes.fpe")
                               .read_bytes())
        kwargs["file"]["uri"] = stored.as_uri()
        states = self.states_of(task_id, self.push(task_id, "job-e2e-7", kwargs))

        self.assertEqual("SUCCESS", states[-1]["status"], states)
        self.assertEqual({"id": 0, "name": "Customer 0", "amount": 0.5},
                         self.records_of(output)[0])

    def test_bad_file_fails_with_its_category_as_exception_type(self):
        task_id = str(uuid.uuid4())
        kwargs, _ = self.kwargs("bad.csv", samples.INVOICES, simulate="bad_file")
        states = self.states_of(task_id, self.push(task_id, "job-e2e-3", kwargs))

        failure = states[-1]
        self.assertEqual("FAILURE", failure["status"])
        self.assertEqual("BadFile", failure["result"]["exc_type"])
        self.assertEqual("parser_worker.errors", failure["result"]["exc_module"])
        self.assertIn("upload a different file", failure["result"]["exc_message"][0])

    def test_storage_failure_is_reported_as_storage_unavailable(self):
        task_id = str(uuid.uuid4())
        kwargs, _ = self.kwargs("retry.csv", samples.INVOICES, simulate="retryable_failure")
        states = self.states_of(task_id, self.push(task_id, "job-e2e-4", kwargs))

        self.assertEqual(("FAILURE", "StorageUnavailable", ["simulated"]),
                         (states[-1]["status"], states[-1]["result"]["exc_type"],
                          states[-1]["result"]["exc_message"]))

    def test_slow_hook_keeps_the_job_visibly_running(self):
        task_id = str(uuid.uuid4())
        kwargs, _ = self.kwargs("slow.csv", samples.INVOICES, simulate="slow", slowSeconds=0.3)
        started = time.monotonic()
        states = self.states_of(task_id, self.push(task_id, "job-e2e-6", kwargs))

        self.assertEqual("SUCCESS", states[-1]["status"])
        self.assertGreaterEqual(time.monotonic() - started, 5 * 0.3)
        self.assertEqual("STARTED", states[0]["status"])

    def test_python_client_send_task_reaches_the_worker_too(self):
        warnings.filterwarnings("ignore", "SelectableGroups", DeprecationWarning)  # celery 5.2
        client = Celery("client", broker=REDIS_URL, backend=REDIS_URL)
        client.conf.update(task_serializer="json", broker_transport_options={
            "priority_steps": list(range(10)), "sep": ":", "queue_order_strategy": "priority"})
        task_id = str(uuid.uuid4())
        kwargs, output = self.kwargs("invoices2.csv", samples.INVOICES)
        try:
            states = self.states_of(task_id, lambda: client.send_task(
                "parser.process_file", args=["job-e2e-5"], kwargs=kwargs, queue="parser",
                priority=2, task_id=task_id))
        finally:
            client.close()

        self.assertEqual("SUCCESS", states[-1]["status"], states)
        self.assertEqual(4, len(self.records_of(output)))


if __name__ == "__main__":
    unittest.main()
