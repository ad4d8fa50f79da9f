"""The parse request as the Java side sends it in the task's kwargs (README, "Task contract")."""

from dataclasses import dataclass, field

from parser_worker.errors import BadFile
from parser_worker.tenancy import is_valid_tenant_id


@dataclass(frozen=True)
class FileRef:
    uri: str
    sha256: str | None = None
    size: int | None = None
    mime: str | None = None
    format: str | None = None
    filename: str | None = None


@dataclass(frozen=True)
class Template:
    """A layout a tenant defined; ``columns`` are the column names it expects, in order."""

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
    templates: tuple = ()
    options: dict = field(default_factory=dict)

    @classmethod
    def from_task(cls, job_id, kwargs):
        """Reads the task kwargs; a request without file or output location, or naming a tenant
        by an id that breaks the tenant id rule, cannot run at all."""
        file = kwargs.get("file") or {}
        output = kwargs.get("output") or {}
        if not file.get("uri"):
            raise BadFile("the job was dispatched without a file location; upload the file again")
        if not output.get("recordsUri"):
            raise BadFile("the job was dispatched without an output location; submit the job again")
        tenant_id = kwargs.get("tenantId")
        if tenant_id is not None and not is_valid_tenant_id(tenant_id):
            raise BadFile("the job was dispatched with an invalid tenant id; submit the job again")
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
            templates=tuple(_template(t) for t in kwargs.get("templates") or ()
                            if t and t.get("id")),
            options=dict(kwargs.get("options") or {}),
        )


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
