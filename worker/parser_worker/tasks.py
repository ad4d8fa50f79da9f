"""The tasks the Java side calls: ``parser.process_file`` parses a job's file,
``parser.retrain_model`` teaches a tenant's field model its approved mappings,
``parser.suggest_fields`` ranks fields for columns a person is about to map and
``parser.backtest_template`` compares a draft template version with the current one on files
the current one read."""

import time

from celery.utils.log import get_task_logger

from parser_worker import backtest, learned, locations, pipeline
from parser_worker.app import app
from parser_worker.errors import BadFile, StorageUnavailable
from parser_worker.progress import ProgressReporter
from parser_worker.request import ParseRequest
from parser_worker.settings import Settings

log = get_task_logger(__name__)

DEFAULT_SLOW_SECONDS = 1.0


@app.task(bind=True, name="parser.process_file")
def process_file(self, job_id, **kwargs):
    """Parses the job's file, reporting PROGRESS states; returns the result dict (see README)."""
    settings = Settings.from_env()
    request = ParseRequest.from_task(job_id, kwargs, documents=_template_documents(self))
    locations.check(request, _store_root(settings))
    progress = ProgressReporter(
        lambda meta: self.update_state(state="PROGRESS", meta=meta),
        pause=simulated_pause(request.options, settings))
    simulate_failure(request.options, settings)
    started = time.monotonic()
    log.info("job %s: parsing %s", request.job_id, request.file.uri)
    result = pipeline.run(request, progress, settings)
    log.info("job %s: %s records as %s (confidence %.2f, needs mapping: %s) in %.1f s",
             request.job_id, result["recordCount"], result["classification"]["layout"],
             result["classification"]["confidence"], result["needsMapping"],
             time.monotonic() - started)
    return result


class _TemplateStore:
    """What a task names by key (the list of published templates, their documents) in the Redis
    the results go to, which is the API's: the Java side stores them there before it pushes the
    task (docs/template-format.md, "What a worker receives")."""

    def __init__(self, client):
        self._client = client

    def get(self, key):
        return self._client.get(key)

    def forget(self, key):
        try:
            self._client.delete(key)
        except Exception:  # noqa: BLE001 - best effort; the attempt fails as retryable anyway
            log.warning("could not remove template list %s", key)


def _template_documents(task):
    return _TemplateStore(task.app.backend.client)


@app.task(bind=True, name="parser.retrain_model")
def retrain_model(self, tenant_id, **kwargs):
    """Learns the tenant's approved mappings (kwargs ``mappings``: ``header``, ``values``,
    ``field``, ``approvedAt``, ``jobId``); returns the new model version and how many it learned."""
    version, count = learned.registry(Settings.from_env()).retrain(
        str(tenant_id), list(kwargs.get("mappings") or []))
    log.info("tenant %s: field model %s from %d approved columns", tenant_id, version, count)
    return {"modelVersion": version, "approvedColumns": count}


@app.task(bind=True, name="parser.suggest_fields")
def suggest_fields(self, tenant_id, **kwargs):
    """Ranks the fields each column may hold (kwargs ``columns``: ``header``, ``values``) with the
    tenant's field model; the API waits for the answer a few seconds."""
    columns = kwargs.get("columns")
    return learned.suggest_columns(str(tenant_id), list(columns) if isinstance(columns, list)
                                   else [], Settings.from_env())


@app.task(bind=True, name="parser.backtest_template")
def backtest_template(self, tenant_id, **kwargs):
    """Reads the tenant's files (kwargs ``files``: ``jobId``, ``file``) with the ``current`` and
    the ``draft`` version (``id``, ``version``, ``document``) and returns what would change;
    the jobs and their results are not touched. A file outside the tenant's storage is refused."""
    settings = Settings.from_env()
    root = _store_root(settings)
    files = []
    for entry in kwargs.get("files") or []:
        if not isinstance(entry, dict):
            continue
        try:
            locations.check_file(str((entry.get("file") or {}).get("uri")), str(tenant_id), root)
        except BadFile as refused:
            files.append({"jobId": entry.get("jobId"), "refused": str(refused)})
            continue
        files.append(entry)
    started = time.monotonic()
    checked = [f for f in files if "refused" not in f]
    result = backtest.run(kwargs | {"files": checked}, settings)
    result["files"] += [{"jobId": f["jobId"], "error": f["refused"]}
                        for f in files if "refused" in f]
    result["totals"]["files"] = len(result["files"])
    log.info("tenant %s: back-test of template %s version %s on %d files in %.1f s", tenant_id,
             result["draft"]["id"], result["draft"]["version"], len(files),
             time.monotonic() - started)
    return result


def _store_root(settings):
    try:
        return locations.StoreRoot.parse(settings.store_root)
    except ValueError as error:
        raise StorageUnavailable(f"this worker's store root is unusable ({error}); the job will "
                                 "be retried once PARSER_STORE_ROOT is fixed") from error


def simulate_failure(options, settings):
    """Test hook (only with PARSER_TEST_HOOKS=1): fail the way ``options.simulate`` asks."""
    if not settings.test_hooks:
        return
    simulate = options.get("simulate")
    if simulate == "retryable_failure":
        raise StorageUnavailable("simulated")
    if simulate == "bad_file":
        raise BadFile("simulated: the file cannot be parsed; upload a different file")


def simulated_pause(options, settings):
    """Test hook (only with PARSER_TEST_HOOKS=1): seconds to sleep after each progress step."""
    if not settings.test_hooks or options.get("simulate") != "slow":
        return 0.0
    try:
        return max(float(options.get("slowSeconds", DEFAULT_SLOW_SECONDS)), 0.0)
    except (TypeError, ValueError):
        return DEFAULT_SLOW_SECONDS
