#!/usr/bin/env python3
"""Runs PETRARCH's own unit-test records (PETR.UnitTest.records.xml) through diplograph, with the
suite's dictionaries (PETR.Validate.*) loaded at run time: the verbs converted by
scripts/petrarch/verbs.py (extract --patterns), the actors as they are (extract --dict reads
their CAMEO format), and reports the pass rate. A report, not a test with a floor: the
suite tests a coder's mechanics (compound actors, agents, passives, date-restricted codes,
discards) on fictional actors, so no real-world knowledge can be fitted to it.

  python3 scripts/petrarch_unittest.py [--binary build/diplograph] [--peers DIR] [--out TSV]
                                       [--keep DIR] [--details]

What is compared, per record: the set of (source code, target code, event code) triples we
produce against the record's <EventCoding> set (see COMPARISON below, printed with the result).
Writes a TSV of record ids and codes (no sentence text) to --out (default
evaluation/petrarch_unittest.tsv). Exits 0 when the run completed, whatever the pass rate; 77
(ctest's skip code) when the suite is absent; 1 or 2 when something failed.
Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in scripts/petrarch from a test run
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "petrarch"))

import actors  # noqa: E402
import verbs  # noqa: E402

SKIP = 77
RECORDS = "PETR.UnitTest.records.xml"
VERBS = "PETR.Validate.verbs.txt"
ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"
DISCARDS = "PETR.Validate.discards.txt"
# Our event types that link two parties without a direction (src/model/event.cpp is_undirected).
UNDIRECTED = {"call", "meeting", "negotiate", "agreement", "fight"}

COMPARISON = """\
Comparison: a record passes when the set of (source code, target code, event code) triples we
produce for it equals the set its <EventCoding> lines expect; a record expecting no event
(noevents, or an error/discard) passes when we produce none. Our actor code is the "code" of the
actor in our event JSON: a --dict actor carries its dictionary code (ARN), a group named by a
country carries country + sector (RUSCOP, ARNGOV); an actor without a code is written ?NAME
and matches nothing; a missing target is '---'. Our undirected types (call, meeting, negotiate,
agreement, fight) match an expected triple in either direction. Looser measures: 'roots'
compares only the first three letters of each actor code (the state or actor, not the agents:
ARNGOV ~ ARN); 'codes' compares only the set of event codes, ignoring actors. Statuses
(planned, denied) are not compared: PETRARCH codes no status."""


def fail(msg, code=2):
    print("petrarch_unittest: " + msg, file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------- records

class Record:
    def __init__(self, ordinal, elem, config, include):
        self.ordinal = ordinal
        self.id = elem.get("id", "")
        self.category = elem.get("category", "")
        self.date = elem.get("date", "")
        self.include = self.category in include
        self.config = dict(config)
        self.expected = []      # (source, target, code)
        self.noevents = False
        self.error = ""
        for ec in elem.findall("EventCoding"):
            if ec.get("noevents", "").lower() == "true":
                self.noevents = True
            elif ec.get("error"):
                self.error = ec.get("error")
            elif ec.get("eventcode") is not None:
                self.expected.append((ec.get("sourcecode", ""), ec.get("targetcode", ""),
                                      ec.get("eventcode", "")))
        text = elem.find("Text")
        self.text = " ".join((text.text or "").split()) if text is not None else ""
        self.doc = "r%03d" % ordinal
        self.got = []           # (source, target, code, type, pattern)

    @property
    def iso_date(self):
        d = self.date
        return "%s-%s-%s" % (d[:4], d[4:6], d[6:8]) if len(d) == 8 and d.isdigit() else None

    @property
    def feature(self):
        """The id's prefix (DEMO, AGENT, COMMA, PASSIVE, DISCARD, ...): finer than the category."""
        head = self.id.split("-")[0].upper()
        if head.startswith("AFP") or head.startswith("TABDEBUG") or head.startswith("TEXTCODES"):
            return "PARSING"
        return head.rstrip("S") if head in ("AGENTS",) else head


def read_records(path):
    root = ET.parse(path).getroot()
    env = root.find("Environment")
    include = set()
    config = {}
    if env is not None:
        inc = env.find("Include")
        if inc is not None and inc.text:
            include = set(inc.text.split())
        for c in env.findall("Config"):
            config[c.get("option")] = c.get("value")
    out = []
    sentences = root.find("Sentences")
    for elem in (sentences if sentences is not None else []):
        if elem.tag == "Config":
            # A <Config> between records changes a coder option from there on.
            config[elem.get("option")] = elem.get("value")
        elif elem.tag == "Sentence":
            out.append(Record(len(out) + 1, elem, config, include))
    return out, include


