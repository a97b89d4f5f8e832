"""Turns the wrk outputs of tests/load/run.sh into the tables of docs/PERFORMANCE.md.

Usage: report.py OUT REPORT DURATION CONNECTIONS "SIZES"
Rewrites what lies between the `generated` markers of REPORT (the whole file when it has none) and
keeps the rest, which is written by hand.
"""
import pathlib
import re
import subprocess
import sys

out, report, duration, connections = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4]
sizes = [int(s) for s in sys.argv[5].split()]
BACKENDS = [("sqlite", "SQLite"), ("postgres", "PostgreSQL")]
START, END = "<!-- generated: tests/load/report.py -->", "<!-- end of generated -->"

# name, label, target as text, check(result, ceiling rps, run) -> bool or None (no target), where
# run(name) is another scenario's result in the same run (None if it did not run). The reader's pages
# (`page-…`, HTML) sit next to their JSON twins.
SCENARIOS = [
    ("article-hot", "article GET, hot set of 1,000", "≥ 50 % of ceiling, p99 ≤ 10 ms",
     lambda r, c, run: r["rps"] >= 0.5 * c and r["p99"] <= 10),
    ("page-article-hot", "article HTML `/a/{id}`, hot set of 1,000, as browsers ask (gzip)",
     "≥ 40 % of ceiling, p99 ≤ 10 ms", lambda r, c, run: r["rps"] >= 0.4 * c and r["p99"] <= 10),
    ("page-article-hot-plain", "the same without Accept-Encoding (~42 KB each)", "—", None),
    ("article-uniform", "article GET, uniform over all", "≥ 50 % of ceiling, p99 ≤ 10 ms",
     lambda r, c, run: r["rps"] >= 0.5 * c and r["p99"] <= 10),
    ("page-article-uniform", "article HTML `/a/{id}`, uniform over all",
     "no slower than the JSON above (req/s ≥ 90 % of its, p99 ≤ 110 %: run-to-run noise)",
     lambda r, c, run: no_slower(r, run("article-uniform"))),
    ("category-page-1", "category list page 1 (`features-1`)", "≥ 30 % of ceiling",
     lambda r, c, run: r["rps"] >= 0.3 * c),
    ("page-category", "category page HTML `/c/features-1` (gzip)", "—", None),
    ("list-page-deep", "list `page=N` (N in the note)", "p99 ≤ 50 ms", lambda r, c, run: r["p99"] <= 50),
    ("list-cursor-deep", "list `after=` at page N's position", "as page 1 (table below)", None),
    ("home", "`/api/v1/home`", "≥ 30 % of ceiling", lambda r, c, run: r["rps"] >= 0.3 * c),
    ("page-home", "home page HTML `/` (gzip)", "—", None),
    ("search", "search, 40 queries of 1–8 characters (tests/load/search.lua)", "p99 ≤ 50 ms",
     lambda r, c, run: r["p99"] <= 50),
    ("views-post", "views POST, distinct viewers", "≥ 30 % of ceiling", lambda r, c, run: r["rps"] >= 0.3 * c),
    ("comment-post", "comment POST (members, captcha each)", "≥ 500/s, p99 ≤ 50 ms, none lost",
     None),  # checked with the stored count below
    ("article-during-logins", "article GET (hot) during 32 clients logging in", "p99 ≤ 20 ms",
     lambda r, c, run: r["p99"] <= 20),
]


def no_slower(page, json):
    """Whether an HTML page keeps up with its JSON twin, within a measurement's noise (None: no twin)."""
    if json is None:
        return None
    return page["rps"] >= 0.9 * json["rps"] and page["p99"] <= 1.1 * json["p99"]


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse(path: pathlib.Path):
    if not path.exists():
        return None
    text = path.read_text()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if rps is None:
        return None
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return {"rps": float(rps.group(1)), "p50": to_ms(p50.group(1)) if p50 else float("nan"),
            "p99": to_ms(p99.group(1)) if p99 else float("nan"), "total": total, "errors": errors}


def read(name: str, default: str = "?") -> str:
    path = out / name
    return path.read_text().strip() if path.exists() else default


def mark(ok) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True, text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
ceiling = parse(out / "ceiling.ceiling.txt")
c_rps = ceiling["rps"] if ceiling else float("nan")

lines = [START, ""]
lines.append(f"- Run: {date}, commit `{commit}`; sizes {', '.join(f'{s:,}' for s in sizes)} published articles "
             "(~4 KB Chinese bodies, 30 categories, 3 comments under one article in five, a week of view history).")
lines.append(f"- Machine: 2 cores ({cpu}); the load generator (wrk, 2 threads, {connections} connections) runs on "
             f"the same machine. Each scenario: warm-up, then {duration}. Release build.")
if ceiling:
    lines.append(f"- **Ceiling** (`tests/load/ceiling.rs`: bare actix-web, fixed 2 KB JSON body), measured in this run: "
                 f"**{c_rps:,.0f} req/s**, p99 {ceiling['p99']:.2f} ms. \"share\" below is req/s as a share of it.")
lines.append("")

