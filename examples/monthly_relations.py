#!/usr/bin/env python3
"""Monthly event counts and Goldstein sums between two states, notebook-style, with the Python
module: the same table as examples/monthly_relations.cpp.

    python3 examples/monthly_relations.py out/demo.db Russia "United States"

Every event between the two states' people and bodies counts (an actor belongs to a state by its
country); denied events do not.
"""

import sys

import diplograph

# %% Open the database read-only.
db_dir, first, second = (sys.argv[1:4] if len(sys.argv) == 4
                         else ("out/demo.db", "Russia", "United States"))
db = diplograph.open(db_dir, read_only=True)

# %% The two states' actors: each state, and the people and bodies of its country.
states = []
for name in (first, second):
    matches = [a for a in db.actors(name) if a["kind"] == "state"] or db.actors(name)
    if not matches or not matches[0]["country"]:
        sys.exit(f"monthly_relations: no state named {name!r}")
    states.append(matches[0])

# %% Per month: events, cooperative (quad class 1-2), conflictual (3-4), the Goldstein sum; read
# from the pair's adjacency, not from every event (pandas.DataFrame(months) works on the rows).
months = db.pair_series(states[0]["name"], states[1]["name"], by="month", by_country=True)

# %% Print the table (months without events between them left out).
print(f"{states[0]['name']} ({states[0]['country']}) and {states[1]['name']} "
      f"({states[1]['country']})")
print(f"{'month':<8} {'events':>7} {'cooperative':>12} {'conflictual':>12} {'goldstein':>10}")
for m in months:
    if m["events"]:
        print(f"{m['period']:<8} {m['events']:>7} {m['cooperative']:>12} {m['conflictual']:>12} "
              f"{m['goldstein']:>10.1f}")
sys.exit(0 if months else 1)