# ---------------------------------------------------------------- conversion

def convert(peers, work):
    """Converts the PETR.Validate verb dictionary into work/patterns.tsv (--patterns); the actor
    dictionary is read as it is (extract --dict reads the CAMEO format, comments, dated codes and
    all). Returns a report {section: [(what, count)]} and the code roots of the actor entries with
    date-restricted codes."""
    report = collections.OrderedDict()
    verbs.read_prepositions(peers)
    stats, dropped, codes_dropped = verbs.convert_runtime(
        os.path.join(peers, VERBS), os.path.join(work, "patterns.tsv"), verbs.cameo_table(REPO))
    report["verbs (" + VERBS + " -> --patterns)"] = (
        [(k, v) for k, v in stats.items()] + [("dropped: " + k, v) for k, v in sorted(dropped.items())])
    report["verbs: codes dropped (not CAMEO: WEIS roots 21-22, test labels 9xx, 345, 174K, ...)"] = [
        (" ".join("%s:%d" % (c, n) for c, n in sorted(codes_dropped.items())), sum(codes_dropped.values()))]
    dated = set()
    entries = actors.read_actors(os.path.join(peers, ACTORS), xml_comments=True)
    with_dates = 0
    for e in entries:
        if any(c[3] for c in e.codes):
            with_dates += 1
            dated.update(c[0][:3] for c in e.codes)
    report["actors (" + ACTORS + " -> --dict as it is)"] = [
        ("entries", len(entries)), ("entries with date-restricted codes", with_dates)]
    report["agents (" + AGENTS + "): no run-time option"] = agent_coverage(peers)
    report["discards (" + DISCARDS + "): no run-time option"] = discard_counts(peers)
    return report, dated


def agent_coverage(peers):
    """Agents cannot be given at run time (only the built-in lexicon/groups.tsv, agents.tsv and
    bodies.tsv are read): how many of the suite's agent phrases the built-in tables hold, with
    the same sector."""
    counts = collections.Counter()
    phrases = actors.read_agents(os.path.join(peers, AGENTS), counts)
    table = {}
    for f in ("groups.tsv", "agents.tsv", "bodies.tsv"):
        for r in actors.read_tsv(os.path.join(REPO, "data", "lexicon", f)):
            if len(r) >= 3:
                table.setdefault(actors.norm(r[0]), r[2] if f != "bodies.tsv" else r[2])
    same = other = missing = 0
    for form, code, _ in phrases:
        key = actors.norm(form.replace("_", " ").replace("!", ""))
        if key not in table:
            missing += 1
        elif table[key][:3] == code[:3]:
            same += 1
        else:
            other += 1
    out = [("agent phrases (plurals, substitution sets expanded)", len(phrases)),
           ("in our built-in tables with the same sector", same),
           ("in our built-in tables with another sector", other),
           ("not in our built-in tables", missing)]
    out += [(k, v) for k, v in sorted(counts.items())]
    return out


def discard_counts(peers):
    story = sentence = 0
    with open(os.path.join(peers, DISCARDS), encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("+"):
                story += 1
            else:
                sentence += 1
    return [("story discards (+)", story), ("sentence discards", sentence)]


# ---------------------------------------------------------------- extraction

def actor_code(a):
    if not a:
        return "---"
    return a.get("code") or "?" + a.get("name", "")


def extract(binary, records, work, actor_dictionary):
    path = os.path.join(work, "records.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            if not r.text:
                continue
            obj = {"id": r.doc, "text": r.text}
            if r.iso_date:
                obj["date"] = r.iso_date
            f.write(json.dumps(obj) + "\n")
    cmd = [binary, "extract", path, "--json", "--threads", "1",
           "--dict", actor_dictionary,
           "--patterns", os.path.join(work, "patterns.tsv")]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), proc.returncode,
                                     proc.stderr.decode("utf-8", "replace").strip()), 1)
    by_doc = {r.doc: r for r in records}
    for line in proc.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        triple = (actor_code(e.get("source")), actor_code(e.get("target")), e.get("cameo", ""),
                  e.get("type", ""))
        # One event of ours may carry mentions from several records (the same text and date).
        seen = set()
        for m in e.get("mentions", []):
            r = by_doc.get(m.get("doc"))
            if r is None or r.doc in seen:
                continue
            seen.add(r.doc)
            r.got.append(triple + (m.get("pattern", ""),))


