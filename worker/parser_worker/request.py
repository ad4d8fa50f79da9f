"""The parse request as the Java side sends it in the task's kwargs (README, "Task contract")."""

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from parser_worker.errors import BadFile, StorageUnavailable
from parser_worker.template_doc import TemplateError, compile_template
from parser_worker.tenancy import is_valid_tenant_id


@dataclass(frozen=True)
class FileRef:
    uri: str
    sha256: str | None = None
    size: int | None = None
    mime: str | None = None
    format: str | None = None
    filename: str | None = None


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Template:
    """A template in the older form, without a document: a layout name and the column names it
    expects, in order. Matched by ``classifier`` on names only."""

    id: str
    version: int | None
    layout: str | None
    columns: tuple
    format: str | None


@dataclass(frozen=True)
class ParseRequest:
    job_id: str
    file: FileRef
    records_uri: str
    tenant_id: str | None = None
    template_id: str | None = None
    template_version: int | None = None
    templates: tuple = ()  # older-form ``Template``s
    options: dict = field(default_factory=dict)
    template_specs: tuple = ()  # ``TemplateSpec``s of the templates sent with a document
    warnings: tuple = ()  # why templates were skipped


    @classmethod
    def from_task(cls, job_id, kwargs, documents=None):
        """Reads the task kwargs; a request without file or output location, or naming a tenant
        by an id that breaks the tenant id rule, cannot run at all. ``documents`` reads what the
        task names by key from the Redis the Java side stores it in (``get(key)``: the value or
        None; ``forget(key)``: removes a list whose documents are not all there, so that the next
        push stores both again): the list of published templates (``templateSet``) and each
        one's document (``documentKey``). None where the task can name none."""
        file = kwargs.get("file") or {}
        output = kwargs.get("output") or {}
        if not file.get("uri"):
            raise BadFile("the job was dispatched without a file location; upload the file again")
        if not output.get("recordsUri"):
            raise BadFile("the job was dispatched without an output location; submit the job again")
        tenant_id = kwargs.get("tenantId")
        if tenant_id is not None and not is_valid_tenant_id(tenant_id):
            raise BadFile("the job was dispatched with an invalid tenant id; submit the job again")
        raw_templates = [t for t in (kwargs.get("templates") or ()) if isinstance(t, dict)] \
            if isinstance(kwargs.get("templates"), list) else []
        specs, warnings = _template_specs(raw_templates, documents)
        set_key = kwargs.get("templateSet")
        if set_key:
            listed = _template_list(str(set_key), documents)
            try:
                listed_specs, listed_warnings = _template_specs(listed, documents)
            except StorageUnavailable:
                if documents is not None:
                    documents.forget(str(set_key))  # the next push stores the list and its documents
                raise
            specs, warnings = specs + listed_specs, warnings + listed_warnings
        return cls(
            job_id=str(job_id),
            file=FileRef(
                uri=file["uri"],
                sha256=file.get("sha256"),
                size=_int_or_none(file.get("size")),
                mime=file.get("mime"),
                format=(file.get("format") or None) and str(file["format"]).upper(),
                filename=file.get("filename"),
            ),
            records_uri=output["recordsUri"],
            tenant_id=tenant_id,
            template_id=_str_or_none(kwargs.get("templateId")),
            template_version=_int_or_none(kwargs.get("templateVersion")),
            templates=tuple(_template(t) for t in raw_templates
                            if "document" not in t and "documentKey" not in t
                            and t.get("id") is not None),
            options=dict(kwargs.get("options") or {}),
            template_specs=tuple(specs),
            warnings=tuple(warnings),
        )


def _template_specs(raw_templates, documents=None):
    """The templates sent with a document (``{"id", "version", "system", "document"}``) or
    naming one (``documentKey`` in place of ``document``); one that cannot be used is skipped
    with a warning, never failing the job. A named document that cannot be read fails the
    attempt as ``StorageUnavailable`` (retryable: the next dispatch stores it again)."""
    specs, warnings = [], []
    for raw in raw_templates:
        if "document" not in raw and "documentKey" not in raw:
            continue
        try:
            if raw.get("id") is None:
                raise TemplateError("the template has no id")
            if "document" in raw:
                specs.append(compile_template(raw["document"], template_id=str(raw["id"]),
                                              version=_int_or_none(raw.get("version")),
                                              system=raw.get("system") is True))
            else:
                specs.append(_named_template(raw, documents))
        except TemplateError as error:
            message = (f"template {raw.get('id')!r} version {raw.get('version')!r} was skipped: "
                       f"{error}")
            log.warning(message)
            warnings.append(message)
    return specs, warnings


class _KeptByKey:
    """What the Java side stores under an immutable key (a published version's document, kept
    compiled; a list of published versions), read once per process, not once per job. Bounded
    (least recently used go first); a document that does not compile is kept as its error."""

    def __init__(self, capacity=1024):
        self._capacity = capacity
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compile_from_store):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is None:
            try:
                entry = compile_from_store()
            except TemplateError as error:
                entry = error
            with self._lock:
                self._entries[key] = entry
                self._entries.move_to_end(key)
                while len(self._entries) > self._capacity:
                    self._entries.popitem(last=False)
        if isinstance(entry, TemplateError):
            raise entry
        return entry

    def clear(self):
        with self._lock:
            self._entries.clear()


COMPILED = _KeptByKey()
LISTS = _KeptByKey(capacity=256)  # the lists named by ``templateSet``, by key


def _stored(documents, what, key):
    """The value the Java side stored under ``key``; what cannot be read fails the attempt as
    ``StorageUnavailable`` (retryable: the next push stores it again)."""
    if documents is None:
        raise StorageUnavailable(f"{what} {key} cannot be read here")
    try:
        text = documents.get(key)
    except Exception as error:  # the store's own errors: connection, timeout, ...
        raise StorageUnavailable(f"{what} {key} could not be read: "
                                 f"{type(error).__name__}") from error
    if text is None:
        raise StorageUnavailable(f"{what} {key} is not in Redis; the job will be dispatched again")
    return text


def _template_list(set_key, documents):
    """The entries of the list of published templates the task names by key (immutable: the key
    is the hash of the list), read once per process; one that cannot be read fails the attempt as
    ``StorageUnavailable`` (retryable: the next push stores it again)."""
    def read():
        text = _stored(documents, "template list", set_key)
        try:
            entries = json.loads(text)
        except ValueError:
            entries = None
        if not isinstance(entries, list):
            documents.forget(set_key)
            raise StorageUnavailable(f"template list {set_key} is not a JSON list; "
                                     "the job will be dispatched again")
        return tuple(e for e in entries if isinstance(e, dict))
    return LISTS.get(set_key, read)


def _named_template(raw, documents):
    key = raw.get("documentKey")
    if not isinstance(key, str) or not key:
        raise TemplateError("the template names no document")
    template_id = str(raw["id"])
    version = _int_or_none(raw.get("version"))
    system = raw.get("system") is True

    def compile_from_store():
        text = _stored(documents, "template document", key)
        try:
            document = json.loads(text)
        except ValueError as error:
            raise TemplateError(f"the document under {key} is not JSON") from error
        return compile_template(document, template_id=template_id, version=version,
                                system=system)

    return COMPILED.get(key, compile_from_store)


def _template(raw):
    return Template(
        id=str(raw["id"]),
        version=_int_or_none(raw.get("version")),
        layout=raw.get("layout") or None,
        columns=tuple(str(c) for c in raw.get("columns") or ()),
        format=(raw.get("format") or None) and str(raw["format"]).upper(),
    )


def _int_or_none(value):
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _str_or_none(value):
    return None if value is None else str(value)
