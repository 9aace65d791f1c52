#!/usr/bin/env python3
"""Write the constructed sample reports of samples/constructed/ and their truth files.

Every report here is synthetic: built by us from the official 2019 and 2021 table
templates (shared/spec/format-spec.md), with invented organs, invented numbers and our own
neutral narrative text.  The script is deterministic (fixed seeds, no clock, no network):
running it twice gives byte-identical files.

    python3 samples/constructed/make_samples.py

For each report NAME.txt it writes NAME.truth.json in the corpus truth format, extended
with meta fields and a "states" map for cells printed blank or as a non-number ("na").
Section 3 and section 4 numbers satisfy all hard identities of format-spec §5 (blank and
na cells stand for zero there); check_truth.py re-verifies them.
"""

import itertools
import json
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Templates (labels exactly as format-spec §2 and §3; full-width punctuation)
# ---------------------------------------------------------------------------

S2_2019 = [
    ("20.1", "第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("regulation", "规章"), ("normative_doc", "规范性文件")], ["made", "published", "total_public"]),
    ("20.5", "第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("licensing", "行政许可"), ("other_service", "其他对外管理服务事项")], ["prev_year", "change", "decisions"]),
    ("20.6", "第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("penalty", "行政处罚"), ("coercion", "行政强制")], ["prev_year", "change", "decisions"]),
    ("20.8", "第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"],
     [("fees", "行政事业性收费")], ["prev_year", "change"]),
    ("20.9", "第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"],
     [("procurement", "政府集中采购")], ["projects", "amount"]),
]

S2_2021 = [
    ("20.1", "第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("regulation", "规章"), ("normative_doc", "行政规范性文件")], ["issued", "repealed", "in_force"]),
    ("20.5", "第二十条第（五）项", ["信息内容", "本年处理决定数量"],
     [("licensing", "行政许可")], ["decisions"]),
    ("20.6", "第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("penalty", "行政处罚"), ("coercion", "行政强制")], ["decisions"]),
    ("20.8", "第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"],
     [("fees", "行政事业性收费")], ["amount"]),
]

S3_COLS = ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org", "total"]
S3_COL_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
S3_CAPTION = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS = "三、本年度办理结果"
G3, G4, G5, G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

# (key, group label or None, own label); rows between new/carried_in and carried_out sit
# under the merged RESULTS cell.
S3_HEAD = [
    ("new", None, "一、本年新收政府信息公开申请数量"),
    ("carried_in", None, "二、上年结转政府信息公开申请数量"),
]
S3_RESULTS_A = [
    ("disclosed", None, "（一）予以公开"),
    ("partly_disclosed", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld_state_secret", G3, "1.属于国家秘密"),
    ("withheld_law", G3, "2.其他法律行政法规禁止公开"),
    ("withheld_security", G3, "3.危及“三安全一稳定”"),
    ("withheld_third_party", G3, "4.保护第三方合法权益"),
    ("withheld_internal", G3, "5.属于三类内部事务信息"),
    ("withheld_process", G3, "6.属于四类过程性信息"),
    ("withheld_enforcement_file", G3, "7.属于行政执法案卷"),
    ("withheld_query", G3, "8.属于行政查询事项"),
    ("unavailable_not_held", G4, "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_making", G4, "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", G4, "3.补正后申请内容仍不明确"),
    ("rejected_complaint", G5, "1.信访举报投诉类申请"),
    ("rejected_repeat", G5, "2.重复申请"),
    ("rejected_publication", G5, "3.要求提供公开出版物"),
    ("rejected_excessive", G5, "4.无正当理由大量反复申请"),
    ("rejected_confirmation", G5, "5.要求行政机关确认或重新出具已获取信息"),
]
S3_OTHER_2019 = [("other", None, "（六）其他处理")]
S3_OTHER_2021 = [
    ("other_no_correction", G6, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", G6, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", G6, "3.其他"),
]
S3_TAIL_RESULTS = [("results_total", None, "（七）总计")]
S3_TAIL = [("carried_out", None, "四、结转下年度继续办理")]


def s3_rows(template):
    other = S3_OTHER_2019 if template == "2019" else S3_OTHER_2021
    return S3_HEAD + S3_RESULTS_A + other + S3_TAIL_RESULTS + S3_TAIL


def s3_leaves(template):
    other = S3_OTHER_2019 if template == "2019" else S3_OTHER_2021
    return [r[0] for r in S3_RESULTS_A + other]


S4_ROWS = ["review", "suit_direct", "suit_after_review"]
S4_COLS = ["upheld", "corrected", "other", "pending", "total"]
S4_SUB = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

HEADINGS = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}

NA_TOKENS = {"/", "-", "—", "－", "无", "無"}


def s2_blocks(R):
    blocks = S2_2019 if R["template"] == "2019" else S2_2021
    out = []
    for item, cap, hdr, rows, cols in blocks:
        rows = list(rows)
        if item == "20.1" and R.get("hubei_extra_row"):
            rows.append(("other_active_docs", "其他主动公开文件"))
        out.append((item, cap, hdr, rows, cols))
    return out


def all_keys(R):
    """Every cell key of the report's template, in template order."""
    keys = []
    for item, _cap, _hdr, rows, cols in s2_blocks(R):
        for rk, _ in rows:
            for c in cols:
                keys.append(f"2/{item}/{rk}/{c}")
    for rk, _g, _l in s3_rows(R["template"]):
        for c in S3_COLS:
            keys.append(f"3/{rk}/{c}")
    for rk in S4_ROWS:
        for c in S4_COLS:
            keys.append(f"4/{rk}/{c}")
    return keys


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

ROW_WEIGHT = {
    "disclosed": 1.0, "partly_disclosed": 0.3,
    "withheld_state_secret": 0.02, "withheld_law": 0.05, "withheld_security": 0.02,
    "withheld_third_party": 0.03, "withheld_internal": 0.04, "withheld_process": 0.06,
    "withheld_enforcement_file": 0.04, "withheld_query": 0.12,
    "unavailable_not_held": 0.6, "unavailable_needs_making": 0.04, "unavailable_unclear": 0.03,
    "rejected_complaint": 0.08, "rejected_repeat": 0.05, "rejected_publication": 0.01,
    "rejected_excessive": 0.01, "rejected_confirmation": 0.02,
    "other": 0.15, "other_no_correction": 0.09, "other_unpaid_fee": 0.02, "other_misc": 0.12,
}
COL_WEIGHT = [1.0, 0.09, 0.02, 0.015, 0.05, 0.03]


def gen_s3(seed, template, scale):
    """Section 3 numbers that satisfy every hard identity of format-spec §5."""
    rng = random.Random(seed)
    v = {}
    leaves = s3_leaves(template)
    for rk in leaves:
        for ci, c in enumerate(S3_COLS[:6]):
            base = scale * ROW_WEIGHT[rk] * COL_WEIGHT[ci]
            x = base * rng.uniform(0.3, 1.7)
            v[(rk, c)] = int(x) if x >= 1 else (1 if rng.random() < x else 0)
    for c in S3_COLS[:6]:
        rt = sum(v[(rk, c)] for rk in leaves)
        v[("results_total", c)] = rt
        ci_ = int(rt * rng.uniform(0.0, 0.08))
        co = int(rt * rng.uniform(0.0, 0.1))
        if rt and rng.random() < 0.3:
            co += 1
        v[("carried_in", c)] = ci_
        v[("carried_out", c)] = co
        v[("new", c)] = rt + co - ci_
    for rk, _g, _l in s3_rows(template):
        v[(rk, "total")] = sum(v[(rk, c)] for c in S3_COLS[:6])
    return {f"3/{rk}/{c}": n for (rk, c), n in v.items()}


def s4(vals):
    """vals: three 4-tuples (upheld, corrected, other, pending); totals are added."""
    out = {}
    for rk, quad in zip(S4_ROWS, vals):
        for c, n in zip(S4_COLS, list(quad) + [sum(quad)]):
            out[f"4/{rk}/{c}"] = n
    return out


def s2(R, table):
    """table: {item: {row: [values in column order]}} -> {key: value}"""
    out = {}
    for item, _cap, _hdr, rows, cols in s2_blocks(R):
        for rk, _ in rows:
            for c, n in zip(cols, table[item][rk]):
                out[f"2/{item}/{rk}/{c}"] = n
    return out


# ---------------------------------------------------------------------------
# Raw cell text and truth
# ---------------------------------------------------------------------------

UNIT_SUFFIXES = ["万元", "萬元", "元", "件", "项", "項", "个", "個"]


def parse_raw(raw):
    """(value, state) of a printed cell, by format-spec §6.  Used to assert that what we
    print really means what the truth file says."""
    s = unicodedata.normalize("NFKC", raw).strip(" \t\u00a0\u3000")
    if s == "":
        return None, "blank"
    if s in NA_TOKENS:
        return None, "na"
    for u in UNIT_SUFFIXES:
        if s.endswith(u):
            s = s[: -len(u)]
            break
    n = float(s)
    return (int(n) if n == int(n) and "." not in s else n), "number"


def cell_text(R, key):
    if key in R["raw"]:
        return R["raw"][key]
    n = R["vals"][key]
    return str(n)


def truth(R, present_keys=None):
    cells, states = {}, {}
    for key in all_keys(R):
        if present_keys is not None and key not in present_keys:
            continue
        raw = cell_text(R, key)
        val, state = parse_raw(raw)
        want = R["vals"][key]
        if state == "number":
            assert val == want, (R["name"], key, raw, want)
            cells[key] = want
        else:
            assert want == 0, (R["name"], key, "blank/na cells must stand for 0")
            cells[key] = None
            states[key] = state
    y, m, d = R["date"] if R.get("date") else (None, None, None)
    meta = {
        "year": R["year"],
        "template": R["template"],
        "organ": R["organ"],
        "issuer": R.get("issuer"),
        "report_date": f"{y:04d}-{m:02d}-{d:02d}" if y else None,
        "encoding": R["encoding"],
        "layout": R["layout"],
    }
    return {"file": R["name"], "meta": meta, "cells": cells, "states": states}


# ---------------------------------------------------------------------------
# Narrative text (ours, neutral)
# ---------------------------------------------------------------------------

def narrative(R):
    v = R["vals"]
    y, me = R["year"], R["self"]
    new, cin = v["3/new/total"], v["3/carried_in/total"]
    rt, cout = v["3/results_total/total"], v["3/carried_out/total"]
    sec1 = [
        f"{y}年，{me}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕年度重点工作推进政务公开，各项工作有序开展。",
        "（一）主动公开",
        f"全年通过政府信息公开专栏主动公开各类政府信息{R['active']}条，内容涵盖机构职能、政策文件、财政资金和重点工作进展等。",
        "（二）依申请公开",
        f"全年新收政府信息公开申请{new}件，上年结转{cin}件，办结{rt}件，结转下年度继续办理{cout}件，均在法定期限内答复。",
        "（三）政府信息管理",
        "严格落实公开前保密审查制度，定期清理已公开信息，对不再适用的内容及时标注或撤下。",
        "（四）政府信息公开平台建设",
        "持续维护政府网站信息公开栏目，优化栏目设置，方便公众查找和获取信息。",
        "（五）监督保障",
        "将政务公开工作纳入年度工作计划，明确专人负责，定期开展自查并整改发现的问题。",
    ]
    sec5 = [
        "一是公开内容的深度和广度仍需提升；二是工作人员的业务水平有待加强。",
        "下一步将加强业务培训，完善工作制度，进一步提高政府信息公开工作质量。",
    ]
    if R["template"] == "2021":
        sec6 = ["本年度未收取信息处理费，无其他需要报告的事项。"]
    else:
        sec6 = ["无其他需要报告的事项。"]
    return {1: sec1, 5: sec5, 6: sec6}


def preamble(R):
    return ("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和政府信息公开工作年度报告格式的要求，"
            f"编制本报告。{R['period']}如对本报告有疑问，请与{R['contact']}联系。")


def heading(R, n):
    return R.get("headings", {}).get(n, HEADINGS[n])


def lab(R, text):
    return R.get("labels", {}).get(text, text)


# ---------------------------------------------------------------------------
# Table grids (HTML-like: cells with rowspan / colspan)
# ---------------------------------------------------------------------------

def C(text, rs=1, cs=1, key=None):
    return {"text": text, "rs": rs, "cs": cs, "key": key}


def grid_t2(R):
    """TABLE 2 as one grid per block: caption row, header row, data rows (4 columns)."""
    blocks = []
    for item, cap, hdr, rows, cols in s2_blocks(R):
        g = [[C(lab(R, cap), cs=4)]]
        if len(cols) == 1:  # 2021 (五)(六)(八): one value cell spanning three columns
            g.append([C(lab(R, hdr[0])), C(lab(R, hdr[1]), cs=3)])
        else:
            g.append([C(lab(R, h)) for h in hdr])
        for rk, rl in rows:
            row = [C(lab(R, rl))]
            for c in cols:
                key = f"2/{item}/{rk}/{c}"
                row.append(C(cell_text(R, key), cs=3 if len(cols) == 1 else 1, key=key))
            g.append(row)
        blocks.append(g)
    return blocks


def grid_t3(R):
    t = R["template"]
    g = [
        [C(lab(R, S3_CAPTION), rs=3, cs=3), C(lab(R, "申请人情况"), cs=7)],
        [C(lab(R, "自然人"), rs=2), C(lab(R, "法人或其他组织"), cs=5), C(lab(R, "总计"), rs=2)],
        [C(lab(R, x)) for x in S3_COL_LABELS[1:6]],
    ]
    rows = s3_rows(t)
    n_results = len(rows) - 3
    seen_groups = set()
    for i, (rk, grp, label) in enumerate(rows):
        vals = [C(cell_text(R, f"3/{rk}/{c}"), key=f"3/{rk}/{c}") for c in S3_COLS]
        if rk in ("new", "carried_in", "carried_out"):
            row = [C(lab(R, label), cs=3)]
        else:
            row = []
            if rk == "disclosed":
                row.append(C(lab(R, RESULTS), rs=n_results))
            if grp is None:
                row.append(C(lab(R, label), cs=2))
            else:
                if grp not in seen_groups:
                    seen_groups.add(grp)
                    size = sum(1 for r in rows if r[1] == grp)
                    row.append(C(lab(R, grp), rs=size))
                row.append(C(lab(R, label)))
        g.append(row + vals)
    return g


def grid_t4(R):
    g = [
        [C(lab(R, "行政复议"), cs=5), C(lab(R, "行政诉讼"), cs=10)],
        [C(lab(R, x), rs=2) for x in S4_SUB]
        + [C(lab(R, "未经复议直接起诉"), cs=5), C(lab(R, "复议后起诉"), cs=5)],
        [C(lab(R, x)) for x in S4_SUB * 2],
        [C(cell_text(R, f"4/{rk}/{c}"), key=f"4/{rk}/{c}") for rk in S4_ROWS for c in S4_COLS],
    ]
    return g


def expand_t3_fill(grid):
    """HTML text extraction as in samples/dongxin-2020.txt: colspans collapsed, and a
    continuation of a merged cell written as one empty cell whatever its width."""
    out = []
    cover = []  # list of [start_col, width, rows_left]
    for row in grid:
        cells, col, i = [], 0, 0
        while i < len(row) or any(c[0] >= col and c[2] > 0 for c in cover):
            hit = next((c for c in cover if c[0] == col and c[2] > 0), None)
            if hit:
                hit[2] -= 1
                cells.append(C(""))
                col += hit[1]
                continue
            if i >= len(row):
                col += 1
                continue
            cell = row[i]
            i += 1
            cells.append(cell)
            if cell["rs"] > 1:
                cover.append([col, cell["cs"], cell["rs"] - 1])
            col += cell["cs"]
        out.append(cells)
    return out


def expand_pad(grid, fill_rowspan=True):
    """Pipe renderings: every grid column gets a cell (colspans padded with empty cells,
    rowspan continuations written as empty cells when fill_rowspan)."""
    out = []
    cover = {}
    for row in grid:
        cells, col, i = [], 0, 0
        while i < len(row) or cover.get(col, 0) > 0:
            if cover.get(col, 0) > 0:
                cover[col] -= 1
                if fill_rowspan:
                    cells.append(C(""))
                col += 1
                continue
            cell = row[i]
            i += 1
            cells.append(cell)
            cells.extend(C("") for _ in range(cell["cs"] - 1))
            if cell["rs"] > 1:
                for k in range(col, col + cell["cs"]):
                    cover[k] = cell["rs"] - 1
            col += cell["cs"]
        out.append(cells)
    return out


def expand_once(grid):
    """Browser copy / text extraction: merged cells written once, nothing for continuations."""
    return [list(row) for row in grid]


# ---------------------------------------------------------------------------
# Layout renderers.  Each returns the document as a list of lines (no line ends).
# ---------------------------------------------------------------------------

def doc_parts(R):
    """The report in reading order: ('line', text) | ('para', text) | ('heading', n) |
    ('table', n) | ('sign', None)."""
    nar = narrative(R)
    parts = [("title", line) for line in R["title_lines"]]
    parts.append(("para", preamble(R)))
    parts.append(("heading", 1))
    parts += [("para", p) for p in nar[1]]
    for n in (2, 3, 4):
        parts.append(("heading", n))
        parts.append(("table", n))
    for n in (5, 6):
        parts.append(("heading", n))
        parts += [("para", p) for p in nar[n]]
    parts.append(("sign", None))
    return parts


def sign_lines(R):
    return [R["issuer"], R["date_text"]]


def render_tab_cells(R, stop_after=None):
    """Layout of samples/dongxin-2020.txt: every cell on its own line after a TAB, a blank
    line after every table row, empty TAB lines for merged cells, wrapped header text
    continuing on an untabbed line."""
    lines = []
    stopped = False

    def emit_rows(rows):
        nonlocal stopped
        for row in rows:
            for cell in row:
                lines.append("\t" + cell["text"])
                if stop_after and cell.get("key") == stop_after:
                    stopped = True
                    return
            lines.append("")

    for kind, x in doc_parts(R):
        if stopped:
            break
        if kind == "title":
            lines.append(x)
        elif kind == "para":
            lines.append(x)
            lines.append("")
        elif kind == "heading":
            if lines and lines[-1] == "":
                lines.pop()
            lines.append(heading(R, x))
        elif kind == "table":
            if x == 2:
                for g in grid_t2(R):
                    emit_rows(expand_t3_fill(g))
                    if stopped:
                        break
            elif x == 3:
                emit_rows(expand_t3_fill(grid_t3(R)))
            else:
                emit_rows(expand_t3_fill(grid_t4(R)))
            if not stopped:
                lines += ["", ""]
        elif kind == "sign":
            lines += sign_lines(R)
    return lines


def _cell_paragraphs(rows):
    out = []
    for row in rows:
        for cell in row:
            if cell["text"].strip(" \u00a0") == "" and cell.get("key") is None:
                continue
            assert cell["text"] != "", "blank value cells cannot be shown in this layout"
            out += cell["text"].split("\n")
    return out


def _table_paragraphs(R, n):
    if n == 2:
        out = []
        for g in grid_t2(R):
            out += _cell_paragraphs(expand_once(g))
        return out
    g = grid_t3(R) if n == 3 else grid_t4(R)
    return _cell_paragraphs(expand_once(g))


def render_blank_line(R):
    """Layout of corpus pages/010.txt and 013.txt: every cell and paragraph separated by one
    blank line; headings and narrative indented by two spaces."""
    paras = []
    for kind, x in doc_parts(R):
        if kind == "title":
            paras.append(x)
        elif kind == "para":
            paras.append("  " + x)
        elif kind == "heading":
            paras.append("  " + heading(R, x))
        elif kind == "table":
            paras += _table_paragraphs(R, x)
        elif kind == "sign":
            paras += sign_lines(R)
    lines = []
    for p in paras:
        lines += [p, ""]
    return lines


def render_newline(R):
    """One cell (or paragraph) per line, no blank lines at all."""
    lines = []
    for kind, x in doc_parts(R):
        if kind in ("title", "para"):
            lines.append(x)
        elif kind == "heading":
            lines.append(heading(R, x))
        elif kind == "table":
            if x == 3 and R.get("split_biz_header"):
                # header row 3 rendered as two text rows: 商业|科研|…|其他 then 企业|机构 (S13)
                paras = _table_paragraphs(R, 3)
                i = paras.index("商业企业")
                paras[i:i + 5] = ["商业", "科研", "社会公益组织", "法律服务机构", "其他", "企业", "机构"]
                lines += paras
            else:
                lines += _table_paragraphs(R, x)
        elif kind == "sign":
            lines += sign_lines(R)
    return lines


def _pipe_row(cells):
    parts = [(" " + c["text"] + " ") if c["text"] else " " for c in cells]
    return "|" + "|".join(parts) + "|"


def render_pipe(R):
    """Markdown-ish pipe rows `| 规章 | 0 | 0 | 3 |`: colspans padded with empty cells,
    rowspan continuations written as empty cells."""
    lines = []
    for kind, x in doc_parts(R):
        if kind in ("title", "para"):
            lines.append(x)
        elif kind == "heading":
            lines.append(heading(R, x))
        elif kind == "table":
            if x == 2:
                for g in grid_t2(R):
                    # 2019 (八)/(九) rows have no third value column and get no padding
                    lines += [_pipe_row(r) for r in expand_pad(g)]
            else:
                g = grid_t3(R) if x == 3 else grid_t4(R)
                lines += [_pipe_row(r) for r in expand_pad(g)]
        elif kind == "sign":
            lines += sign_lines(R)
    return lines


def _pipe001_row(cells):
    """corpus pages/001.txt style: `text |` for a cell, a run of empty cells as `||`."""
    toks, run = [], 0
    for c in cells:
        if c["text"]:
            if run:
                toks.append("|" * run)
                run = 0
            toks.append(c["text"] + " |")
        else:
            run += 1
    if run:
        toks.append("|" * run)
    return " ".join(toks)


def render_pipe_trad(R):
    """corpus pages/001.txt style pipe rows (no leading pipe), merged label cells written
    once (child rows start with the leaf label), colspans padded with empty cells."""
    lines = []
    for kind, x in doc_parts(R):
        if kind in ("title", "para"):
            lines.append(x)
        elif kind == "heading":
            lines.append(heading(R, x))
        elif kind == "table":
            if x == 2:
                for g in grid_t2(R):
                    lines += [_pipe001_row(r) for r in expand_pad(g, fill_rowspan=False)]
            else:
                g = grid_t3(R) if x == 3 else grid_t4(R)
                lines += [_pipe001_row(r) for r in expand_pad(g, fill_rowspan=False)]
        elif kind == "sign":
            lines += sign_lines(R)
    return lines


def render_pipe_cellperline(R):
    """corpus pages/002.txt style: one cell per line ending in ` |`, runs of empty cells as
    a line of pipes (`|||`).  R['split_cells'] maps a cell text to the lines it is printed
    on (a label wrapped over two lines)."""
    lines = []

    def cell_lines(rows):
        out = []
        for row in rows:
            run = 0
            for c in row:
                if not c["text"]:
                    run += 1
                    continue
                if run:
                    out.append("|" * run)
                    run = 0
                if c["text"] in R.get("split_cells", {}):
                    out += R["split_cells"][c["text"]]
                else:
                    out.append(c["text"] + " |")
            if run:
                out.append("|" * run)
        return out

    for kind, x in doc_parts(R):
        if kind in ("title", "para"):
            lines.append(x)
        elif kind == "heading":
            lines.append(heading(R, x))
        elif kind == "table":
            if x == 2:
                for g in grid_t2(R):
                    lines += cell_lines(expand_pad(g))
            else:
                g = grid_t3(R) if x == 3 else grid_t4(R)
                lines += cell_lines(expand_pad(g))
        elif kind == "sign":
            lines += sign_lines(R)
    return lines


def render_row_tabs(R):
    """Browser copy of HTML tables: one table row per line, cells separated by TAB, merged
    cells written once (only on their first row)."""
    lines = []
    for kind, x in doc_parts(R):
        if kind in ("title", "para"):
            lines.append(x)
        elif kind == "heading":
            lines.append(heading(R, x))
        elif kind == "table":
            if x == 2:
                for g in grid_t2(R):
                    lines += ["\t".join(c["text"] for c in r) for r in expand_once(g)]
            else:
                g = grid_t3(R) if x == 3 else grid_t4(R)
                lines += ["\t".join(c["text"] for c in r) for r in expand_once(g)]
            lines.append("")
        elif kind == "sign":
            lines += sign_lines(R)
    return lines


def render_glued(R):
    """Crawler text (like corpus pingtan/*.txt): a small header block, then the whole body on
    one line with every table cell glued to the next; a cell padded with U+00A0 keeps one
    ordinary space.  The signature follows on its own two lines."""
    body = []
    for kind, x in doc_parts(R):
        if kind == "title":
            body.append(x)
        elif kind == "para":
            body.append(x)
        elif kind == "heading":
            body.append(heading(R, x))
        elif kind == "table":
            body += [p.replace("\u00a0", " ") for p in _table_paragraphs(R, x)]
    header = [
        f"标题: {R['title_lines'][0]}",
        "发布时间: 2022-02-08 10:15",
        "发布机构: ",
        "==================== 正文 ====================",
    ]
    return header + ["".join(body)] + sign_lines(R)


# --- space-aligned (pdftotext -layout) ------------------------------------

def dw(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def place(items):
    """items: (column, text) pairs -> one line; keeps at least two spaces between items."""
    line = ""
    for col, text in items:
        w = dw(line)
        if line and col < w + 2:
            col = w + 2
        line += " " * (col - w) + text
    return line.rstrip()


def wrap_cjk(text, width):
    out, cur = [], ""
    i = 0
    while i < len(text):
        # keep ASCII runs (numbers) together
        j = i + 1
        if text[i].isascii():
            while j < len(text) and text[j].isascii():
                j += 1
        tok = text[i:j]
        # closing punctuation never starts a line (as in the PDF's own line breaking)
        if dw(cur) + dw(tok) > width and cur and tok not in "，。、；：）》”":
            out.append(cur)
            cur = ""
        cur += tok
        i = j
    if cur:
        out.append(cur)
    return out


def render_space_aligned(R):
    L = []
    page = [1]

    def page_break():
        L.append("")
        L.append(" " * 43 + f"-{page[0]}-")
        L.append("\f")
        page[0] += 1

    def para(text, indent=3, width=60):
        for i, ln in enumerate(wrap_cjk(text, width - indent)):
            L.append((" " * indent if i == 0 else "") + ln)

    nar = narrative(R)
    L += R["title_lines"]
    L += ["", ""]
    para(preamble(R))
    L.append("   " + heading(R, 1))
    for p in nar[1]:
        para(p)
    page_break()

    # TABLE 2
    L += ["", "     " + heading(R, 2)]
    vcols2 = [18, 35, 50]
    for bi, (item, cap, hdr, rows, cols) in enumerate(s2_blocks(R)):
        L.append(lab(R, cap))
        L += ["", ""]
        L.append(place([(0, lab(R, hdr[0]))] + [(vcols2[i], lab(R, h)) for i, h in enumerate(hdr[1:])]))
        L += ["", ""]
        for rk, rl in rows:
            vs = [cell_text(R, f"2/{item}/{rk}/{c}") for c in cols]
            L.append(place([(0, rl)] + [(vcols2[i] + 4 if len(cols) > 1 else vcols2[0], v)
                                        for i, v in enumerate(vs)]))
            L.append("")
        if bi == 1:
            L += ["", ""]
            page_break()
    L += ["", "", ""]

    # TABLE 3
    VC = [48, 58, 67, 76, 85, 94, 102]
    L.append("      " + heading(R, 3))
    L.append(place([(57, "申请人情况")]))
    L += ["", ""]
    L.append(place([(0, "（本列数据的勾稽关系为：第一项加第二项之和，"), (64, "法人或其他组织")]))
    L.append("等于第三项加第四项之和）")
    L.append(place([(VC[0] - 1, "自然人"), (VC[6], "总计")]))
    L.append(place([(VC[1], "商业企"), (VC[2], "科研机"), (VC[3], "社会公益"), (VC[4], "法律服务")]))
    L.append(place([(VC[5], "其他")]))
    L.append(place([(VC[1], "业"), (VC[2], "构"), (VC[3], "组织"), (VC[4], "机构")]))
    L += ["", ""]

    def nums(rk):
        return [(VC[i], cell_text(R, f"3/{rk}/{c}")) for i, c in enumerate(S3_COLS)]

    rows = s3_rows(R["template"])
    wraps = R["label_wraps"]  # label -> list of label pieces (numbers on the middle line)
    body = []  # lines of the result area, later decorated with the vertical RESULTS label
    group_pos = {}
    for grp in (G3, G4, G5, G6):
        members = [r[0] for r in rows if r[1] == grp]
        if members:
            group_pos[members[(len(members) - 1) // 2]] = grp
    for rk, grp, label in rows:
        if rk in ("new", "carried_in"):
            L.append(place([(0, label)] + nums(rk)))
            L.append("")
            continue
        if rk == "carried_out":
            continue
        indent = 6 if grp is None else 17
        pieces = wraps.get(label, [label])
        lines_ = []
        if len(pieces) == 1:
            lines_.append([(indent, pieces[0])] + nums(rk))
        elif len(pieces) == 2:
            lines_ += [[(indent, pieces[0])], [] + nums(rk), [(indent, pieces[1])]]
        else:
            lines_ += [[(indent, pieces[0])], [(indent, pieces[1])] + nums(rk), [(indent, pieces[2])]]
        tail = None
        if rk in group_pos:  # group label in two pieces, like huaian-2024: （三）不 / 予公开
            g = group_pos[rk]
            mid = len(lines_) // 2
            lines_[mid] = [(6, g[:4])] + lines_[mid]
            tail = [(6, g[4:])]
        for items in lines_:
            body.append(items)
        body.append(tail)  # blank separator (or the group label's second piece)
        if rk == R.get("page_break_after"):
            body.append("PAGE")
    # the merged RESULTS label, one character per line down the left edge
    chars = list("三、本年度办理结果")
    chars = ["三、"] + chars[2:]
    slots = [i for i, b in enumerate(body) if b != "PAGE"][3::2]
    for ch, i in zip(chars, slots):
        b = body[i]
        body[i] = [(0, ch)] + ([] if b is None else b)
    for b in body:
        if b == "PAGE":
            page_break()
        elif b is None:
            L.append("")
        else:
            L.append(place(b))
    L.append("")
    L.append(place([(0, "四、结转下年度继续办理")] + nums("carried_out")))
    L += ["", "", ""]

    # TABLE 4: vertical headers, 15 numbers on one line
    L.append("     " + heading(R, 4))
    L.append(place([(0, "行政复议"), (30, "行政诉讼")]))
    L += ["", ""]
    L.append(place([(20, "未经复议直接起诉"), (40, "复议后起诉")]))
    L.append("")
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for k in range(4):
        chunk = " ".join(h[k] if k < len(h) else "  " for h in heads)
        L.append("    ".join([chunk] * 3).rstrip())
    L += ["", ""]
    L.append(" ".join(cell_text(R, f"4/{rk}/{c}") for rk in S4_ROWS for c in S4_COLS))
    L += ["", "", ""]
    L.append("       " + heading(R, 5))
    for p in nar[5]:
        para(p, indent=7)
    page_break()
    L.append("      " + heading(R, 6))
    for p in nar[6]:
        para(p, indent=6)
    L += ["", ""]
    L.append(" " * 34 + R["issuer"])
    L.append(" " * 38 + R["date_text"])
    L += ["", "", ""]
    L.append(f"-{page[0]}-")
    # pdftotext puts the form feed at the start of the next page's first line
    return "\n".join(L).replace("\n\f\n", "\n\f").split("\n")


# ---------------------------------------------------------------------------
# Glued layout: the identities must pin down every split of a digit run
# ---------------------------------------------------------------------------

def splits(s, k):
    """All ways to cut the digit string s (spaces are forced cuts) into k numbers; leading
    zeros are allowed, so this over-counts rather than under-counts the candidates."""
    segs = s.split(" ")

    def rec(i, k_left, seg_idx):
        seg = segs[seg_idx]
        res = []
        last_seg = seg_idx == len(segs) - 1
        for j in range(i + 1, len(seg) + 1):
            head = int(seg[i:j])
            if j == len(seg):
                if last_seg:
                    if k_left == 1:
                        res.append([head])
                elif k_left > 1:
                    res += [[head] + t for t in rec(0, k_left - 1, seg_idx + 1)]
            elif k_left > 1:
                res += [[head] + t for t in rec(j, k_left - 1, seg_idx)]
        return res

    return rec(0, k, 0)


def glued_unique_s3(R):
    rows = [r[0] for r in s3_rows(R["template"])]
    leaves = s3_leaves(R["template"])
    cands = {}
    for rk in rows:
        run = "".join(cell_text(R, f"3/{rk}/{c}").replace("\u00a0", " ") for c in S3_COLS).strip()
        cs = [p for p in splits(run, 7) if sum(p[:6]) == p[6]]
        cands[rk] = cs
    multi = {rk: cs for rk, cs in cands.items() if len(cs) > 1}
    size = 1
    for cs in multi.values():
        size *= len(cs)
    if size > 200000 or any(not cs for cs in cands.values()):
        return -1, {k: len(v) for k, v in multi.items()}
    fixed = {rk: cs[0] for rk, cs in cands.items() if len(cs) == 1}
    sols = 0
    keys = list(multi)
    for combo in itertools.product(*[multi[k] for k in keys]):
        t = dict(fixed)
        t.update(zip(keys, combo))
        ok = all(
            t["new"][c] + t["carried_in"][c] == t["results_total"][c] + t["carried_out"][c]
            and t["results_total"][c] == sum(t[l][c] for l in leaves)
            for c in range(7)
        )
        sols += ok
    return sols, {k: len(v) for k, v in multi.items()}


def glued_unique_s4(R):
    run = "".join(cell_text(R, f"4/{rk}/{c}") for rk in S4_ROWS for c in S4_COLS)
    n = 0
    for p in splits(run, 15):
        if all(sum(p[i * 5:i * 5 + 4]) == p[i * 5 + 4] for i in range(3)):
            n += 1
    return n


# ---------------------------------------------------------------------------
# Traditional characters (hand-made map for the characters this file uses)
# ---------------------------------------------------------------------------

S2T_PHRASES = [("制作", "製作"), ("联系", "聯繫"), ("重复", "重複"), ("反复", "反覆"), ("“三安全一稳定”", "「三安全一穩定」")]
# Simplified -> Traditional for the characters traditional-2020.txt uses (checked once
# against OpenCC s2t; 制, 秘 left as they are, 為/眾/復/係 in their common forms).
S2T_CHARS = dict(zip(
    "与专业严为举于众优会体关内决况减划办务动区华发台后员围国处复实审对将属并广应开强当彻态总执护报据数无时机权条构标栏没注点"
    "环现监盖确称稳简类系纠纳组织经结绕继续维编网罚职联范获补规计认训议许讼设访诉询请负财责质购贯费资转过这进适采问项题额",
    "與專業嚴為舉於眾優會體關內決況減劃辦務動區華發臺後員圍國處復實審對將屬並廣應開強當徹態總執護報據數無時機權條構標欄沒註點"
    "環現監蓋確稱穩簡類係糾納組織經結繞繼續維編網罰職聯範獲補規計認訓議許訟設訪訴詢請負財責質購貫費資轉過這進適採問項題額",
))


def to_trad(text):
    for s, t in S2T_PHRASES:
        text = text.replace(s, t)
    return "".join(S2T_CHARS.get(ch, ch) for ch in text)


# ---------------------------------------------------------------------------
# The reports
# ---------------------------------------------------------------------------

def base(name, year, template, layout, encoding="utf-8"):
    return {"name": name, "year": year, "template": template, "layout": layout,
            "encoding": encoding, "raw": {}, "labels": {}, "headings": {}}


def pad_nbsp(R, keys_pattern):
    """Pad some section 3/4 cells with U+00A0 on either side, as dongxin-2020.txt does."""
    i = 0
    for key in all_keys(R):
        if key.startswith(keys_pattern) and key not in R["raw"]:
            n = R["vals"][key]
            R["raw"][key] = ("\u00a0" + str(n)) if i % 3 != 1 else (str(n) + "\u00a0")
            i += 1


def finish(R, s2table, s3vals, s4vals):
    R["vals"] = {}
    R["vals"].update(s2(R, s2table))
    R["vals"].update(s3vals)
    R["vals"].update(s4(s4vals))
    return R


def report_tab_cells_2021():
    R = base("tab-cells-2021.txt", 2021, "2021", "tab-cells")
    R.update(organ="青禾街道", issuer="临江区人民政府青禾街道办事处", date=(2022, 1, 20),
             date_text="2022年1月20日", self="本街道", active=236, contact="青禾街道党政办公室",
             title_lines=["2021年青禾街道政府信息公开工作年度报告"],
             period="本报告所列数据的统计期限为2021年1月1日至2021年12月31日。")
    R["labels"] = {"本年收费金额（单位：万元）": "本年收费金额（单位：\n万元）",
                   "本年处理决定数量": "本年处理\n决定数量"}
    R["headings"] = {1: "一、 总体情况"}
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [3, 1, 27]},
               "20.5": {"licensing": [15]}, "20.6": {"penalty": [42], "coercion": [3]},
               "20.8": {"fees": [3.6]}},
           gen_s3(101, "2021", 60), [(1, 1, 0, 1), (0, 0, 1, 0), (0, 0, 0, 0)])
    pad_nbsp(R, "3/")
    pad_nbsp(R, "4/")
    R["raw"]["2/20.8/fees/amount"] = "3.6"
    return R, render_tab_cells(R)


def report_blank_line_2019():
    R = base("blank-line-2019.txt", 2019, "2019", "blank-line-cells")
    R.update(organ="南湖区人民政府石桥街道办事处", issuer="南湖区人民政府石桥街道办事处",
             date=(2020, 1, 15), date_text="2020年1月15日", self="本街道", active=436,
             contact="石桥街道办事处综合办公室",
             title_lines=["南湖区人民政府石桥街道办事处2019年政府信息公开工作年度报告",
                          "发布时间: 2020-01-16 来源: 石桥街 浏览次数:-"],
             period="本年度报告中所列数据统计期限从2019年1月1日到12月31日止。")
    R["labels"] = {"采购总金额": "采购总金额（万元）"}
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [5, 5, 31]},
               "20.5": {"licensing": [21, 19, 40], "other_service": [112, -8, 1056]},
               "20.6": {"penalty": [12, 0, 105], "coercion": [3, 2, 7]},
               "20.8": {"fees": [4, 0]},
               "20.9": {"procurement": [6, 477.35]}},
           gen_s3(202, "2019", 150), [(2, 1, 0, 1), (1, 0, 0, 1), (0, 1, 0, 0)])
    R["raw"].update({"2/20.5/licensing/change": "+19", "2/20.5/other_service/change": "-8",
                     "2/20.6/coercion/change": "+2", "2/20.9/procurement/amount": "477.35"})
    lines = render_blank_line(R)
    return R, [ascii_punct(l) for l in lines]