# ---------------------------------------------------------------- comparison

def oriented(expected, got, root=False):
    """Our triples as a set, an undirected event turned to the direction the record expects."""
    cut = (lambda c: c[:3]) if root else (lambda c: c)
    exp = {(cut(s), cut(t), c) for s, t, c in expected}
    out = set()
    for s, t, c, typ, _ in got:
        x = (cut(s), cut(t), c)
        if typ in UNDIRECTED and x not in exp and (x[1], x[0], c) in exp:
            x = (x[1], x[0], c)
        out.add(x)
    return exp, out


def judge(r):
    """(strict, roots, codes) pass flags of a record."""
    if not r.expected:
        empty = not r.got
        return empty, empty, empty
    exp, got = oriented(r.expected, r.got)
    exp_r, got_r = oriented(r.expected, r.got, root=True)
    codes = {c for _, _, c in r.expected} == {g[2] for g in r.got}
    return exp == got, exp_r == got_r, codes


# Why a record fails, in order of priority (a record's first reason is its primary one).
R_ERROR = "discard or error record (no run-time discard list): we coded an event"
R_NOEVENT = "expects no event: we coded one"
R_CODE = "expected event code is not CAMEO (the converter drops its pattern)"
R_NEWACTOR = "compound or new-actor code expected ([FRO/BIL/SAM], quoted text, ###)"
R_RECIPROCAL = "reciprocal pair [a:b] (one pattern codes one event)"
R_DATED = "date-restricted code: another of the actor's codes produced"
R_NULL = "null actor expected (---: require_dyad=false, unknown actor)"
R_SWAPPED = "source and target swapped (passive voice)"
R_AGENT = "agent code wrong, actor roots right (GOV, LEG, ... of the suite's agents)"
R_ACTORS = "event code right, actors wrong (coordination lists, a missing or other target)"
R_MISSING = "expected event code not produced"
R_NOTHING = "no event at all"
R_INTENT = "extra 03x intent with a planned 05-07 event (our CAMEO rule)"
R_UNDIRECTED = "undirected CAMEO type links coordinated subjects (WEIS 041 read as CAMEO 041 call)"
R_UNTARGETED = "extra event with no target (PETRARCH's require_dyad drops it; 'official said' 023)"
R_DOMESTIC = "extra event aimed at the source's own state (our domestic-event rule)"
R_BUILTIN = "extra event from a built-in pattern"
R_EXTRA = "extra event from another of the suite's patterns"
PRIORITY = [R_ERROR, R_NOEVENT, R_CODE, R_NEWACTOR, R_RECIPROCAL, R_DATED, R_NULL,
            R_SWAPPED, R_AGENT, R_ACTORS, R_MISSING, R_NOTHING, R_INTENT, R_UNDIRECTED,
            R_UNTARGETED, R_DOMESTIC, R_BUILTIN, R_EXTRA]


