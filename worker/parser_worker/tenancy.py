"""The rule every tenant id keeps, as the API's ``io.fileparser.tenancy.TenantId`` states it.

1 to 64 ASCII letters, digits, dots, underscores and dashes, starting with a letter or a digit,
so a tenant id is always one safe path or object key segment. The tenants table checks the same
rule (``tenants_id_format``); this module is the worker's only copy of it.
"""

import re

_RULE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def is_valid_tenant_id(tenant_id):
    """Whether ``tenant_id`` keeps the rule; None and non-strings do not."""
    return isinstance(tenant_id, str) and _RULE.fullmatch(tenant_id) is not None

