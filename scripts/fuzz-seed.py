#!/usr/bin/env python3
"""Seeds the fuzz corpora (fuzz/corpus/<target>/) from the shared vectors (vectors/*.json).

Segment and CSV texts, event lists, options (with the byte that picks their analysis, as
fuzz/targets/options.rs reads it) and segment rules become seeds of their targets; the
`columns` and `analyses` targets decode raw bytes, so their seeds are bytes derived from the
case names. Each seed is named by the SHA-1 of its content (libFuzzer's convention), so
re-running adds nothing twice. Usage: python3 scripts/fuzz-seed.py
"""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"

# The order of ANALYSES in fuzz/targets/options.rs.
ANALYSES = ["sessions", "engagement", "lifecycle", "engagement_score", "funnel", "retention",
            "journey_map", "pain_points", "cx_pyramid", "rfm", "engagement_tiers",
            "rule_segments", "overview"]


def camel(key):
    head, *rest = key.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def camel_keys(value):
    """Struct keys in camelCase (data maps are rare in the options of the vectors)."""
    if isinstance(value, dict):
        return {camel(k): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / hashlib.sha1(data).hexdigest()
    if not path.exists():
        path.write_bytes(data)
        return 1
    return 0


def rules(value):
    """Every `rule` string in an options object."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "rule" and isinstance(v, str):
                yield v
            else:
                yield from rules(v)
    elif isinstance(value, list):
        for v in value:
            yield from rules(v)


def main():
    added = {}
    for file in sorted((ROOT / "vectors").glob("*.json")):
        for case in json.loads(file.read_text())["cases"]:
            op, given = case["op"], case["input"]
            name = f"{file.name}:{case['name']}".encode()
            seeds = []
            if op in ("read_segment", "read_csv"):
                seeds.append((op[5:], given["text"]))
            if isinstance(given.get("segment"), str):
                seeds.append(("segment", given["segment"]))
            if isinstance(given.get("events"), list):
                seeds.append(("records", json.dumps(given["events"])))
            if op in ANALYSES and "options" in given:
                index = ANALYSES.index(op)
                options = given["options"]
                seeds.append(("options", bytes([index << 1]) + json.dumps(options).encode()))
                seeds.append(("options", bytes([index << 1 | 1]) + json.dumps(camel_keys(options)).encode()))
                seeds.extend(("predicate", r) for r in rules(options))
            seeds.append(("columns", hashlib.sha256(name).digest() * 2))
            # A first byte not divisible by 4: times around 2026 (see targets/analyses.rs).
            digest = hashlib.sha512(name).digest()
            seeds.append(("analyses", bytes([digest[0] | 1]) + digest[1:]))
            for target, data in seeds:
                added[target] = added.get(target, 0) + add(target, data)
    for target in sorted(added):
        print(f"fuzz-seed: {target}: {added[target]} new seeds")


if __name__ == "__main__":
    main()
