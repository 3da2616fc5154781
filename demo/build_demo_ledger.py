#!/usr/bin/env python3
"""Builds the East Midlands demo ledger from east_midlands.csv.

Each row of the CSV is one Board decision taken from the public reports in
shared/seeds (see DATA.md). This script appends each row with the real
`govledger` command a clerk would type, carrying the row's minute reference and,
as the entry's note, which dates are reported and which are illustrative and
where the fact comes from, so `history` shows the provenance of every entry.
"""
import argparse
import csv
import subprocess
import sys

# action -> (govledger command words, [(csv column, flag)])
COMMANDS = {
    "party": (["party", "add"], [("party", "--id"), ("name", "--name"), ("kind", "--kind")]),
    "establish": (["collab", "establish"], [("collaboration", "--id"), ("name", "--name"),
                                            ("parent", "--parent"), ("scope", "--scope"),
                                            ("decided", "--decided"),
                                            ("effective", "--effective")]),
    "dissolve": (["collab", "dissolve"], [("collaboration", "--id"), ("decided", "--decided"),
                                          ("effective", "--effective")]),
    "enter": (["enter"], [("collaboration", "--collab"), ("party", "--party"),
                          ("decided", "--decided"), ("effective", "--effective")]),
    "notice": (["notice"], [("collaboration", "--collab"), ("party", "--party"),
                            ("decided", "--decided"), ("effective", "--effective")]),
    "withdraw": (["withdraw"], [("collaboration", "--collab"), ("party", "--party"),
                                ("decided", "--decided"), ("effective", "--effective")]),
    "appoint": (["appoint"], [("collaboration", "--collab"), ("role", "--role"),
                              ("holder", "--holder"), ("effective", "--effective")]),
    "budget": (["budget"], [("collaboration", "--collab"), ("party", "--party"),
                            ("year", "--year"), ("amount", "--amount")]),
    "vary": (["vary"], [("collaboration", "--collab"), ("text", "--text"),
                        ("decided", "--decided"), ("effective", "--effective")]),
}


# The region's five PCCs hold keys in the demo and approve what binds them; a
# collaboration with a member outside the region takes no approval here (its
# other parties sign under their own arrangements).
REGION = {"DERBYS", "LEICS", "LINCS", "NORTHANTS", "NOTTS"}


def outside_region(rows):
    return {r["collaboration"] for r in rows if r["action"] == "enter" and r["party"] not in REGION}


def command_for(row, govledger, ledger, key, no_approval=frozenset()):
    words, flags = COMMANDS[row["action"]]
    cmd = [govledger, *words, "--ledger", ledger, "--key", key]
    if row["action"] == "establish" and row["collaboration"] in no_approval:
        cmd += ["--approval", "none"]
    for column, flag in flags:
        if row.get(column):
            cmd += [flag, row[column]]
    if row.get("minute"):
        cmd += ["--minute", row["minute"]]
    provenance = "; ".join(f"{k}: {row[k]}" for k in ("dates", "source") if row.get(k))
    if provenance:
        cmd += ["--note", provenance]
    return cmd


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_file")
    parser.add_argument("--govledger", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args()
    with open(args.csv_file, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    no_approval = outside_region(rows)
    for line, row in enumerate(rows, start=2):
        if row["action"] not in COMMANDS:
            sys.exit(f"{args.csv_file} line {line}: unknown action {row['action']!r}")
        result = subprocess.run(command_for(row, args.govledger, args.ledger, args.key, no_approval),
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{args.csv_file} line {line}: {result.stderr.strip()}")
    print(f"appended {len(rows)} decisions from {args.csv_file}")


if __name__ == "__main__":
    main()
