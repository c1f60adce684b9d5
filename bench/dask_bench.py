"""dask_bench.py: diplograph.dask on a LocalCluster of 1 and of 2 worker processes (127.0.0.1),
over JSON Lines news records: the time to extract them into shards on the workers (the cluster
started and each worker's knowledge loaded before the clock starts), and the time of the merge.

    PYTHONPATH=build/python python3 bench/dask_bench.py FILE.jsonl... [--workers 1,2]

Debian's python3-distributed; a pyenv Python of Debian's version finds it in
/usr/lib/python3/dist-packages. Compare within one run: the machines are shared and noisy.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

try:
    import distributed
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")
    import distributed

import diplograph
import diplograph.dask as dgd


def warm():
    diplograph.extract("Lavrov called Blinken.", date="2021-08-16")  # loads the knowledge
    return os.getpid()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    size = sum(os.path.getsize(f) for f in args.files)
    records = sum(1 for f in args.files for _ in open(f, encoding="utf-8"))
    print(f"input: {records} records, {size / 1e6:.1f} MB")
    for n in (int(x) for x in args.workers.split(",")):
        tmp = tempfile.mkdtemp(prefix="dask-bench-")
        try:
            with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                          host="127.0.0.1", dashboard_address=None) as cluster, \
                    distributed.Client(cluster) as client:
                client.run(warm)
                t = time.perf_counter()
                run = dgd.extract(client, args.files, os.path.join(tmp, "shards"))
                extract_s = time.perf_counter() - t
            t = time.perf_counter()
            counts = dgd.merge(run.shards, os.path.join(tmp, "db"))
            merge_s = time.perf_counter() - t
            print(f"{n} worker(s): extract {extract_s:.2f} s ({size / 1e6 / extract_s:.2f} MB/s, "
                  f"{len(run.shards)} shards, {run.documents} records), merge {merge_s:.2f} s "
                  f"({counts['documents']} documents, {counts['events_new']} events)")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
