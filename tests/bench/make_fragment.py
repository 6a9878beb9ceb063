#!/usr/bin/env python3
"""make_fragment.py N - print a fragment definition with N tables.

Each table has four columns (string, integer with a default, timestamp with
now, and a reference to the previous table), one index and one unique index.
Used by the benchmarks; the output is deterministic."""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
tables = []
for i in range(n):
    cols = [
        {"name": "title", "type": "string"},
        {"name": "rank", "type": "integer", "default": {"value": 0}},
        {"name": "createdAt", "type": "timestamp", "default": {"dbSpecial": "now"}},
    ]
    if i > 0:
        cols.append({"name": "prevId", "type": "reference", "references": f"t{i - 1}", "nullable": True})
    tables.append({
        "name": f"t{i}",
        "columns": cols,
        "indexes": [
            {"name": f"idx_t{i}_rank", "columns": ["rank"]},
            {"name": f"uidx_t{i}_title", "columns": ["title"], "unique": True},
        ],
    })
json.dump({"tables": tables}, sys.stdout)