def ascii_punct(s):
    """What the pages-corpus crawler did to punctuation (format-spec, text caveat)."""
    return s.translate(str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","}))


def report_newline_2021():
    R = base("newline-2021.txt", 2021, "2021", "newline-cells")
    R.update(organ="云溪县统计局", issuer="云溪县统计局", date=(2022, 1, 25),
             date_text="2022年1月25日", self="我局", active=97, contact="县统计局办公室",
             title_lines=["2021年云溪县统计局政府信息公开工作年度报告"],
             period="本报告中所列数据的统计时限为2021年1月1日至2021年12月31日。",
             split_biz_header=True)
    R["headings"] = {5: "五、政府信息公开工作存在的主要问题及改进情况"}
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [2, 0, 14]},
               "20.5": {"licensing": [0]}, "20.6": {"penalty": [7], "coercion": [0]},
               "20.8": {"fees": [0]}},
           gen_s3(303, "2021", 25), [(0, 1, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)])
    return R, render_newline(R)


def report_pipe_2021():
    R = base("pipe-2021.txt", 2021, "2021", "pipe")
    R.update(organ="柳岸镇", issuer="柳岸镇人民政府", date=(2022, 1, 18),
             date_text="2022年1月18日", self="本镇", active=152, contact="柳岸镇党政办公室",
             title_lines=["柳岸镇2021年政府信息公开工作年度报告"],
             period="本年报中所列数据的统计期限从2021年1月1日起至2021年12月31日止。")
    R["headings"] = {2: "二、行政机关主动公开政府信息情况"}
    s3v = gen_s3(404, "2021", 45)
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [4, 2, 38]},
               "20.5": {"licensing": [268]}, "20.6": {"penalty": [19], "coercion": [2]},
               "20.8": {"fees": [0]}},
           s3v, [(2, 0, 1, 0), (1, 0, 0, 1), (0, 0, 0, 0)])
    R["raw"].update({f"2/20.1/regulation/{c}": "/" for c in ("issued", "repealed", "in_force")})
    # blank leaf cells (zeros left empty), a `/` in a zero cell, blanks in section 4
    zero_leaf = [k for k in all_keys(R) if k.startswith("3/") and R["vals"][k] == 0
                 and not k.endswith("/total") and k.split("/")[1] not in
                 ("new", "carried_in", "carried_out", "results_total")]
    for k in zero_leaf[::5]:
        R["raw"][k] = ""
    for k in zero_leaf[2::9]:
        R["raw"][k] = "/"
    R["raw"]["4/suit_after_review/upheld"] = ""
    R["raw"]["4/suit_after_review/pending"] = ""
    return R, [ascii_punct(l) for l in render_pipe(R)]


