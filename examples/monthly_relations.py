#!/usr/bin/env python3
"""Monthly event counts and Goldstein sums between two states, notebook-style, with the Python
module: the same table as examples/monthly_relations.cpp.

    python3 examples/monthly_relations.py out/demo.db Russia "United States"

Every event between the two states' people and bodies counts (an actor belongs to a state by its
country); denied events do not.
"""

import sys

import diplograph

# %% Open the database read-only and find the two states' countries.
db_dir, first, second = (sys.argv[1:4] if len(sys.argv) == 4
                         else ("out/demo.db", "Russia", "United States"))
db = diplograph.open(db_dir, read_only=True)
states = []
for name in (first, second):
    matches = [a for a in db.actors(name) if a["kind"] == "state"] or db.actors(name)
    if not matches or not matches[0]["country"]:
        sys.exit(f"monthly_relations: no state named {name!r}")
    states.append(matches[0])
countries = {states[0]["country"], states[1]["country"]}

# %% The whole graph as node-link data: nodes carry countries, links carry the events.
graph = db.graph(status=["occurred", "planned"])
country_of = {n["id"]: n.get("country") for n in graph["nodes"]}
events = [l for l in graph["links"]
          if l["type"] != "affiliation"
          and {country_of[l["source"]], country_of[l["target"]]} == countries
          and country_of[l["source"]] != country_of[l["target"]]]

# %% Group by month (a plain dict here; pandas.DataFrame(events) works on the same rows).
months = {}
for e in events:
    m = months.setdefault(e["date"][:7], {"events": 0, "cooperative": 0, "conflictual": 0,
                                          "goldstein": 0.0})
    m["events"] += 1
    m["cooperative"] += e["quad_class"] in (1, 2)
    m["conflictual"] += e["quad_class"] in (3, 4)
    m["goldstein"] += e["goldstein"]

# %% Print the table.
print(f"{states[0]['name']} ({states[0]['country']}) and {states[1]['name']} "
      f"({states[1]['country']})")
print(f"{'month':<8} {'events':>7} {'cooperative':>12} {'conflictual':>12} {'goldstein':>10}")
for month in sorted(months):
    m = months[month]
    print(f"{month:<8} {m['events']:>7} {m['cooperative']:>12} {m['conflictual']:>12} "
          f"{m['goldstein']:>10.1f}")
sys.exit(0 if months else 1)
