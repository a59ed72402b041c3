"""Corpus-scale annotation benchmark: `wirespan annotate-corpus` on 1,000 / 10,000 / 100,000 news articles.

Input: real news articles from a folder given by `--news` or $WIRESPAN_NEWS
(kept outside the repository; every `.txt` below it, one article per file),
named in the report by `--corpus` (the Makefile measures two: the BBC News
dataset of Greene & Cunningham, 2,225 articles of ~2.3 KB, and the PolNeAR
train and dev texts, 924 political news articles of ~4.6 KB, the article
size issue 15 assumes; the second report goes to its own file,
`reports/bench-scale-<name>.json`).  Sizes above the number of distinct
articles repeat them with distinct ids and lightly perturbed text (one
number changed, two neighbouring words swapped, one sentence dropped: a
deterministic function of the copy number), as reprints and edits of wire
copy would.

The local engine runs at `--sizes`, the Ray engine at `--ray-sizes`; every
run is the pipeline end to end (all layers, the clusters and the variant
aligner) as a separate process with `--workers 2`; printed and written:
articles/s, MB/s, mean article size, CPU ms per article (local engine),
peak memory (PSS summed over the
process tree, sampled every 0.2 s), variant pairs, clusters, and the
ratio of time and of pairs per 10x input.  The machine's load average is
recorded with every run: on a shared machine the wall time also measures
the neighbours, the CPU seconds (of the process tree) much less so.  With
`--engine ray` the CPU seconds cover the driver only: Ray's workers are
children of its raylet, not of the measured process.  Cold start: seconds from a new
Python process to the first annotated article, with the gazetteer cache
warm.  With `--json`, the README's table is rendered from the report too
(`wirespan build` renders the card's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machineinfo import machine  # noqa: E402  (bench/ beside this script; re-exported for the tests)

ROOT = Path(__file__).resolve().parents[1]


def news_articles(folder: Path) -> list[str]:
    """Every `.txt` article under `folder` (sorted paths), UTF-8 or else Latin-1 decoded."""
    texts = []
    for path in sorted(folder.rglob("*.txt")):
        if path.name.upper() == "README.TXT":
            continue
        raw = path.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("latin-1"))
    return texts


def perturb(text: str, copy: int) -> str:
    """A light, deterministic edit of an article for its `copy`-th repetition."""
    rng = random.Random(copy)
    numbers = list(re.finditer(r"\b\d+\b", text))
    if numbers:
        m = rng.choice(numbers)
        text = text[:m.start()] + str(int(m.group()) + copy % 7 + 1) + text[m.end():]
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    if len(sentences) > 4:
        del sentences[rng.randrange(2, len(sentences))]
        text = " ".join(sentences)
    words = text.split(" ")
    if len(words) > 20:
        i = rng.randrange(10, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def make_input(texts: list[str], n: int, path: Path) -> int:
    """A JSONL file of `n` articles (distinct ids); returns its size in bytes of text."""
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            copy, base = divmod(i, len(texts))
            text = texts[base] if copy == 0 else perturb(texts[base], copy)
            size += len(text.encode("utf-8"))
            fh.write(json.dumps({"id": hashlib.sha256(f"article {i}".encode()).hexdigest()[:16], "text": text},
                                ensure_ascii=False) + "\n")
    return size


def tree_rss(root_pid: int) -> int:
    """Memory (bytes) of a process and all its descendants: the proportional set size (PSS) from /proc,
    so that pages shared by forked workers count once, not once per process."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        stack += children.get(pid, [])
    return total


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    m = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) * 1024 if m else 0


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system of the waited process tree), peak tree RSS and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed with status {proc.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - start, cpu, peak[0], out


def cold_start(env: dict[str, str]) -> float:
    """Seconds from a new interpreter to one annotated article (gazetteer cache warm), median of 3."""
    code = ("import time; t = time.perf_counter()\n"
            "from wirespan.pipeline.annotate import annotate_document\n"
            "annotate_document({'id': '0' * 16, 'text': 'KYIV, Ukraine (AP) - Officials in Kharkiv said on Monday "
            "that 12 people were hurt.', 'sha256': '0' * 64})\n"
            "print(time.perf_counter() - t)")
    times = sorted(float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                        check=True).stdout) for _ in range(3))
    return times[1]


