"""`schema`: the JSON Schema of claims files (or, with --rules, of rules files)."""

from __future__ import annotations

import json

from nqpf_check.errors import EXIT_OK


def run_schema(rules: bool) -> int:
    """Print the schema generated from the format's declaration."""
    if rules:
        from nqpf_check.ruleset_format import rules_schema

        schema = rules_schema()
    else:
        from nqpf_check.claims.schema import claims_schema

        schema = claims_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK
