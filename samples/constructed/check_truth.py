#!/usr/bin/env python3
"""Re-verify the truth files of samples/constructed/ (independently of make_samples.py).

For every NAME.truth.json:
  * NAME exists and decodes in the encoding the truth states;
  * the cell keys are exactly those of the stated template (2019 or 2021; the Hubei row
    `other_active_docs` allowed), or, for a file listed in PARTIAL, a prefix of them in
    template order;
  * a null cell has a state ("blank" or "na") and only null cells have one;
  * the hard identities of format-spec §5 hold: section 3 row totals, the balance
    一+二 = （七）+四 per column, （七） = sum of the leaf result rows per column, and the
    three section 4 totals.  Blank and na cells count as 0.  An identity whose cells are
    not all present (a truncated file) is skipped.
Identities that a README note says are deliberately broken go in BROKEN (none so far).

    python3 samples/constructed/check_truth.py      # exit status 1 on any failure
"""

import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

PARTIAL = {"truncated-2021.txt"}
BROKEN = {}  # file -> set of check names, e.g. {"x.txt": {"s3_balance/total"}}

S3_COLS = ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org", "total"]
LEAVES_COMMON = [
    "disclosed", "partly_disclosed",
    "withheld_state_secret", "withheld_law", "withheld_security", "withheld_third_party",
    "withheld_internal", "withheld_process", "withheld_enforcement_file", "withheld_query",
    "unavailable_not_held", "unavailable_needs_making", "unavailable_unclear",
    "rejected_complaint", "rejected_repeat", "rejected_publication", "rejected_excessive",
    "rejected_confirmation",
]
LEAVES = {"2019": LEAVES_COMMON + ["other"],
          "2021": LEAVES_COMMON + ["other_no_correction", "other_unpaid_fee", "other_misc"]}
S4_ROWS = ["review", "suit_direct", "suit_after_review"]
S4_COLS = ["upheld", "corrected", "other", "pending", "total"]
S2 = {
    "2019": [("20.1", ["regulation", "normative_doc"], ["made", "published", "total_public"]),
             ("20.5", ["licensing", "other_service"], ["prev_year", "change", "decisions"]),
             ("20.6", ["penalty", "coercion"], ["prev_year", "change", "decisions"]),
             ("20.8", ["fees"], ["prev_year", "change"]),
             ("20.9", ["procurement"], ["projects", "amount"])],
    "2021": [("20.1", ["regulation", "normative_doc"], ["issued", "repealed", "in_force"]),
             ("20.5", ["licensing"], ["decisions"]),
             ("20.6", ["penalty", "coercion"], ["decisions"]),
             ("20.8", ["fees"], ["amount"])],
}


def template_keys(template, hubei):
    keys = []
    for item, rows, cols in S2[template]:
        if item == "20.1" and hubei:
            rows = rows + ["other_active_docs"]
        keys += [f"2/{item}/{r}/{c}" for r in rows for c in cols]
    rows3 = ["new", "carried_in"] + LEAVES[template] + ["results_total", "carried_out"]
    keys += [f"3/{r}/{c}" for r in rows3 for c in S3_COLS]
    keys += [f"4/{r}/{c}" for r in S4_ROWS for c in S4_COLS]
    return keys


def decode(path, encoding):
    data = open(path, "rb").read()
    if encoding == "utf-16le":
        assert data[:2] == b"\xff\xfe", "UTF-16LE file without BOM"
        return data[2:].decode("utf-16-le")
    if encoding == "gb18030":
        return data.decode("gb18030")
    return data.decode("utf-8-sig")


def check_file(tpath):
    errors, notes = [], []
    t = json.load(open(tpath, encoding="utf-8"))
    name = t["file"]
    meta, cells, states = t["meta"], t["cells"], t.get("states", {})
    decode(os.path.join(HERE, name), meta["encoding"])
    if meta["template"] is None:
        if cells:
            errors.append("not a report, yet cells are listed")
        return name, errors, notes
    want = template_keys(meta["template"], any("/other_active_docs/" in k for k in cells))
    got = list(cells)
    if name in PARTIAL:
        if got != want[: len(got)]:
            errors.append("cells are not a prefix of the template in template order")
    elif got != want:
        missing = [k for k in want if k not in cells]
        extra = [k for k in got if k not in want]
        errors.append(f"key set differs: missing {missing[:5]}, extra {extra[:5]}")
    for k, v in cells.items():
        if v is None and states.get(k) not in ("blank", "na"):
            errors.append(f"{k}: null without a blank/na state")
    for k in states:
        if cells.get(k, 0) is not None:
            errors.append(f"{k}: state given for a cell that holds a number")

    def val(k):
        return cells[k] or 0

    broken = BROKEN.get(name, set())
    n_checks = 0

    def check(nm, keys, ok_fn):
        nonlocal n_checks
        if not all(k in cells for k in keys):
            return
        n_checks += 1
        ok = ok_fn()
        if nm in broken:
            if ok:
                errors.append(f"{nm}: expected to be broken, but holds")
            else:
                notes.append(f"{nm}: broken on purpose")
        elif not ok:
            errors.append(f"{nm} fails")

    for k, v in cells.items():
        if k[0] in "34" and v is not None and (not isinstance(v, int) or v < 0):
            errors.append(f"{k}: {v!r} is not a non-negative integer")
    leaves = LEAVES[meta["template"]]
    rows3 = ["new", "carried_in"] + leaves + ["results_total", "carried_out"]
    for r in rows3:
        ks = [f"3/{r}/{c}" for c in S3_COLS]
        check(f"s3_row_total/{r}", ks, lambda ks=ks: sum(val(k) for k in ks[:6]) == val(ks[6]))
    for c in S3_COLS:
        ks = [f"3/{r}/{c}" for r in ("new", "carried_in", "results_total", "carried_out")]
        check(f"s3_balance/{c}", ks, lambda ks=ks: val(ks[0]) + val(ks[1]) == val(ks[2]) + val(ks[3]))
        ks = [f"3/{r}/{c}" for r in leaves] + [f"3/results_total/{c}"]
        check(f"s3_result_total/{c}", ks, lambda ks=ks: sum(val(k) for k in ks[:-1]) == val(ks[-1]))
    for r in S4_ROWS:
        ks = [f"4/{r}/{c}" for c in S4_COLS]
        check(f"s4_{r}_total", ks, lambda ks=ks: sum(val(k) for k in ks[:4]) == val(ks[4]))
    notes.append(f"{len(cells)} cells, {len(states)} blank/na, {n_checks} identities checked")
    return name, errors, notes


def main():
    failed = False
    paths = sorted(glob.glob(os.path.join(HERE, "*.truth.json")))
    if not paths:
        print("no truth files found")
        return 1
    for p in paths:
        try:
            name, errors, notes = check_file(p)
        except Exception as e:  # a broken truth file is a failure, not a crash
            name, errors, notes = os.path.basename(p), [f"{type(e).__name__}: {e}"], []
        status = "FAIL" if errors else "ok"
        failed |= bool(errors)
        print(f"{status:4} {name}: " + "; ".join(errors + notes))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