def counts(out: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {config: sum(pq.ParquetFile(f).metadata.num_rows for f in (out / config).glob("*.parquet"))
            for config in ("documents", "variants")}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="article counts of the local engine")
    p.add_argument("--ray-sizes", default="1000,10000",
                   help="article counts of the Ray engine (empty: none); 100,000 takes about an hour on 2 cores")
    p.add_argument("--engines", default="local,ray")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--news", help="folder of news articles, every .txt below it (default: $WIRESPAN_NEWS)")
    p.add_argument("--corpus", default="public news articles",
                   help="what the articles are, for the report and the tables (e.g. 'BBC News (Greene & Cunningham 2006)')")
    p.add_argument("--json", help="write the report here")
    p.add_argument("--update", action="store_true",
                   help="keep the rows of the existing --json report that this run does not measure (each row says "
                        "when and with which command it was measured) and recompute the ratios")
    args = p.parse_args()
    news = args.news or os.environ.get("WIRESPAN_NEWS")
    if not news or not Path(news).is_dir():
        print("bench_scale: give --news or set WIRESPAN_NEWS to a folder of news articles (.txt), kept outside "
              "the repository", file=sys.stderr)
        return 2
    texts = news_articles(Path(news))
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "PYTHONPATH": str(ROOT / "src")}
    engines = [e for e in args.engines.split(",") if e]
    sizes = {"local": _sizes(args.sizes), "ray": _sizes(args.ray_sizes)}
    command = (f"bench/bench_scale.py --sizes {args.sizes} --ray-sizes {shlex.quote(args.ray_sizes)} "
               f"--engines {args.engines} --workers {args.workers}")
    distinct_bytes = sum(len(t.encode("utf-8")) for t in texts)
    report = {"command": command, "corpus": args.corpus, "machine": machine(),
              "measured": time.strftime("%Y-%m-%d"), "distinct_articles": len(texts),
              "distinct_mean_article_kb": round(distinct_bytes / len(texts) / 1e3, 2),
              "cold_start_seconds": round(cold_start(env), 2), "runs": []}
    print(f"{len(texts)} distinct articles (mean {report['distinct_mean_article_kb']} KB); "
          f"cold start {report['cold_start_seconds']} s")
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        for n in sorted(set().union(*(sizes.get(e, []) for e in engines))):
            source = work / f"news-{n}.jsonl"
            text_bytes = make_input(texts, n, source)
            for engine in [e for e in engines if n in sizes.get(e, [])]:
                out = work / f"out-{n}-{engine}"
                cmd = [sys.executable, "-m", "wirespan", "annotate-corpus", str(source), "--out", str(out),
                       "--workers", str(args.workers), "--engine", engine, "--no-progress"]
                seconds, cpu, peak, stdout = run(cmd, env)
                c = counts(out)
                row = {"articles": n, "engine": engine, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
                       # Ray's workers are not children of the measured process: no CPU per article for Ray
                       "cpu_ms_per_article": round(cpu * 1e3 / n, 1) if engine == "local" else None,
                       "load_average": round(os.getloadavg()[0], 1), "text_mb": round(text_bytes / 1e6, 1),
                       "mean_article_kb": round(text_bytes / n / 1e3, 2),
                       "articles_per_s": round(n / seconds, 1), "mb_per_s": round(text_bytes / 1e6 / seconds, 2),
                       "peak_pss_mib": round(peak / 2**20), "pairs": c["variants"], "documents": c["documents"],
                       "summary": stdout.strip(), "measured": time.strftime("%Y-%m-%d %H:%M"), "command": command}
                report["runs"].append(row)
                print(json.dumps(row), flush=True)
                shutil.rmtree(out)
                shutil.rmtree(out.parent / f".{out.name}.work", ignore_errors=True)
            source.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.update and args.json and Path(args.json).exists():
        report = updated(json.loads(Path(args.json).read_text(encoding="utf-8")), report)
    report["ratios"] = ratios(report["runs"], sorted({r["engine"] for r in report["runs"]}, key=["local", "ray"].index))
    for ratio in report["ratios"]:
        print(json.dumps(ratio))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if Path(args.json).resolve().parent == ROOT / "reports":
            update_readme()
    return 0


def updated(old: dict, new: dict) -> dict:
    """`new`'s rows, plus `old`'s rows of sizes and engines `new` did not measure (rerunning a disturbed row).

    The report's own command, date and cold start stay the old run's, and
    `reruns` lists what was measured again and when; every row carries its
    own `measured` time and `command`, and the card's table says which rows
    were rerun.
    """
    fresh = {(r["articles"], r["engine"]) for r in new["runs"]}
    kept = [r for r in old["runs"] if (r["articles"], r["engine"]) not in fresh]
    runs = sorted(kept + new["runs"], key=lambda r: (r["articles"], ["local", "ray"].index(r["engine"])))
    reruns = old.get("reruns", []) + [{"command": new["command"], "measured": new["measured"], "machine": new.get("machine"),
                                       "rows": [{"articles": n, "engine": e} for n, e in sorted(fresh)]}]
    return {**old, "runs": runs, "reruns": reruns}


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def ratios(runs: list[dict], engines: list[str]) -> list[dict]:
    """Growth of wall time, CPU time (local engine) and variant pairs from each size to the next, per engine."""
    out = []
    for engine in engines:
        rows = sorted((r for r in runs if r["engine"] == engine), key=lambda r: r["articles"])
        for a, b in zip(rows, rows[1:]):
            out.append({"engine": engine, "from": a["articles"], "to": b["articles"],
                        "time_ratio": round(b["seconds"] / a["seconds"], 2),
                        "cpu_ratio": round(b["cpu_seconds"] / a["cpu_seconds"], 2) if engine == "local" else None,
                        "pairs_ratio": round(b["pairs"] / a["pairs"], 2) if a["pairs"] else None})
    return out


def update_readme() -> None:
    """Render the README's corpus-scale tables from every `reports/bench-scale*.json` (the card renders the
    same block at build)."""
    sys.path.insert(0, str(ROOT / "src"))
    from wirespan.release.card_tables import corpus_scale

    reports = {p.stem: json.loads(p.read_text(encoding="utf-8"))
               for p in sorted((ROOT / "reports").glob("bench-scale*.json"))}
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- BEGIN generated:corpus-scale -->\n", "<!-- END generated:corpus-scale -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(head + begin + corpus_scale(reports) + end + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
