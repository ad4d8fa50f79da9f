"""Reads a Prometheus text exposition on stdin with the Prometheus project's own Python parser
(Debian's python3-prometheus-client) and prints its metric families as JSON. A format error fails
here, as it would fail a scraper."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def number(value):
    return value if math.isfinite(value) else str(value)


families = [
    {
        "name": family.name,
        "type": family.type,
        "help": family.documentation,
        "samples": [{"name": s.name, "labels": s.labels, "value": number(s.value)}
                    for s in family.samples],
    }
    for family in text_string_to_metric_families(sys.stdin.read())
]
json.dump(families, sys.stdout)