def report_pipe_cellperline_2019():
    R = base("pipe-cellperline-2019.txt", 2019, "2019", "pipe")
    R.update(organ="白沙区审计局", issuer="白沙区审计局", date=(2020, 1, 10),
             date_text="2020年1月10日", self="我局", active=64, contact="区审计局办公室",
             title_lines=["2019年白沙区审计局政府信息公开工作年度报告"],
             period="本年度报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。")
    R["split_cells"] = {
        "规范性文件": ["规范性文件", "|"],
        "5.要求行政机关确认或重新出具已获取信息": ["5.要求行政机关确认或重新出", "具已获取信息 |"],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
            ["（二）部分公开（区分处理的，只计这一情形，", "不计其他情形） |"],
    }
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [1, 1, 9]},
               "20.5": {"licensing": [0, 0, 0], "other_service": [3, 1, 16]},
               "20.6": {"penalty": [0, 0, 0], "coercion": [0, 0, 0]},
               "20.8": {"fees": [0, 0]},
               "20.9": {"procurement": [4, 356.8]}},
           gen_s3(505, "2019", 20), [(0, 0, 0, 1), (0, 0, 0, 0), (0, 0, 0, 0)])
    R["raw"]["2/20.5/other_service/change"] = "+1"
    R["raw"]["2/20.9/procurement/amount"] = "356.8"
    lines = render_pipe_cellperline(R)
    return R, [ascii_punct(l) for l in lines]


