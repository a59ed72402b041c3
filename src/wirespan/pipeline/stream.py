"""`wirespan annotate-corpus`: silver annotation of a large corpus, streamed, sharded and resumable.

Three stages, each restartable:

1. *Articles* (embarrassingly parallel): every input document is annotated
   by every baseline (`stages.annotate_one`), checked, and written into
   its document shard; the shard's clustering signatures go to the work
   folder.  Input is read lazily with bounded look-ahead, so memory does
   not grow with the corpus.
2. *Clusters*: the signatures of all documents give bounded clusters of
   documents that can share content (`clusters`).
3. *Variants*: every cluster is aligned on its own (`stages.align_cluster`);
   the documents of the clusters of variant shard k are first routed into
   one work file per shard (a shuffle), so each document shard is read once.

The engine (`LocalEngine`: this process or a process pool; `rayengine.RayEngine`:
Ray Data) only decides where the units of work run; rows are put in order
and written here, with pyarrow, so every engine writes the same bytes.
A rerun skips every shard whose marker and files are in place; an
interrupted run therefore resumes to the bytes of an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq

from wirespan.corpus.schema import Schemas
from wirespan.errors import CorpusError, CorpusIssue, listing
from wirespan.pipeline import clusters, shards, sources, stages
from wirespan.errors import InputError
from wirespan.pipeline.annotate import INFER, PRETTY_NAME, find_schema_dir
from wirespan.pipeline.inputs import UniqueInputs, check_date, check_home, repeat_warning, warn_stderr

DEFAULT_SHARD_SIZE = 1000
DEFAULT_MAX_FAILURES = 100
#: Articles per unit of work sent to a worker.
CHUNK = 20
#: Units of work of the article stage in flight per worker.  Why this many: while the parent writes a
#: document shard (about a second per 1,000 articles) it submits nothing; 16 chunks of 20 articles keep
#: each worker busy for a few seconds meanwhile (4 let them run dry), and hold only a few hundred rows.
ANNOTATE_WINDOW = 16
#: Identical repeats named on stderr (every one is counted in the summary).
REPEATS_SHOWN = 20
#: Thresholds of the cyclic garbage collector in a pool worker (Python's default: 700, 10, 10).  Why: a
#: worker allocates millions of short-lived containers (rows, sentence analyses, candidate pairs) and
#: holds large acyclic ones (the rows of a variant shard), which the default young threshold had the
#: collector walk over and over (3% of the variant stage's CPU on 3,000 PolNeAR articles; 5% with the
#: collector off).  Reference counting frees every acyclic object at once; only cycles wait longer.
#: No output depends on it.
WORKER_GC_THRESHOLDS = (50_000, 20, 100)


class TooManyFailures(CorpusError):
    """More articles failed than `--max-failures` allows (the CLI exits with status 1)."""

    def __init__(self, errors: list[dict[str, Any]], limit: int, where: Path):
        super().__init__([CorpusIssue(e.get("origin") or "-", e["reason"], e.get("id"), e["stage"]) for e in errors])
        self.args = (f"{len(errors)} article(s) failed, more than --max-failures {limit}; stopped "
                     f"(finished shards are kept: a rerun resumes). Every failure is in {where}:\n"
                     f"{listing(self.issues, 10)}",)


@dataclass
class Options:
    """Everything a run depends on besides its input and output folders."""

    shard_size: int = DEFAULT_SHARD_SIZE
    max_failures: int = DEFAULT_MAX_FAILURES
    published: str | None = None
    language: str = "en"
    home: str | None = None  # ISO 3166 code of where the source is published (a hint, never written)
    schema_dir: Path | None = None
    progress: bool = True


# ---------------------------------------------------------------- engines
class LocalEngine:
    """Units of work in this process (`workers <= 1`) or in a pool of `workers` processes."""

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool = None
        if self.workers > 1:
            import gc
            import multiprocessing

            # Load the gazetteer, registry and lexicons here, then fork: the workers share those pages
            # (frozen, so the collector of a worker does not touch and copy them).
            stages.warm_up()
            gc.freeze()
            self._pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=tune_worker_gc)

    def map_ordered(self, fn: Callable[[Any], Any], items: Iterable[Any], window: int | None = None) -> Iterator[Any]:
        """`fn` over `items`, results in input order, at most `window` (default `ANNOTATE_WINDOW` per worker)
        in flight."""
        if self._pool is None:
            yield from map(fn, items)
            return
        limit = window or ANNOTATE_WINDOW * self.workers
        pending: deque = deque()
        for item in items:
            pending.append(self._pool.apply_async(fn, (item,)))
            if len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def annotate(self, chunks: Iterable[list[tuple[int, dict]]], opts: Options, schema_dir: str) -> Iterator[dict]:
        fn = partial(stages.annotate_chunk, published=opts.published, language=opts.language, schema_dir=schema_dir,
                     home=opts.home)
        for results in self.map_ordered(fn, chunks):
            yield from results

    def cluster(self, sigs: Sequence[clusters.Signature]) -> list[list[int]]:
        return clusters.cluster(sigs)

    def align(self, tasks: Sequence[AlignTask]) -> Iterator[tuple[int, int, list[dict]]]:
        """Write every variant shard; yield (shard, pairs, errors) in shard order.

        Every task is submitted at once (a task is a folder name; each worker
        holds the rows of the one shard it aligns): a worker that finishes a
        short shard takes the next one instead of waiting until the oldest
        shard in flight is done.
        """
        yield from self.map_ordered(align_route, tasks, window=max(1, len(tasks)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()


def tune_worker_gc() -> None:
    """Pool initializer: the collector thresholds of a worker (`WORKER_GC_THRESHOLDS`)."""
    import gc

    gc.set_threshold(*WORKER_GC_THRESHOLDS)


@dataclass(frozen=True)
class AlignTask:
    """Variant shard `k`: its routed documents, where to write it, with which schemas."""

    k: int
    route: Path
    layout: shards.Layout
    schema_dir: str


def align_route(task: AlignTask) -> tuple[int, int, list[dict]]:
    """Align the clusters routed to one variant shard and write the shard (in the worker: no rows cross
    processes); return the shard number, its number of pairs and the cluster errors."""
    by_cluster: dict[int, list[tuple[int, dict]]] = {}
    for cluster_id, position, row in read_route(task.route):
        by_cluster.setdefault(cluster_id, []).append((position, row))
    rows, errors = [], []
    for cluster_id in sorted(by_cluster):
        result = stages.align_cluster(by_cluster[cluster_id])
        rows += result.get("rows", [])
        errors += result.get("errors", [])
    rows.sort(key=lambda r: r["id"])
    errors.sort(key=lambda e: e["position"])
    shards.write_variant_shard(task.layout, task.k, rows, stages.schemas_at(task.schema_dir), errors)
    return task.k, len(rows), errors


# ---------------------------------------------------------------- the run
@dataclass
class Run:
    """State of one run: layout, options, and what the finished shards recorded."""

    source: sources.Source
    layout: shards.Layout
    opts: Options
    schemas: Schemas
    total: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: Identical repeats of an earlier document (same id and text), left out of the output.
    repeats: int = 0

    def check_failures(self) -> None:
        if len(self.errors) > self.opts.max_failures:
            path = self.layout.out / "errors.jsonl"
            shards.write_errors(path, self.errors, self.layout.work)
            raise TooManyFailures(self.errors, self.opts.max_failures, path)


def run_key(source: sources.Source, total: int, opts: Options, schemas: Schemas) -> str:
    """What the shards depend on: input files, options, schemas and the package's code."""
    h = hashlib.sha256()
    parts = [source.fingerprint(), str(total), str(opts.shard_size), str(opts.published), opts.language,
             str(opts.home)]
    for name in sorted(schemas.documents):
        parts.append(hashlib.sha256((schemas.folder / name).read_bytes()).hexdigest())
    package = Path(__file__).resolve().parents[1]  # the wirespan package folder
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".jsonl") and path.is_file():
            parts.append(f"{path.relative_to(package)}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
    for part in parts:
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def prepare(out: Path, layout: shards.Layout, key: str) -> None:
    """Resume a run with the same key; start a stale or new one afresh; never touch a folder that is not ours."""
    run_file = layout.work / "run.json"
    ours = run_file.exists()
    if not ours:
        from wirespan.pipeline.annotate import check_out

        check_out(out)
    else:
        previous = json.loads(run_file.read_text(encoding="utf-8"))
        if previous.get("key") == key:
            return
    if layout.work.exists():
        shutil.rmtree(layout.work)
    if out.exists() and (ours or (out / "README.md").exists() and PRETTY_NAME in (out / "README.md").read_text("utf-8")):
        shutil.rmtree(out)
    shards.write_json_atomic({"key": key}, run_file)


def annotate_corpus(input_path: Path, out: Path, engine: Any | None = None, opts: Options | None = None) -> dict[str, Any]:
    """Annotate every document of `input_path` into the sharded silver dataset `out`; return a summary."""
    opts = opts or Options()
    if opts.shard_size < 1:
        raise InputError(f"--shard-size must be at least 1, got {opts.shard_size}")
    opts.published = check_date(opts.published, "--published")
    if isinstance(opts.home, str) and opts.home.strip().lower() == INFER:
        raise InputError("--home infer: annotate-corpus reads its input once, as a stream; give the code "
                         "(wirespan annotate --home infer, or wirespan.infer_home, reads it from a source's articles)")
    opts.home = check_home(opts.home, "--home")
    out = Path(out).resolve()
    source = sources.open_source(Path(input_path))
    schemas = Schemas(find_schema_dir(opts.schema_dir))
    total = sources.count(source)
    layout = shards.Layout(out, shards.n_shards(total, opts.shard_size), opts.shard_size)
    prepare(out, layout, run_key(source, total, opts, schemas))
    run = Run(source, layout, opts, schemas, total)
    engine = engine or LocalEngine()
    try:
        signatures = annotate_stage(run, engine)
        check_unique_ids(signatures, run)
        groups = engine.cluster(signatures)
        pairs = variant_stage(run, engine, groups)
    finally:
        engine.close()
    run.errors.sort(key=lambda e: (e["position"] if e["position"] is not None else -1, e["stage"]))
    run.check_failures()
    counts = shards.finalize(layout, schemas, Path(input_path), run.errors)
    return {"documents": total, "counts": counts, "errors": len(run.errors), "repeats": run.repeats,
            "clusters": len(groups),
            "largest_cluster": max((len(g) for g in groups), default=0), "pairs": pairs, "shards": layout.n_shards}


# ---------------------------------------------------------------- stage 1: articles
def annotate_stage(run: Run, engine: Any) -> list[clusters.Signature]:
    """Annotate and write every unfinished document shard; return the signatures of all documents."""
    from tqdm import tqdm

    layout = run.layout
    todo = []
    for k in range(layout.n_shards):
        marker = shards.done(layout, "documents", k)
        if marker is None:
            todo.append(k)
        else:
            run.errors += marker["errors"]
            run.repeats += marker.get("repeats", 0)
    finished = sum(len(layout.shard_range(k)) for k in range(layout.n_shards) if k not in todo)
    bar = tqdm(total=run.total, initial=min(finished, run.total), desc="articles", unit="article",
               file=sys.stderr, disable=not run.opts.progress, smoothing=0.1)
    pending: dict[int, list[dict]] = {}
    expected = {k: len(range(*_clip(layout.shard_range(k), run.total))) for k in todo}
    for result in engine.annotate(_chunks(run, todo), run.opts, str(run.schemas.folder)):
        k = result["position"] // layout.shard_size
        pending.setdefault(k, []).append(result)
        bar.update(1)
        if len(pending[k]) == expected[k]:
            _write_shard(run, k, pending.pop(k))
    bar.close()
    for k, results in pending.items():  # only an empty input leaves a shard with nothing pending
        _write_shard(run, k, results)
    for k in todo:
        if shards.done(layout, "documents", k) is None:
            _write_shard(run, k, [])
    return load_signatures(layout)


def _clip(r: range, total: int) -> tuple[int, int]:
    return r.start, min(r.stop, total)


def _chunks(run: Run, todo: Sequence[int]) -> Iterator[list[tuple[int, dict]]]:
    """Chunks of (position, document) of the unfinished shards, read lazily in one pass."""
    wanted = set(todo)
    if not wanted:
        return
    stop = (max(wanted) + 1) * run.layout.shard_size
    chunk: list[tuple[int, dict]] = []
    ids = UniqueInputs()  # every document from the first is admitted, so a repeat is told from its first copy
    shown = 0
    for position, doc in enumerate(sources.documents(run.source, 0, stop)):
        first = ids.admit(doc)
        if position // run.layout.shard_size not in wanted:
            continue
        if first is not None:  # counted when its shard is written (`_write_shard`), like a failure
            shown += 1
            if shown <= REPEATS_SHOWN:
                warn_stderr(repeat_warning(doc, first, ids.differing_hints(doc)))
            elif shown == REPEATS_SHOWN + 1:
                warn_stderr(f"more identical repeats are left out (counted in the summary; the first "
                            f"{REPEATS_SHOWN} are named above)")
            doc = {**doc, "repeat_of": first}
        if chunk and (len(chunk) >= CHUNK or chunk[0][0] // run.layout.shard_size != position // run.layout.shard_size):
            yield chunk
            chunk = []
        chunk.append((position, doc))
    if chunk:
        yield chunk


def _write_shard(run: Run, k: int, results: list[dict]) -> None:
    results = sorted(results, key=lambda r: r["position"])
    rows = [r["row"] for r in results if "row" in r]
    errors = [r["error"] for r in results if "error" in r]
    sigs = [r["signature"] for r in results if "signature" in r]
    repeats = sum(1 for r in results if "repeat_of" in r)
    save_signatures(run.layout, k, sigs)
    shards.write_document_shard(run.layout, k, rows, run.schemas, {"errors": errors, "repeats": repeats})
    run.errors += errors
    run.repeats += repeats
    run.check_failures()


def save_signatures(layout: shards.Layout, k: int, sigs: Sequence[clusters.Signature]) -> None:
    path = layout.work / "signatures" / f"{k:05d}.marshal"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(marshal.dumps([(s.position, s.doc_id, s.hashes, s.entities, s.published) for s in sigs]))
    os.replace(tmp, path)


def load_signatures(layout: shards.Layout) -> list[clusters.Signature]:
    out = []
    for k in range(layout.n_shards):
        path = layout.work / "signatures" / f"{k:05d}.marshal"
        out += [clusters.Signature(*values) for values in marshal.loads(path.read_bytes())]
    return out


def check_unique_ids(sigs: Sequence[clusters.Signature], run: Run) -> None:
    seen: dict[str, int] = {}
    for s in sigs:
        if s.doc_id in seen:
            raise InputError(f"{run.source.path}: document id {s.doc_id} of document {s.position} is also the id "
                             f"of document {seen[s.doc_id]} (ids must be unique)")
        seen[s.doc_id] = s.position


# ---------------------------------------------------------------- stage 3: variants
def variant_stage(run: Run, engine: Any, groups: list[list[int]]) -> int:
    """Align every cluster; write every unfinished variant shard; return the number of pairs."""
    from tqdm import tqdm

    layout = run.layout
    shard_of_cluster = variant_shards(groups, layout.shard_size, layout.n_shards)
    todo, pairs = [], 0
    for k in range(layout.n_shards):
        marker = shards.done(layout, "variants", k)
        if marker is None:
            todo.append(k)
        else:
            pairs += marker["pairs"]
            run.errors += marker["errors"]
    if todo:
        route(run, groups, shard_of_cluster, set(todo))
    bar = tqdm(total=len(todo), desc="variants", unit="shard", file=sys.stderr, disable=not run.opts.progress)
    tasks = [AlignTask(k, layout.work / "route" / f"{k:05d}", layout, str(run.schemas.folder)) for k in todo]
    for _, n, errors in engine.align(tasks):
        run.errors += errors
        pairs += n
        bar.update(1)
    bar.close()
    shutil.rmtree(layout.work / "route", ignore_errors=True)
    return pairs


def variant_shards(groups: Sequence[Sequence[int]], shard_size: int, n_shards: int) -> list[int]:
    """The variant shard of every cluster: clusters in order, at most about `shard_size` documents per shard.

    Why not the shard of a cluster's first document: copies of one article
    spread over the whole input gather in clusters that all start near the
    beginning, and a few variant shards (each aligned in one worker, its
    rows held until written) would get most of the corpus.
    """
    out, before = [], 0
    for g in groups:
        out.append(min(before // shard_size, n_shards - 1))
        before += len(g)
    return out


def route(run: Run, groups: list[list[int]], shard_of_cluster: list[int], todo: set[int]) -> None:
    """The shuffle: each document shard is read once and its rows go to the route folder of their variant shard."""
    layout = run.layout
    cluster_of = {p: c for c, g in enumerate(groups) for p in g}
    position_of = {s.doc_id: s.position for s in load_signatures(layout)}
    root = layout.work / "route"
    if root.exists():
        shutil.rmtree(root)
    for k in range(layout.n_shards):
        table = pq.read_table(layout.path("documents", k))
        if not table.num_rows:
            continue
        positions = [position_of[i] for i in table.column("id").to_pylist()]
        cids = [cluster_of[p] for p in positions]
        targets = [shard_of_cluster[c] for c in cids]
        table = table.append_column("_position", pa.array(positions, pa.int64()))
        table = table.append_column("_cluster", pa.array(cids, pa.int64()))
        for v in sorted(set(targets) & todo):
            mask = pa.array([t == v for t in targets])
            path = root / f"{v:05d}" / f"{k:05d}.arrow"
            path.parent.mkdir(parents=True, exist_ok=True)
            feather.write_feather(table.filter(mask), path, compression="lz4")


def read_route(folder: Path) -> list[tuple[int, int, dict]]:
    """(cluster, position, document row) of every document routed to one variant shard."""
    out = []
    for path in sorted(Path(folder).glob("*.arrow")):
        table = feather.read_table(path)
        clusters_col = table.column("_cluster").to_pylist()
        positions = table.column("_position").to_pylist()
        rows = table.drop_columns(["_cluster", "_position"]).to_pylist()
        out += zip(clusters_col, positions, rows)
    return out