results = {}
for size in sizes:
    for backend, name in BACKENDS:
        run = f"{backend}.{size}"
        if not (out / f"{run}.rss-kb").exists():
            continue
        rss_kb = int(read(f"{run}.rss-kb", "0") or 0)
        lines.append(f"### {name}, {size:,} articles\n")
        lines.append(f"Seeding: {read(f'{run}.seed-seconds')} s; data: {read(f'{run}.data-size')}; peak RSS of the "
                     f"server: {rss_kb / 1024:.0f} MiB ({int(read(f'{run}.rss-read-kb', '0') or 0) / 1024:.0f} MiB "
                     f"after the read scenarios); `page=N` with N = {read(f'{run}.deep-page')}"
                     + (f"; SQLite `integrity_check`: {read(f'{run}.integrity')}" if backend == "sqlite" else "") + ".\n")
        lines.append("| scenario | req/s | share | p50 ms | p99 ms | errors | target | met |")
        lines.append("|---|---:|---:|---:|---:|---:|---|---|")
        def result_of(key, run=run):
            return parse(out / f"{run}.{key}.txt")

        for key, label, target, check in SCENARIOS:
            r = result_of(key)
            if r is None:
                lines.append(f"| {label} | — | | | | | {target} | not run |")
                continue
            results[(backend, size, key)] = r
            extra = ""
            if key == "comment-post":
                acknowledged = r["total"] - r["errors"]
                stored = int(read(f"{run}.comments-stored", "-1"))
                # wrk stops counting with up to one request per connection still in flight, which
                # the server may finish: stored can exceed acknowledged by that many, never fall short.
                ok = r["rps"] >= 500 and r["p99"] <= 50 and acknowledged <= stored <= acknowledged + int(connections)
                extra = f" ({acknowledged:,} acknowledged, {stored:,} stored)"
            else:
                ok = check(r, c_rps, result_of) if check else None
            lines.append(f"| {label}{extra} | {r['rps']:,.0f} | {r['rps'] / c_rps:.0%} | {r['p50']:.2f} | "
                         f"{r['p99']:.2f} | {r['errors']:,} of {r['total']:,} | {target} | {mark(ok)} |")
        uncached = [parse(out / f"{run}.uncached-{key}.txt") for key in ("page-1", "page-deep", "cursor-deep")]
        if all(uncached):
            first, deep, cursor = uncached

            def figure(r):
                if r["errors"] >= r["total"]:
                    return f"nothing answered within wrk's 2 s ({r['errors']:,} timeouts or 503s)"
                errors = f", {r['errors']:,} errors" if r["errors"] else ""
                return f"{r['rps']:,.0f} req/s (p99 {r['p99']:.2f} ms{errors})"

            clean = first["errors"] == 0 and cursor["errors"] == 0
            # "Costs the same as page 1": within the run-to-run noise of a 10 s measurement.
            verdict = mark(cursor["rps"] >= 0.8 * first["rps"]) if clean else "not measurable here"
            lines.append(f"\nList pages with the read cache off (`KANWU_READ_CACHE_MS=0`: every request queries "
                         f"the database, the count of all matches included): page 1 {figure(first)}; `page=N` "
                         f"{figure(deep)}; the cursor at the same position {figure(cursor)}. Cursor as cheap as "
                         f"page 1: {verdict}.")
        search = parse(out / f"{run}.uncached-search.txt")
        if search:
            lines.append(f"\nSearch with the read cache off (every request counts its hits and reads its page): "
                         f"{search['rps']:,.0f} req/s, p50 {search['p50']:.2f} ms, p99 {search['p99']:.2f} ms, "
                         f"{search['errors']:,} errors of {search['total']:,}.")
        logins = parse(out / f"{run}.logins.txt")
        if logins:
            lines.append(f"\nLogins beside it: {logins['total']:,} in {duration} ({logins['rps']:.1f}/s), "
                         f"{logins['errors']} errors.")
        lines.append(f"\nMemory target (≤ 200 MB at 1,000,000 articles): {rss_kb / 1024:.0f} MiB"
                     + (f" — {mark(rss_kb / 1024 <= 200 * 1e6 / 2**20)}" if size >= 1_000_000 else " (not the 1M run)") + ".\n")

if len(sizes) > 1:
    small, large = sizes[0], sizes[-1]
    lines.append(f"### Growth from {small:,} to {large:,} articles\n")
    lines.append("Target: article GET and list page 1 lose at most 20 % of their req/s.\n")
    lines.append("| backend | scenario | " + " | ".join(f"{s:,}" for s in sizes) + " | change | met |")
    lines.append("|---|---|" + "---:|" * len(sizes) + "---:|---|")
    for backend, name in BACKENDS:
        for key in ["article-hot", "category-page-1"]:
            row = [results.get((backend, s, key)) for s in sizes]
            if row[0] is None or row[-1] is None:
                continue
            change = row[-1]["rps"] / row[0]["rps"] - 1
            cells = " | ".join(f"{r['rps']:,.0f}" if r else "—" for r in row)
            lines.append(f"| {name} | {key} | {cells} | {change:+.0%} | {mark(change >= -0.2)} |")
    lines.append("")
lines.append(END)

generated = "\n".join(lines)
if report.exists() and START in report.read_text():
    text = report.read_text()
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1] if END in rest else ""
    report.write_text(before + generated + after)
else:
    report.write_text("# Performance\n\n" + generated + "\n")