def report_row_tabs_2020():
    R = base("row-tabs-2020.txt", 2020, "2019", "row-per-line")
    R.update(organ="东陵市人民政府办公室", issuer="东陵市人民政府办公室", date=(2021, 1, 28),
             date_text="二〇二一年一月二十八日", self="市政府办公室", active=1342,
             contact="市政府办公室政务公开科",
             title_lines=["东陵市人民政府办公室2020年政府信息公开工作年度报告"],
             period="本报告中所列数据的统计时间为2020年1月1日至2020年12月31日。")
    R["headings"] = {5: "五、政府信息公开工作存在的主要问题及改进情况"}
    finish(R, {"20.1": {"regulation": [2, 2, 17], "normative_doc": [23, 23, 310]},
               "20.5": {"licensing": [45, 3, 1268], "other_service": [12, -2, 530]},
               "20.6": {"penalty": [8, 0, 64], "coercion": [2, 0, 5]},
               "20.8": {"fees": [6, -1]},
               "20.9": {"procurement": [12, 86.2]}},
           gen_s3(606, "2019", 400), [(5, 2, 1, 3), (3, 1, 0, 2), (1, 0, 1, 1)])
    R["raw"].update({"2/20.5/licensing/change": "+3", "2/20.5/other_service/change": "-2",
                     "2/20.8/fees/change": "-1", "2/20.9/procurement/projects": "12项",
                     "2/20.9/procurement/amount": "86.2万元"})
    return R, render_row_tabs(R)


