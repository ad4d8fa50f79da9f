"""The Celery application of the parse workers: ``celery -A parser_worker.app worker``.

The settings below are part of the wire contract with the Java side (see README): JSON only,
late acks so a job whose worker dies is delivered again, one message prefetched per process so
priorities keep working, and Redis priority lists ``parser`` (priority 0, served first) and
``parser:1`` ... ``parser:9``.
"""

import logging
import os

from celery import Celery, signals
from kombu import Exchange, Queue

from parser_worker import gcs
from parser_worker.broker import BrokerSettings
from parser_worker.settings import Settings

QUEUE = "parser"

# Refuse to start on settings every task would refuse: an object-store endpoint in clear text to
# another host would send credentials and files in the clear (settings.py, gcs.py).
Settings.from_env()
gcs.check_endpoint(os.environ.get("PARSER_GCS_ENDPOINT"))
gcs.check_chunk_size(os.environ.get("PARSER_GCS_CHUNK_SIZE"))

# Address, credentials and TLS of broker and result backend, from the environment (broker.py).
_broker = BrokerSettings.from_env(os.environ).celery_settings()
app = Celery(
    "parser_worker",
    broker=_broker["broker_url"],
    backend=_broker["result_backend"],
    include=["parser_worker.tasks"],
)
app.conf.update(_broker)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_track_started=True,
    worker_send_task_events=True,
    task_send_sent_event=False,
    result_expires=86400,
    broker_transport_options={
        "priority_steps": list(range(10)),
        "sep": ":",
        "queue_order_strategy": "priority",
        "visibility_timeout": 3600,
    },
    task_default_queue=QUEUE,
    task_queues=(Queue(QUEUE, Exchange(QUEUE, type="direct"), routing_key=QUEUE),),
)


@signals.worker_ready.connect
def _say_where_the_store_is(**_):
    root = os.environ.get("PARSER_STORE_ROOT")
    if root:
        logging.getLogger(__name__).info("locations confined to the store at %s", root)
    else:
        logging.getLogger(__name__).warning(
            "PARSER_STORE_ROOT is not set: file and records locations are not confined to a "
            "store and a tenant (worker/start --store-root sets it)")
