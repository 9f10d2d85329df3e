"""Generate the bundled full-scale city catalogue ``resources/catalogue/jinhua.json``.

The canonical matters (hand-written, ``resources/catalogue/canonical.json``) come first; then
synthetic matters of about 40 real Jinhua municipal departments with synthetic proof items, so
that the whole catalogue has the size and method split of the 2019 reform: 2,729 proof items, of
which 610 dropped, 420 by pledge, 677 by data query and 1,022 by department verification. Every
generated entry is marked ``synthetic: true``. The reading (pinyin) of every name is precomputed
so the application never loads pypinyin at start-up.

Deterministic: a fixed seed, no clock, sorted output — the same file byte for byte on every run
(a test checks it). Usage::

    python tools/gen_catalogue.py            # write resources/catalogue/jinhua.json
    python tools/gen_catalogue.py --check    # exit 1 if the committed file is out of date
    python tools/gen_catalogue.py --counties --output FILE  # the city and its nine counties (×10)

The ×10 catalogue (27,290 proof items: ``tools/gen_catalogue_counties.py``) is not bundled; the
search benchmark writes it when it runs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerkapp.core.catalogue_parse import FORMAT  # noqa: E402
from clerkapp.core.search import reading_of  # noqa: E402
from tools.gen_catalogue_data import (  # noqa: E402
    DATA_QUERY,
    DEPARTMENTS,
    DEPT_VERIFY,
    DROP_BASES,
    DROPPED,
    PLEDGE,
    PLEDGE_CONSEQUENCES,
    QUALIFIERS,
)
from tools.gen_catalogue_kinds import procedure_of  # noqa: E402

SEED = 20190223  # the day Jinhua announced the proof-free city
# 2026.11.2: related persons (关系人) and look-up subjects; 2026.12.0: format /2, every matter's
# kind of act (procedure) and, for the canonical ones, scope, validity, article and public code
VERSION = "2026.12.0"
ISSUED = "2026-11-27"
MAX_PROOFS = 10
TARGET = {"dropped": 610, "pledge": 420, "data_query": 677, "dept_verify": 1022}
CANONICAL = ROOT / "resources" / "catalogue" / "canonical.json"
OUTPUT = ROOT / "resources" / "catalogue" / "jinhua.json"
SOURCE = (
    "金华市证明事项清单（仿真）：典型事项取自 canonical.json（依据2019年《人民日报》报道整理）；"
    "其余事项和证明事项由 tools/gen_catalogue.py 按改革的规模与取消方式比例生成，"
    "标注 synthetic，仅供培训与测试使用。"
)


def generate() -> dict[str, Any]:
    """The full catalogue as a JSON-ready dict (deterministic)."""
    departments, matters, proofs = city_parts(SEED)
    for entry in [*departments, *matters, *proofs]:
        entry["pinyin"] = reading_of(entry["name"])
    return {
        "format": FORMAT,
        "version": VERSION,
        "issued": ISSUED,
        "source": SOURCE,
        "departments": departments,
        "matters": matters,
        "proofs": proofs,
    }


Parts = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]


def city_parts(seed: int) -> Parts:
    """The departments, matters and proof items of the city catalogue, drawn with ``seed`` (the
    bundled file: :data:`SEED`; a county's variant of it: another seed, see
    ``tools/gen_catalogue_counties.py``). Without readings."""
    rng = random.Random(seed)
    canonical = json.loads(CANONICAL.read_text(encoding="utf-8"))
    dept_names = {code: name for code, name, _, _ in DEPARTMENTS}
    departments = [
        {"code": code, "name": name, "office_abbr": abbr} for code, name, abbr, _ in DEPARTMENTS
    ]
    for dept in canonical["departments"]:
        assert dept_names.get(dept["code"]) == dept["name"], dept
    matters = list(canonical["matters"])
    proofs = list(canonical["proofs"])
    remaining = dict(TARGET)
    for proof in proofs:
        remaining[proof["method"]] -= 1
    bag = [method for method, count in sorted(remaining.items()) for _ in range(count)]
    rng.shuffle(bag)

    synthetic_matters = [
        (code, stem, kind, days, procedure_of(stem, licence_cycle=cycle, department=code))
        for code, _, _, stems in DEPARTMENTS
        for stem, kind, days, cycle in _expand(stems)
    ]
    counts = [1] * len(synthetic_matters)
    assert len(bag) <= MAX_PROOFS * len(counts), "too few matters for the proof items"
    for _ in range(len(bag) - len(counts)):
        while True:  # spread the rest, at most MAX_PROOFS per matter
            i = rng.randrange(len(counts))
            if counts[i] < MAX_PROOFS:
                counts[i] += 1
                break
    position = 0
    numbers: dict[str, int] = {}
    for (dept, stem, kind, days, procedure), count in zip(synthetic_matters, counts, strict=True):
        numbers[dept] = numbers.get(dept, 0) + 1
        code = f"{dept}.m{numbers[dept]:03d}"
        methods = bag[position : position + count]
        position += count
        names: set[str] = set()
        refs = []
        for k, method in enumerate(methods, start=1):
            proof = _proof(rng, f"{code}.p{k}", method, kind, dept_names[dept], names)
            proofs.append(proof)
            refs.append(proof["code"])
        matters.append(
            {
                "code": code,
                "name": stem,
                "department": dept,
                "applicant_kind": "business" if kind == "b" else "person",
                "legal_basis": f"{dept_names[dept]}权力事项清单（仿真数据，非正式依据）",
                "time_limit_days": days,
                "procedure": procedure,
                "proofs": refs,
                "synthetic": True,
            }
        )
    return departments, matters, proofs


def _expand(stems: list[tuple[str, str, int, str]]) -> list[tuple[str, str, int, bool]]:
    """Matter names from a department's stems: "L" stems get the licence life-cycle actions
    (the last element says the matter is one of them)."""
    out: list[tuple[str, str, int, bool]] = []
    for stem, kind, days, expand in stems:
        if expand == "L":
            actions = (("核发", days), ("变更", 0), ("延续", days), ("注销", 0), ("补办", 0))
            out += [(f"{stem}{a}", kind, d, True) for a, d in actions]
        else:
            out.append((stem, kind, days, False))
    return out


def _proof(
    rng: random.Random, code: str, method: str, kind: str, dept: str, taken: set[str]
) -> dict[str, Any]:
    """One synthetic proof item of ``method`` that fits the applicant kind, unique in its matter."""
    pool = {
        "dropped": DROPPED,
        "pledge": PLEDGE,
        "data_query": DATA_QUERY,
        "dept_verify": DEPT_VERIFY,
    }[method]
    fitting = [t for t in pool if t["kind"] in ("any", kind)]
    for _ in range(50):
        template = rng.choice(fitting)
        qualifier = rng.choice(QUALIFIERS[kind]) if template.get("q") else ""
        name = qualifier + template["name"]
        if name not in taken:
            break
    taken.add(name)
    # who used to issue a proof that is now pledged: the village/neighbourhood committee for a
    # person, the business itself for a business (dropped templates name their own issuer)
    issuer = template.get("issuer") or ("村（居）民委员会" if kind == "p" else "企业自行出具")
    template = _about(template, qualifier)
    proof: dict[str, Any] = {"code": code, "name": name, "issuer": issuer, "method": method}
    fallbacks: list[str] = []
    if method == "dropped":
        proof["drop"] = {"legal_basis": rng.choice(DROP_BASES)}
    elif method == "pledge":
        proof["pledge"] = _pledge(template["fact"], kind)
    elif method == "data_query":
        proof["query"] = template["query"]
        roll = rng.random()
        if roll < 0.7:
            fallbacks.append("dept_verify")
            proof["verify"] = _verify(rng, template)
        if 0.55 <= roll < 0.8 and template.get("fact"):
            fallbacks.append("pledge")
            proof["pledge"] = _pledge(template["fact"], kind)
    else:
        proof["verify"] = _verify(rng, template)
        if rng.random() < 0.25 and template.get("fact"):
            fallbacks.append("pledge")
            proof["pledge"] = _pledge(template["fact"], kind)
    if fallbacks:
        proof["fallbacks"] = fallbacks
    proof["synthetic"] = True
    return proof


def _about(template: dict[str, Any], qualifier: str) -> dict[str, Any]:
    """The template's question and pledged fact about the qualified person ("配偶无犯罪记录证明"
    asks about the applicant's spouse, not the applicant)."""
    if qualifier in ("", "申请人"):
        return template
    relative = (
        qualifier
        if qualifier.startswith(("企业", "法定", "主要", "股东", "项目", "专业"))
        else (f"申请人{qualifier}")
    )
    changed = dict(template)
    if "question" in changed:
        changed["question"] = changed["question"].replace("申请人", relative, 1)
    if changed.get("fact"):
        changed["fact"] = changed["fact"].replace("本人", f"本人{qualifier}", 1)
    return changed