def report_space_aligned_2022():
    R = base("space-aligned-2022.txt", 2022, "2021", "space-aligned")
    R.update(organ="江州市人民政府", issuer="江州市人民政府办公室", date=(2023, 1, 31),
             date_text="2023 年 1 月 31 日", self="全市", active=58213, contact="市政府办公室",
             title_lines=["            江州市人民政府", "     2022 年政府信息公开工作年度报告"],
             period="本报告所列统计期限自 2022 年 1 月 1 日至 2022 年 12 月 31 日。",
             page_break_after="withheld_enforcement_file")
    R["label_wraps"] = {
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
            ["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"],
        "5.要求行政机关确认或重新出具已获取信息": ["5.要求行政机关确认或重新出", "具已获取信息"],
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
            ["1.申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请"],
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请":
            ["2.申请人逾期未按收费通知要", "求缴纳费用、行政机关不再处理", "其政府信息公开申请"],
    }
    finish(R, {"20.1": {"regulation": [2, 1, 14], "normative_doc": [11, 19, 72]},
               "20.5": {"licensing": [352917]}, "20.6": {"penalty": [2874105], "coercion": [61390]},
               "20.8": {"fees": [84215.37]}},
           gen_s3(707, "2021", 2900), [(61, 57, 164, 29), (11, 3, 7, 2), (10, 1, 2, 5)])
    R["raw"]["2/20.8/fees/amount"] = "84215.37"
    return R, render_space_aligned(R)