def reasons(r, cameo_codes, dated):
    """The reasons a record fails, from its missing and extra triples (several may hold)."""
    if r.error:
        return [R_ERROR]
    if not r.expected:
        return [R_NOEVENT]
    found = set()
    exp, got = oriented(r.expected, r.got)
    got_roots = {(s[:3], t[:3], c) for s, t, c in got}
    exp_roots = {(s[:3], t[:3], c) for s, t, c in exp}
    pairs = {(s, t) for s, t, _ in exp}
    sources = {s for s, _, _ in exp}
    for s, t, c in exp - got:
        if not verbs.known_code(c, cameo_codes):
            found.add(R_CODE)
        elif any("/" in x or x.startswith('"') or x.startswith("###") for x in (s, t)):
            found.add(R_NEWACTOR)
        elif s != t and (t, s) in pairs and any((g[0], g[1]) == (t, s) for g in got):
            found.add(R_RECIPROCAL)
        elif (s[:3] in dated or t[:3] in dated) and (s[:3], t[:3], c) in got_roots:
            found.add(R_DATED)
        elif s.startswith("---") or t.startswith("---"):
            found.add(R_NULL)
        elif (t, s, c) in got:
            found.add(R_SWAPPED)
        elif (s[:3], t[:3], c) in got_roots:
            found.add(R_AGENT)
        elif any(g[2] == c and g[3] in UNDIRECTED and g[0] in sources and g[1] in sources
                 for g in r.got):
            # "Mordor, Rohan, Fornost and Bree welcomed ...": WEIS 041 is CAMEO 041, a call,
            # undirected: coordinated subjects with no object are linked to each other.
            found.add(R_UNDIRECTED)
        elif any(g[2] == c for g in got):
            found.add(R_ACTORS)
        elif got:
            found.add(R_MISSING)
        else:
            found.add(R_NOTHING)
    kinds = {}
    for s, t, c, typ, pat in r.got:
        kinds.setdefault((s, t, c), (typ, pat))
        kinds.setdefault((t, s, c), (typ, pat))
    missing_codes = {c for _, _, c in exp - got}
    for s, t, c in got - exp:
        typ, pat = kinds.get((s, t, c), ("", ""))
        if (t, s, c) in exp or (s[:3], t[:3], c) in exp_roots or c in missing_codes:
            continue  # the wrong version of a missing triple: counted above
        if R_CODE in found and pat.startswith("petr:"):
            continue  # the verb's default, left to fire when the code's pattern was dropped
        if c in ("031", "032", "033") and any(g[2][:2] in ("05", "06", "07") for g in got):
            found.add(R_INTENT)
        elif typ in UNDIRECTED:
            found.add(R_UNDIRECTED)
        elif t == "---":
            found.add(R_UNTARGETED)
        elif s[:3] == t[:3]:
            found.add(R_DOMESTIC)
        elif not pat.startswith("petr:"):
            found.add(R_BUILTIN)
        else:
            found.add(R_EXTRA)
    return [x for x in PRIORITY if x in found]


# ---------------------------------------------------------------- report

