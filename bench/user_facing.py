"""What users see, on the data of ../shared/peerbench (gen_events.py): the CLI as a whole process
(start, open, answer, exit) and the Python module in process, beside the engine figures of
query_bench. Compare within one run: the machines are shared and noisy.

  python3 bench/user_facing.py DATA_DIR DIPLOGRAPH_BINARY [PYTHONPATH_OF_THE_MODULE]

DATA_DIR holds events.csv, pairs.txt and hub.txt (peerbench's gen_events.py writes them). The
store is DATA_DIR/dg-user.db, made by `ingest --format csv` of the file with its own ids (e0, e1,
...) under a header line, unless it exists.
"""
import os
import statistics
import subprocess
import sys
import time

data, binary = sys.argv[1], sys.argv[2]
if len(sys.argv) > 3:
    sys.path.insert(0, sys.argv[3])
db = os.path.join(data, "dg-user.db")
pairs = [line.strip().split(",") for line in open(os.path.join(data, "pairs.txt"))]
hub = open(os.path.join(data, "hub.txt")).read().strip()


def wall(args, runs=7):
    """Median wall time of a whole CLI process, in ms."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)


if not os.path.isdir(db):
    csv = os.path.join(data, "events-h.csv")
    if not os.path.exists(csv):
        with open(csv, "w") as out, open(os.path.join(data, "events.csv")) as src:
            out.write("source,target,date,type,id\n")
            out.writelines(src)
    t = time.perf_counter()
    subprocess.run([binary, "ingest", "--db", db, "--format", "csv", csv], check=True,
                   stderr=subprocess.DEVNULL)
    print(f"ingest --format csv (ids as given): {time.perf_counter() - t:.2f} s, whole process")

a, b = pairs[0]
print(f"CLI path {a} {b}: median {wall(['path', '--db', db, a, b]):.0f} ms, whole process")
print(f"CLI timeline {hub} 2010: median "
      f"{wall(['timeline', '--db', db, hub, '--from', '2010-01-01', '--to', '2010-12-31']):.0f} ms,"
      " whole process")
print(f"CLI --help (process start alone): median {wall(['--help']):.0f} ms")

import diplograph  # noqa: E402

try:  # DataFrames need pandas; a pyenv Python of Debian's version may use Debian's python3-pandas
    import pandas  # noqa: F401
except ImportError:
    if sys.version_info[:2] == (3, 11):
        sys.path.append("/usr/lib/python3/dist-packages")

t = time.perf_counter()
g = diplograph.open(db, read_only=True)
opened = (time.perf_counter() - t) * 1e3


def call(fn):
    t = time.perf_counter()
    try:
        fn()
    except LookupError:
        pass
    return (time.perf_counter() - t) * 1e3


first = [call(lambda: g.paths(x, y, mode="fewest-hops", max_hops=12)) for x, y in pairs]
again = [call(lambda: g.paths(x, y, mode="fewest-hops", max_hops=12)) for x, y in pairs]
print(f"Python open {opened:.0f} ms; fewest-hops with evidence: first call on the handle "
      f"{first[0]:.1f} ms, first call per pair median {statistics.median(first):.2f} ms, "
      f"repeated median {statistics.median(again):.2f} ms")
ea = [call(lambda: g.paths(x, y, mode="earliest-arrival", start="2010-01-01", end="2010-12-31",
                          max_hops=12)) for x, y in pairs]
print(f"Python earliest arrival 2010: first {ea[0]:.0f} ms (narrows the projection), then "
      f"median {statistics.median(ea[1:]):.2f} ms")
for frame in (False, True):
    lat = [call(lambda: g.timeline(hub, start="2010-01-01", end="2010-12-31", frame=frame))
           for _ in range(7)]
    print(f"Python timeline {hub} 2010 as {'DataFrame' if frame else 'dicts'}: first "
          f"{lat[0]:.0f} ms, median {statistics.median(lat):.0f} ms")