def report_glued_2021():
    R = base("glued-2021.txt", 2021, "2021", "glued")
    R.update(organ="海屿综合实验区", issuer="海屿综合实验区管理委员会", date=(2022, 1, 28),
             date_text="2022年1月28日", self="实验区", active=3861, contact="实验区党政办公室",
             title_lines=["2021年海屿综合实验区政府信息公开工作年度报告"],
             period="本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。")
    s4v = [(12, 3, 0, 1), (3, 1, 0, 0), (0, 0, 1, 1)]
    for seed in range(808, 900):
        finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [7, 2, 9]},
                   "20.5": {"licensing": [2186]}, "20.6": {"penalty": [1045], "coercion": [37]},
                   "20.8": {"fees": [18765.42]}},
               gen_s3(seed, "2021", 70), s4v)
        R["raw"] = {"2/20.8/fees/amount": "18765.42", "3/partly_disclosed/total":
                    "\u00a0" + str(R["vals"]["3/partly_disclosed/total"])}
        sols, multi = glued_unique_s3(R)
        if sols == 1 and R["vals"]["3/new/total"] >= 60:
            break
    else:
        raise SystemExit("no seed gives a unique split")
    R["glued_seed"], R["glued_multi"] = seed, multi
    assert glued_unique_s4(R) == 1
    return R, render_glued(R)