def _verify(rng: random.Random, template: dict[str, Any]) -> dict[str, Any]:
    return {
        "department": template["verifier"],
        "question": template["question"],
        "expected_days": rng.choice([1, 1, 2, 2, 3, 3, 5, 7]),
    }


def _pledge(fact: str, kind: str) -> dict[str, str]:
    who = "本单位" if kind == "b" else "本人"
    return {
        "text": f"{who}郑重承诺：{fact}。以上承诺内容真实、准确、完整，{who}愿意接受事中事后核查。",
        "consequences": PLEDGE_CONSEQUENCES.replace("本人", who),
    }


def render(catalogue: dict[str, Any]) -> str:
    """The catalogue as text: one entry per line, so a diff shows what changed."""
    lines = ["{"]
    for key in ("format", "version", "issued", "source"):
        lines.append(f" {json.dumps(key)}: {json.dumps(catalogue[key], ensure_ascii=False)},")
    for n, key in enumerate(("departments", "matters", "proofs")):
        entries = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in catalogue[key]]
        lines.append(f' "{key}": [')
        lines.append(",\n".join(f"  {e}" for e in entries))
        lines.append(" ]" + ("," if n < 2 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the bundled catalogue."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--counties",
        action="store_true",
        help="the city and its nine counties (x10; needs --output)",
    )
    args = parser.parse_args(argv)
    if args.counties:
        if args.output == OUTPUT:
            parser.error("--counties writes a file of its own: name it with --output")
        from tools.gen_catalogue_counties import generate_counties

        text = render(generate_counties())
    else:
        text = render(generate())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python tools/gen_catalogue.py")
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
