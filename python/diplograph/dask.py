"""diplograph.dask: extraction spread over a Dask distributed cluster, merged into one store.

Extraction is per document and is the costly step, so it is what runs on the workers; the merge
of their per-document records is one bulk write (DESIGN.md, "Beyond one machine").

    from distributed import Client, LocalCluster
    import diplograph.dask as dgd

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1") as cluster, \\
            Client(cluster) as client:
        run = dgd.extract(client, ["news.jsonl"], "shards/")   # shards/part-00000.jsonl, ...
    dgd.merge(run.shards, "news.db")                           # = diplograph ingest --format documents

Inputs are JSON Lines article records ({id, title, date, source, url, text}), the records
`diplograph extract` reads. partitions() cuts them into line-aligned byte ranges; each worker reads
its range (the input paths must be readable on every worker: a shared file system, or the same
files on every host), extracts it through the module (diplograph.extract_records, the CLI's
extraction byte for byte) and writes one shard of per-document records into `out_dir` (which must
be shared too, or gathered before the merge). Shards merged in any order, or twice, give the store
one `diplograph ingest` of the articles gives.
"""

import os
from dataclasses import dataclass, field

import diplograph

__all__ = ["Partition", "Run", "partitions", "extract_partition", "extract", "merge"]


@dataclass(frozen=True)
class Partition:
    """Lines [first_line, first_line + lines) of `path`: bytes [start, end) of it."""

    path: str
    start: int
    end: int
    first_line: int
    lines: int


@dataclass
class Run:
    shards: list = field(default_factory=list)  # the shard files written, in partition order
    documents: int = 0  # records written to the shards
    errors: list = field(default_factory=list)  # "FILE:LINE: message" of each bad record


def partitions(paths, count=None, target_bytes=8 << 20):
    """Line-aligned byte ranges of the files `paths`: about `count` in all (or pieces of about
    `target_bytes` when count is None). Reads each file once, counting lines, so that errors name
    the file's own line numbers."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    sizes = [os.path.getsize(p) for p in paths]
    total = sum(sizes)
    if count:
        target_bytes = max(1, -(-total // count))
    out = []
    for path, size in zip(paths, sizes):
        start, first_line, line, pos = 0, 1, 1, 0
        with open(path, "rb") as f:
            for raw in f:
                pos += len(raw)
                line += 1
                if pos - start >= target_bytes:
                    out.append(Partition(path, start, pos, first_line, line - first_line))
                    start, first_line = pos, line
        if pos > start:
            out.append(Partition(path, start, pos, first_line, line - first_line))
    return out


def extract_partition(part, out_path, date=None, source=""):
    """Extracts one partition into the shard `out_path` (per-document records, one a line).
    Runs on a worker; returns (out_path, documents, errors)."""
    with open(part.path, "rb") as f:
        f.seek(part.start)
        data = f.read(part.end - part.start)
    records = data.decode("utf-8", errors="replace").split("\n")
    if records and records[-1] == "":
        records.pop()
    lines, errors = diplograph.extract_records(
        records, emit="documents", path=part.path, first_line=part.first_line, date=date,
        source=source)
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line)
            out.write("\n")
    os.replace(tmp, out_path)  # a shard is there whole or not at all
    return out_path, len(lines), errors


def extract(client, paths, out_dir, partitions_per_worker=4, date=None, source=""):
    """Extracts the JSON Lines files `paths` on the workers of the distributed.Client `client`
    into shards out_dir/part-NNNNN.jsonl. Returns a Run (shards in partition order, documents
    written, bad records). Raises what a worker raised."""
    os.makedirs(out_dir, exist_ok=True)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    parts = partitions(paths, count=workers * partitions_per_worker)
    futures = [
        client.submit(extract_partition, p, os.path.join(out_dir, f"part-{i:05d}.jsonl"), date,
                      source, key=f"diplograph-extract-{i:05d}-{os.path.abspath(out_dir)}",
                      pure=False)
        for i, p in enumerate(parts)
    ]
    run = Run()
    for shard, documents, errors in client.gather(futures):
        run.shards.append(shard)
        run.documents += documents
        run.errors.extend(errors)
    return run


def merge(shards, db_path, allow_mixed_knowledge=False):
    """Merges shard files into the store at `db_path` through the bulk path, as `diplograph
    ingest --format documents SHARD...` does. Returns the ingest counts."""
    with diplograph.open(db_path) as db:
        return db.ingest([os.fspath(s) for s in shards], format="documents",
                         allow_mixed_knowledge=allow_mixed_knowledge)