def report_gbk_2020():
    R = base("gbk-2020.txt", 2020, "2019", "tab-cells", encoding="gb18030")
    R.update(organ="北塘街道", issuer="清川县人民政府北塘街道办事处", date=(2020, 12, 31),
             date_text="2020年12月31日", self="本街道", active=188, contact="北塘街道党政办",
             title_lines=["2020年北塘街道政府信息公开工作年度报告"],
             period="本报告信息数据统计期限为：2020年1月1日至2020年12月31日。")
    R["labels"] = {"本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量"}
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [6, 6, 44]},
               "20.5": {"licensing": [9, 0, 86], "other_service": [27, 5, 612]},
               "20.6": {"penalty": [4, 0, 31], "coercion": [0, 0, 0]},
               "20.8": {"fees": [0, 0]},
               "20.9": {"procurement": [6, 1285000]}},
           gen_s3(909, "2019", 35), [(0, 1, 0, 0), (1, 0, 0, 0), (0, 0, 0, 0)])
    R["raw"].update({"2/20.5/other_service/change": "+5", "2/20.9/procurement/projects": "6项",
                     "2/20.9/procurement/amount": "1285000元"})
    for i, k in enumerate(k for k in all_keys(R) if k.startswith("3/") and k.endswith("/total")):
        if i % 2 == 0:
            R["raw"][k] = "\u3000" + str(R["vals"][k])
    return R, render_tab_cells(R)


def report_bom_crlf_2021():
    R = base("utf8-bom-crlf-2021.txt", 2021, "2021", "blank-line-cells", encoding="utf-8-bom")
    R.update(organ="松岭乡", issuer="松岭乡人民政府", date=(2022, 1, 14),
             date_text="2022年1月14日", self="本乡", active=121, contact="松岭乡党政综合办公室",
             title_lines=["松岭乡2021年政府信息公开工作年度报告"],
             period="本报告所列数据统计时限为2021年1月1日至2021年12月31日。")
    R["labels"] = {"商业企业": "商业\n企业", "科研机构": "科研\n机构", "（三）不予公开": "（三）\n不予公开"}
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [1, 0, 12]},
               "20.5": {"licensing": [56]}, "20.6": {"penalty": [11], "coercion": [0]},
               "20.8": {"fees": [0.85]}},
           gen_s3(1010, "2021", 18), [(0, 0, 0, 1), (0, 0, 0, 0), (0, 0, 0, 0)])
    R["raw"]["2/20.8/fees/amount"] = "0.85"
    return R, render_blank_line(R)