def rate(rows):
    n = len(rows)
    return "%3d/%-3d %5.1f%%" % (sum(rows), n, 100.0 * sum(rows) / n) if n else "  -"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.environ.get("DIPLOGRAPH_BINARY",
                                                       os.path.join(REPO, "build", "diplograph")))
    ap.add_argument("--peers", default=os.path.join(REPO, "..", "shared", "peers", "petrarch2"))
    ap.add_argument("--out", default=os.path.join(REPO, "evaluation", "petrarch_unittest.tsv"))
    ap.add_argument("--keep", help="write the converted dictionaries here (default: a temp dir)")
    ap.add_argument("--details", action="store_true", help="print each failing record's codes")
    a = ap.parse_args()
    needed = [RECORDS, VERBS, ACTORS, AGENTS, DISCARDS, "Phoenix.prepositions.txt"]
    if not os.path.isdir(a.peers) or not all(os.path.exists(os.path.join(a.peers, f)) for f in needed):
        print("petrarch_unittest: SKIPPED: the PETRARCH suite is absent (%s needs %s)"
              % (a.peers, ", ".join(needed)))
        return SKIP
    if not os.access(a.binary, os.X_OK):
        fail("no diplograph binary at %s (build it, or give --binary)" % a.binary)

    records, include = read_records(os.path.join(a.peers, RECORDS))
    with tempfile.TemporaryDirectory() as tmp:
        work = a.keep or tmp
        os.makedirs(work, exist_ok=True)
        report, dated = convert(a.peers, work)
        extract(a.binary, records, work, os.path.join(a.peers, ACTORS))

    cameo_codes = verbs.cameo_table(REPO)
    print("PETRARCH unit-test records (%s): %d records" % (RECORDS, len(records)))
    print()
    print("Conversion of the PETR.Validate dictionaries:")
    for section, rows in report.items():
        print("  " + section)
        for what, n in rows:
            print("    %-70s %s" % (what, n))
    print()
    print(COMPARISON)
    print()

    results = []
    for r in records:
        strict, roots, codes = judge(r)
        why = [] if strict else reasons(r, cameo_codes, dated)
        results.append((r, strict, roots, codes, why))

    def table(title, key):
        groups = collections.OrderedDict()
        for res in results:
            groups.setdefault(key(res[0]), []).append(res)
        print(title)
        print("  %-22s %-16s %-16s %-16s" % ("", "strict", "roots", "codes"))
        for k, rows in groups.items():
            print("  %-22s %-16s %-16s %-16s" % (k, rate([x[1] for x in rows]),
                                                  rate([x[2] for x in rows]), rate([x[3] for x in rows])))

    inc = [x for x in results if x[0].include]
    print("Pass rate                strict           roots            codes")
    print("  all %d records        %-16s %-16s %-16s" % (len(results), rate([x[1] for x in results]),
                                                         rate([x[2] for x in results]),
                                                         rate([x[3] for x in results])))
    print("  %d in <Include>       %-16s %-16s %-16s" % (len(inc), rate([x[1] for x in inc]),
                                                        rate([x[2] for x in inc]),
                                                        rate([x[3] for x in inc])))
    expressible = [x for x in results
                   if all(verbs.known_code(c, cameo_codes) for _, _, c in x[0].expected)]
    print("  %d, codes all CAMEO  %-16s %-16s %-16s" % (
        len(expressible), rate([x[1] for x in expressible]), rate([x[2] for x in expressible]),
        rate([x[3] for x in expressible])))
    # Triples over all records: how many expected ones we found, how many of ours were expected.
    n_exp = n_got = n_hit = 0
    for r, *_ in results:
        exp, got = oriented(r.expected, r.got)
        n_exp += len(exp)
        n_got += len(got)
        n_hit += len(exp & got)
    print("  triples: %d expected, %d produced, %d in both (recall %.1f%%, precision %.1f%%)"
          % (n_exp, n_got, n_hit, 100.0 * n_hit / max(n_exp, 1), 100.0 * n_hit / max(n_got, 1)))
    print()
    table("By category (the records' category attribute):", lambda r: r.category)
    print()
    table("By feature (the record id's prefix):", lambda r: r.feature)
    print()
    primary = collections.Counter()
    every = collections.Counter()
    sole = collections.Counter()
    for r, strict, _, _, why in results:
        if strict:
            continue
        why = why or ["other"]
        primary[why[0]] += 1
        every.update(why)
        if len(why) == 1:
            sole[why[0]] += 1
    failed = sum(1 for x in results if not x[1])
    print("Failures (%d records), by reason (a record may have several). Columns: records it"
          % failed)
    print("applies to; records whose first reason it is (in this order of priority); records")
    print("whose only reason it is:")
    for why in PRIORITY + ["other"]:
        if every.get(why):
            print("  %4d %4d %4d  %s" % (every[why], primary.get(why, 0), sole.get(why, 0), why))
    patterns = collections.Counter()
    for r, *_ in results:
        for g in r.got:
            patterns["suite's patterns (petr:)" if g[4].startswith("petr:") else
                     "converted CAMEO.2.0 (cameo2:)" if g[4].startswith("cameo2:") else
                     "ours (data/patterns/events.tsv)"] += 1
    print()
    print("Events produced, by the pattern that fired: " +
          ", ".join("%s %d" % kv for kv in patterns.most_common()))

    if a.details:
        print()
        for r, strict, roots, codes, why in results:
            if strict:
                continue
            print("%s %s expected %s got %s [%s]" % (r.id, r.category, fmt(r), fmt_got(r),
                                                    "; ".join(why)))

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# PETRARCH unit-test records run by scripts/petrarch_unittest.py: record ids and\n"
                "# codes only. expected/got: source:target:code triples joined by ' '; noevents,\n"
                "# error:KIND or - when none. pass: strict, roots (actor codes cut to 3 letters),\n"
                "# codes (event codes only). patterns: the pattern ids that fired.\n")
        f.write("n\tid\tcategory\tdate\tinclude\texpected\tgot\tpass\tpass_roots\tpass_codes\t"
                "patterns\treasons\n")
        for r, strict, roots, codes, why in results:
            f.write("\t".join([str(r.ordinal), r.id, r.category, r.date,
                               "yes" if r.include else "no", fmt(r), fmt_got(r),
                               yn(strict), yn(roots), yn(codes),
                               " ".join(sorted({g[4] for g in r.got})) or "-",
                               "; ".join(why) or "-"]) + "\n")
    print()
    print("Wrote " + os.path.relpath(a.out))
    return 0


def yn(b):
    return "yes" if b else "no"


def fmt(r):
    if r.expected:
        return " ".join("%s:%s:%s" % t for t in sorted(r.expected))
    if r.error:
        return "error:" + r.error
    return "noevents" if r.noevents else "-"


def fmt_got(r):
    return " ".join(sorted({"%s:%s:%s" % g[:3] for g in r.got})) or "-"


if __name__ == "__main__":
    sys.exit(main())
