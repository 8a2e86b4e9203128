#!/usr/bin/env bash
# The include graph of the product code (the top's .c/.h files, dockerapi/,
# model/, deploy/, views/, keymaps/, tui/) against docs/ARCHITECTURE.md's
# layout table: every `#include "..."` must be allowed by the "may use"
# column of the including file's row (the names in backticks: a folder, or
# one header such as `dockerapi/records.h`; `everything` allows all; a
# folder always uses itself), and there must be no cycle between folders
# or between modules (a module is a .c/.h pair). The table is read from the
# document, so the two cannot drift. Prints TAP: one failing result per
# forbidden include (file:line and the rule) and per cycle.
#
#   tests/lint/layering.sh [ROOT]       (default: the source tree)
#   tests/lint/layering.sh --self-test  (the checker against a made-up tree)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${1:-$here/../..}
exec python3 - "$root" <<'EOF'
import os, re, sys, tempfile

# every .c and .h at the top (berth.c, xmalloc, monotime, ...) and these
PRODUCT = ["dockerapi", "model", "deploy", "views", "keymaps", "tui"]
GENERATED = {"config.h", "version.h"}
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def read_table(root):
    """{unit: set of allowed names} from ARCHITECTURE.md's layout table.
    A unit is a folder ("model") or a top-level file stem ("berth")."""
    rules = {}
    path = os.path.join(root, "docs", "ARCHITECTURE.md")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| `"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 3:
                continue
            m = re.match(r"`([^`]+)`", cells[0])
            if not m:
                continue
            unit = m.group(1).rstrip("/")
            unit = re.sub(r"\.[ch]$", "", unit)
            may = cells[-1]
            names = set(re.findall(r"`([^`]+)`", may))
            names = {n.rstrip("/") for n in names}
            if re.search(r"\beverything\b", may):
                names.add("*")
            rules[unit] = names
    return rules


def unit_of(rel):
    """The table row a file belongs to: its folder, or its stem at the top."""
    if "/" in rel:
        return rel.split("/", 1)[0]
    return re.sub(r"\.[ch]$", "", rel)


def module_of(rel):
    return re.sub(r"\.[ch]$", "", rel)


def product_files(root):
    out = sorted(n for n in os.listdir(root)
                 if n.endswith((".c", ".h")) and n not in GENERATED)
    for p in PRODUCT:
        full = os.path.join(root, p)
        if os.path.isfile(full):
            out.append(p)
        elif os.path.isdir(full):
            for n in sorted(os.listdir(full)):
                if n.endswith((".c", ".h")):
                    out.append(p + "/" + n)
    return out


def includes(root, rel):
    d = os.path.dirname(rel)
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
        for no, line in enumerate(f, 1):
            m = INC.match(line)
            if not m:
                continue
            name = m.group(1)
            if name in GENERATED:
                continue
            # "layout.h" beside the file, else from the top (-I$(srcdir))
            if "/" not in name and d and os.path.exists(os.path.join(root, d, name)):
                name = d + "/" + name
            yield no, name


def allowed(rules, src_unit, target):
    names = rules.get(src_unit)
    if names is None:
        return False
    if "*" in names:
        return True
    tunit = unit_of(target)
    if tunit == src_unit:
        return True
    return tunit in names or target in names or module_of(target) in names


def cycles(edges):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    nodes = sorted(set(edges) | {t for ts in edges.values() for t in ts})

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def one_cycle(comp, edges):
    """A closed path through comp (shortest from its first node)."""
    comp = set(comp)
    start = min(comp)
    prev, todo = {start: None}, [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(edges.get(v, ())):
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if w in comp and w not in prev:
                prev[w] = v
                todo.append(w)
    return sorted(comp)


def check(root):
    """Returns (results, nincludes): results is a list of (ok, text)."""
    results = []
    rules = read_table(root)
    files = product_files(root)
    units = sorted({unit_of(f) for f in files})
    missing = [u for u in units if u not in rules]
    if missing:
        results.append((False, "docs/ARCHITECTURE.md's table has no row for: "
                        + ", ".join(missing)))
    else:
        results.append((True, "docs/ARCHITECTURE.md's table has a row for every "
                        "product folder and top-level file (%d)" % len(units)))
    bad = []
    fedges, medges, where = {}, {}, {}
    n = 0
    for f in files:
        su, sm = unit_of(f), module_of(f)
        for no, tgt in includes(root, f):
            n += 1
            if not os.path.exists(os.path.join(root, tgt)):
                continue    # a system header spelled with quotes
            tu, tm = unit_of(tgt), module_of(tgt)
            if not allowed(rules, su, tgt):
                may = ", ".join(sorted(rules.get(su, ()))) or "nothing"
                bad.append("%s:%d: includes %s, but %s may use only %s "
                           "(docs/ARCHITECTURE.md)" % (f, no, tgt,
                           su + ("/" if "/" in f else ""), may))
            if tu != su:
                fedges.setdefault(su, set()).add(tu)
                where.setdefault((su, tu), "%s:%d" % (f, no))
            if tm != sm:
                medges.setdefault(sm, set()).add(tm)
                where.setdefault((sm, tm), "%s:%d" % (f, no))
    if bad:
        results += [(False, b) for b in bad]
    else:
        results.append((True, "all %d includes of %d product files follow the "
                        "may-use column" % (n, len(files))))
    for kind, edges in (("folders", fedges), ("modules", medges)):
        found = cycles(edges)
        for comp in found:
            path = one_cycle(comp, edges)
            steps = ", ".join("%s -> %s (%s)" % (a, b, where[(a, b)])
                              for a, b in zip(path, path[1:]) if (a, b) in where)
            results.append((False, "cycle between %s: %s; %s" % (kind, " <-> ".join(comp), steps)))
        if not found:
            results.append((True, "no cycle between %s (%d edges)" % (kind,
                            sum(len(v) for v in edges.values()))))
    return results


def self_test():
    """The checker finds a forbidden include and both kinds of cycle, and
    passes a clean tree."""
    out = []
    with tempfile.TemporaryDirectory() as t:
        def put(rel, text):
            os.makedirs(os.path.dirname(os.path.join(t, rel)) or t, exist_ok=True)
            with open(os.path.join(t, rel), "w") as f:
                f.write(text)
        put("docs/ARCHITECTURE.md",
            "| folder | what | may use |\n|---|---|---|\n"
            "| `tui/` | x | `xmalloc`; ncurses |\n"
            "| `model/` | x | `dockerapi/records.h`, `xmalloc` |\n"
            "| `dockerapi/` | x | `xmalloc` |\n"
            "| `berth.c` | x | everything |\n"
            "| `xmalloc.c` | x | nothing of ours |\n")
        put("xmalloc.h", "")
        put("xmalloc.c", '#include "xmalloc.h"\n')
        put("berth.c", '#include "tui/a.h"\n#include "model/m.h"\n#include "config.h"\n')
        put("tui/a.h", '#include "xmalloc.h"\n')
        put("tui/a.c", '#include "a.h"\n#include "tui/b.h"\n')
        put("tui/b.h", "")
        put("tui/b.c", '#include "tui/b.h"\n')
        put("dockerapi/records.h", "")
        put("dockerapi/watcher.h", '#include "dockerapi/records.h"\n')
        put("model/m.h", '#include "dockerapi/records.h"\n')
        r = check(t)
        out.append((all(ok for ok, _ in r), "self-test: a clean tree passes"))
        put("model/m.c", '#include "model/m.h"\n\n#include "dockerapi/watcher.h"\n')
        put("tui/b.c", '#include "tui/b.h"\n#include "tui/a.h"\n')
        put("dockerapi/records.h", '#include "model/m.h"\n')
        r = check(t)
        texts = [x for ok, x in r if not ok]
        out.append((any(x.startswith("model/m.c:3: includes dockerapi/watcher.h") for x in texts),
                    "self-test: a forbidden include is reported with file:line"))
        out.append((any("cycle between modules: tui/a <-> tui/b" in x for x in texts),
                    "self-test: a cycle between modules is reported"))
        out.append((any("cycle between folders: dockerapi <-> model" in x for x in texts),
                    "self-test: a cycle between folders is reported"))
    return out


if sys.argv[1] == "--self-test":
    res = self_test()
else:
    res = self_test() + check(sys.argv[1])
for i, (ok, text) in enumerate(res, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, text))
print("1..%d" % len(res))
sys.exit(0 if all(ok for ok, _ in res) else 1)
EOF