def report_utf16_2021():
    R = base("utf16le-2021.txt", 2021, "2021", "newline-cells", encoding="utf-16le")
    R.update(organ="青山区民政局", issuer="青山区民政局", date=(2022, 1, 26),
             date_text="2022年1月26日", self="我局", active=305, contact="区民政局办公室",
             title_lines=["2021年青山区民政局政府信息公开工作年度报告"],
             period="本报告中所列数据的统计期限为2021年1月1日至2021年12月31日。")
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [3, 4, 21]},
               "20.5": {"licensing": [1377]}, "20.6": {"penalty": [0], "coercion": [0]},
               "20.8": {"fees": [0]}},
           gen_s3(1111, "2021", 90), [(2, 0, 0, 0), (0, 1, 0, 1), (0, 0, 0, 0)])
    return R, render_newline(R)


def report_traditional_2020():
    R = base("traditional-2020.txt", 2020, "2019", "pipe", encoding="utf-8")
    R.update(issuer=to_trad("清溪市生态环境局"), date=(2021, 1, 29),
             date_text="2021年1月29日", self="我局", active=512, contact="市生态环境局办公室",
             title_lines=["清溪市生态环境局2020年政府信息公开工作年度报告"],
             period="本报告所列数据为2020年1月1日至2020年12月31日。",
             hubei_extra_row=True)
    R["organ"] = to_trad("清溪市生态环境局")
    R["labels"] = {
        "规章": "规章（设区的市、自治州人民政府应提供相关数据）",
        "上一年项目数量": "上一年项目数量 （指2019年事项数）",
        "本年增/减": "本年增/减 （指2020年增加或减少的事项数，减用负值表示，如-8）",
        "处理决定数量": "处理决定数量 （指2020年办件量）",
    }
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [4, 4, 33],
                        "other_active_docs": [36, 36, 412]},
               "20.5": {"licensing": [18, 2, 254], "other_service": [7, 0, 1120]},
               "20.6": {"penalty": [5, 0, 12], "coercion": [2, -1, 0]},
               "20.8": {"fees": [0, 0]},
               "20.9": {"procurement": [9, 245.7]}},
           gen_s3(1212, "2019", 80), [(1, 0, 0, 1), (0, 0, 0, 1), (0, 0, 0, 0)])
    R["raw"].update({
        "2/20.5/licensing/change": "+2", "2/20.6/coercion/change": "-1",
        "2/20.6/coercion/decisions": "—", "2/20.8/fees/prev_year": "無", "2/20.8/fees/change": "无",
        "2/20.9/procurement/amount": "245.7萬元",
    })
    fw = str.maketrans("0123456789", "０１２３４５６７８９")
    for k in ("3/new/natural_person", "3/disclosed/natural_person", "3/results_total/natural_person"):
        R["raw"][k] = str(R["vals"][k]).translate(fw)
    zero = [k for k in all_keys(R) if k.startswith("3/withheld") and R["vals"][k] == 0
            and not k.endswith("/total")]
    R["raw"][zero[2]] = "—"
    # the `无` cell must survive the conversion to Traditional (mirrors convert unevenly)
    R["raw"]["2/20.8/fees/change"] = "@WU@"
    lines = [to_trad(l).replace("@WU@", "无") for l in render_pipe_trad(R)]
    R["raw"]["2/20.8/fees/change"] = "无"
    return R, lines


def report_truncated_2021():
    R = base("truncated-2021.txt", 2021, "2021", "tab-cells")
    R.update(organ="石门镇", issuer=None, date=None, date_text=None, self="本镇", active=77,
             contact="石门镇党政办公室",
             title_lines=["石门镇", "2021年政府信息公开工作年度报告"],
             period="本报告所列数据的统计期限为2021年1月1日至2021年12月31日。")
    finish(R, {"20.1": {"regulation": [0, 0, 0], "normative_doc": [2, 1, 16]},
               "20.5": {"licensing": [34]}, "20.6": {"penalty": [9], "coercion": [1]},
               "20.8": {"fees": [0]}},
           gen_s3(1313, "2021", 30), [(0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)])
    pad_nbsp(R, "3/")
    stop = "3/withheld_process/research"
    lines = render_tab_cells(R, stop_after=stop)
    keys = all_keys(R)
    present = set(keys[: keys.index(stop) + 1])
    R["present"] = present
    return R, lines


NOTICE = """关于召开全区政务公开工作推进会的通知

各街道办事处、区政府各部门：
为总结本年度政务公开工作，部署下一阶段重点任务，经研究，决定召开全区政务公开工作推进会。现将有关事项通知如下。
一、会议时间
2021年12月16日（星期四）上午9:00，会期半天。
二、会议地点
区政务服务中心三楼第二会议室。
三、参会人员
各街道办事处分管负责同志、区政府各部门政务公开工作联络员，每单位1至2人。
四、会议内容
（一）通报本年度政务公开工作考核情况；
（二）布置2021年政府信息公开工作年度报告的编制和发布工作；
（三）交流政务公开标准化规范化建设经验。
五、有关要求
请各单位于12月14日下班前将参会人员名单报区政务公开办公室，联系电话：0000-1234567。参会人员请提前10分钟到场签到，会场内请将手机调至静音状态。

临江区人民政府办公室
2021年12月10日
"""


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    reports = [
        report_tab_cells_2021, report_blank_line_2019, report_newline_2021, report_pipe_2021,
        report_pipe_cellperline_2019, report_row_tabs_2020, report_space_aligned_2022,
        report_glued_2021, report_gbk_2020, report_bom_crlf_2021, report_utf16_2021,
        report_traditional_2020, report_truncated_2021,
    ]
    summary = []
    for fn in reports:
        R, lines = fn()
        text = "\n".join(lines).rstrip("\n") + "\n"
        if R["name"] == "truncated-2021.txt":
            text = "\n".join(lines) + "\n"
        if R["name"] == "utf8-bom-crlf-2021.txt":
            data = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
        elif R["encoding"] == "gb18030":
            text.encode("gbk")  # stays inside GBK, so a GBK decoder reads it too
            data = text.encode("gb18030")
        elif R["encoding"] == "utf-16le":
            data = ("\ufeff" + text).encode("utf-16-le")
        else:
            data = text.encode("utf-8")
        write(os.path.join(HERE, R["name"]), data)
        t = truth(R, R.get("present"))
        write(os.path.join(HERE, R["name"][:-4] + ".truth.json"),
              (json.dumps(t, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        extra = ""
        if "glued_seed" in R:
            extra = f" glued: unique split, rows with >1 row-total candidate: {R['glued_multi']}"
        summary.append(f"{R['name']}: {len(t['cells'])} cells, {len(t['states'])} null{extra}")
    write(os.path.join(HERE, "not-a-report.txt"), NOTICE.encode("utf-8"))
    t = {"file": "not-a-report.txt",
         "meta": {"year": None, "template": None, "organ": None, "issuer": None,
                  "report_date": None, "encoding": "utf-8", "layout": None},
         "cells": {}, "states": {}}
    write(os.path.join(HERE, "not-a-report.truth.json"),
          (json.dumps(t, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    summary.append("not-a-report.txt: 0 cells")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
