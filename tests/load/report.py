"""Turns wrk outputs from tests/load/run.sh into docs/PERFORMANCE.md."""
import pathlib
import re
import subprocess
import sys

out, articles, duration, connections = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
SCENARIOS = [
    ("article-hot", "`GET /api/v1/articles/{id}`, hot set of 1,000"),
    ("article-uniform", f"`GET /api/v1/articles/{{id}}`, uniform over {articles:,}"),
    ("category-page-1", "`GET /api/v1/articles?category=…` page 1"),
    ("category-page-1000", "`GET /api/v1/articles?category=features&page=1000` (offset 19,980)"),
    ("home", "`GET /api/v1/home`"),
    ("views-post", "`POST /api/v1/articles/{id}/views`, distinct viewers"),
]


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse(text: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return {"rps": rps, "p50": p50, "p99": p99, "total": total, "errors": errors}


commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True, text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")

print("# Performance\n")
print("Figures from `bash tests/load/run.sh` (not a timed test: targets live here, never in CI).\n")
print(f"- Run: {date}, commit `{commit}`, {articles:,} published articles (~4 KB Chinese bodies, 30 categories).")
print(f"- Machine: 2 cores ({cpu}), the load generator (wrk, 2 threads, {connections} connections) on the same machine.")
print(f"- Each scenario: 3 s warm-up, then {duration}. Release build, SQLite in WAL mode / PostgreSQL 15 local.\n")
print("Issue 3's bar: nothing above 50 ms p99 at 64 connections.\n")
for backend in ["sqlite", "postgres"]:
    if not (out / f"{backend}.rss-kb").exists():
        continue
    rss = (out / f"{backend}.rss-kb").read_text().strip()
    seed = (out / f"{backend}.seed-time").read_text().strip()
    print(f"## {'SQLite' if backend == 'sqlite' else 'PostgreSQL'}\n")
    print(f"Seeding took {seed}; peak RSS of the server over all scenarios: {int(rss) / 1024:.0f} MiB.\n")
    print("| scenario | req/s | p50 (ms) | p99 (ms) | errors |")
    print("|---|---:|---:|---:|---:|")
    for name, label in SCENARIOS:
        r = parse((out / f"{backend}.{name}.txt").read_text())
        print(f"| {label} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} of {r['total']:,} |")
    print()
