"""The Ray Data engine of `wirespan annotate-corpus --engine ray`.

Why Ray Data: it runs the same pipeline on one machine or on a cluster
(`--address`), streams blocks through the workers, and re-runs the tasks of
a worker that dies (`max_retries`).  The work is the same as the local
engine's (`stages`): the per-article stage is a `map_batches` over blocks of
articles, the clustering stage a `groupby` over LSH band and entity keys,
the variant stage a `groupby` over cluster ids.  Ray writes nothing: the
results come back in input order (`preserve_order`) and `stream` writes the
shards with pyarrow, so both engines write byte-identical files (Ray's own
`write_parquet` names and splits files as its scheduler likes).
"""

from __future__ import annotations

import os
import pickle
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.feather as feather

from wirespan.pipeline import clusters, shards, stages

#: Documents handed to Ray per dataset (bounds the driver's memory on large inputs).
WINDOW = 5000
#: Variant shards aligned per groupby (bounds the driver's memory).
SHARDS_PER_GROUPBY = 2
#: Hash partitions of a groupby (Ray's default, 200, is made for big clusters: mostly empty tasks here).
GROUPBY_PARTITIONS = 16
#: Task retries after a worker process dies.
MAX_RETRIES = 4


class RayEngine:
    """Runs the stages on Ray Data: in this process's own Ray, or on the cluster at `address`."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None, batch_size: int = 20) -> None:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        import ray

        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                kwargs["address"] = address
            else:  # a private single-machine cluster: keep it on the loopback address
                kwargs["_node_ip_address"] = "127.0.0.1"
                if workers:
                    kwargs["num_cpus"] = workers
            ray.init(**kwargs)
        self._owns = not address
        self.batch_size = batch_size
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False

    # ------------------------------------------------------------ articles
    def annotate(self, chunks: Iterable[list[tuple[int, dict]]], opts: Any, schema_dir: str) -> Iterator[dict]:
        window: list[tuple[int, dict]] = []
        for chunk in chunks:
            window += chunk
            if len(window) >= WINDOW:
                yield from self._annotate_window(window, opts, schema_dir)
                window = []
        if window:
            yield from self._annotate_window(window, opts, schema_dir)

    def _annotate_window(self, docs: list[tuple[int, dict]], opts: Any, schema_dir: str) -> Iterator[dict]:
        import ray

        table = pa.table({"position": pa.array([p for p, _ in docs], pa.int64()),
                          "doc": pa.array([pickle.dumps(d, protocol=5) for _, d in docs], pa.binary())})
        ds = ray.data.from_arrow(table).map_batches(
            _annotate_batch, batch_size=self.batch_size, batch_format="pyarrow", zero_copy_batch=True,
            fn_kwargs={"published": opts.published, "language": opts.language, "schema_dir": schema_dir,
                       "home": opts.home},
            max_retries=MAX_RETRIES)
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            for payload in batch.column("result").to_pylist():
                yield pickle.loads(payload)

    # ------------------------------------------------------------ clusters
    def cluster(self, sigs: Sequence[clusters.Signature]) -> list[list[int]]:
        import ray

        keys, positions = [], []
        for s in sigs:
            for key in clusters.band_keys(s) + clusters.entity_keys(s):
                keys.append(key)
                positions.append(s.position)
        if not keys:
            return clusters.merge((s.position for s in sigs), [])
        table = pa.table({"key": pa.array(keys, pa.string()), "position": pa.array(positions, pa.int64())})
        grouped = ray.data.from_arrow(table).groupby("key", num_partitions=GROUPBY_PARTITIONS).map_groups(
            _group_pairs, batch_format="pyarrow", max_retries=MAX_RETRIES)
        text: set[tuple[int, int]] = set()
        shared: Counter = Counter()
        for batch in grouped.iter_batches(batch_format="pyarrow", batch_size=None):
            for kind, a, b in zip(*(batch.column(c).to_pylist() for c in ("kind", "a", "b"))):
                if kind == "e":
                    shared[(a, b)] += 1
                else:
                    text.add((a, b))
        return clusters.merge((s.position for s in sigs), clusters.scored_edges(sigs, text, shared))

    # ------------------------------------------------------------ variants
    def align(self, tasks: Iterable[Any]) -> Iterator[tuple[int, int, list[dict]]]:
        """Write every variant shard (`stream.AlignTask`); yield (shard, pairs, errors) in shard order."""
        import ray

        tasks = list(tasks)
        for i in range(0, len(tasks), SHARDS_PER_GROUPBY):
            yield from self._align_window(tasks[i:i + SHARDS_PER_GROUPBY], ray)

    def _align_window(self, tasks: list[Any], ray: Any) -> Iterator[tuple[int, int, list[dict]]]:
        tables = []
        for task in tasks:
            for path in sorted(Path(task.route).glob("*.arrow")):
                t = feather.read_table(path)
                tables.append(t.append_column("_shard", pa.array([task.k] * t.num_rows, pa.int64())))
        results: dict[int, tuple[list[dict], list[dict]]] = {task.k: ([], []) for task in tasks}
        if tables:
            grouped = ray.data.from_arrow(pa.concat_tables(tables)).groupby("_cluster", num_partitions=GROUPBY_PARTITIONS)
            ds = grouped.map_groups(_align_group, batch_format="pyarrow", max_retries=MAX_RETRIES)
            for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
                for k, payload in zip(batch.column("shard").to_pylist(), batch.column("result").to_pylist()):
                    result = pickle.loads(payload)
                    results[k][0].extend(result.get("rows", []))
                    results[k][1].extend(result.get("errors", []))
        for task in tasks:
            rows, errors = results[task.k]
            rows.sort(key=lambda r: r["id"])
            errors.sort(key=lambda e: e["position"])
            shards.write_variant_shard(task.layout, task.k, rows, stages.schemas_at(task.schema_dir), errors)
            yield task.k, len(rows), errors

    def close(self) -> None:
        import ray

        if ray.is_initialized():
            ray.shutdown()


# ---------------------------------------------------------------- remote functions (module level: picklable)
def _annotate_batch(batch: pa.Table, published: str | None, language: str, schema_dir: str,
                    home: str | None = None) -> pa.Table:
    positions = batch.column("position").to_pylist()
    docs = [pickle.loads(d) for d in batch.column("doc").to_pylist()]
    results = stages.annotate_chunk(list(zip(positions, docs)), published, language, schema_dir, home)
    return pa.table({"result": pa.array([pickle.dumps(r, protocol=5) for r in results], pa.binary())})


def _group_pairs(group: pa.Table) -> pa.Table:
    key = group.column("key")[0].as_py()
    cap = clusters.ENTITY_DF_CAP if key.startswith("e:") else clusters.MAX_BAND_GROUP
    pairs = clusters.group_pairs(group.column("position").to_pylist(), cap)
    kind = "e" if key.startswith("e:") else "t"
    return pa.table({"kind": pa.array([kind] * len(pairs), pa.string()),
                     "a": pa.array([a for a, _ in pairs], pa.int64()),
                     "b": pa.array([b for _, b in pairs], pa.int64())})


def _align_group(group: pa.Table) -> pa.Table:
    shard = group.column("_shard")[0].as_py()
    positions = group.column("_position").to_pylist()
    rows = group.drop_columns(["_shard", "_cluster", "_position"]).to_pylist()
    result = stages.align_cluster(list(zip(positions, rows)))
    return pa.table({"shard": pa.array([shard], pa.int64()),
                     "result": pa.array([pickle.dumps(result, protocol=5)], pa.binary())})


__all__ = ["RayEngine"]
