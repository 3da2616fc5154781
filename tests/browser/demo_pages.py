#!/usr/bin/env python3
"""Makes every page govledger writes from the demo ledger, into one directory.

Usage: demo_pages.py GOVLEDGER_BIN OUT_DIR

Builds the East Midlands demo ledger (demo/east_midlands.csv, exactly as
demo/run does), signs a checkpoint, then writes the inspection pack, the
Panel report (with a cover and a narrative), the register pages (regional,
and Leicestershire's with its CSV) and the timeline (SVG and page). Prints one JSON object:
{"pages": [file names], "timeline": {...}} for the browser checks.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

INTRO = """# How the region collaborates

The five forces and their Police and Crime Commissioners agree collaborations
at the East Midlands PCCs and Chief Constables Board, which meets every two months.

- Decisions to enter or leave are made at the Board.
- Each collaboration has a section 22A agreement signed by every party.
"""


def run(bin_, *args, ledger=None):
    cmd = [bin_, *args]
    if ledger:
        cmd += ["--ledger", ledger]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()}")
    return r.stdout


def main():
    bin_, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    keys = os.path.join(out, "keys")
    os.makedirs(keys, exist_ok=True)
    ledger = os.path.join(out, "ledger")
    secretary, clerk = os.path.join(keys, "secretary.key"), os.path.join(keys, "clerk.key")
    run(bin_, "key", "new", secretary)
    run(bin_, "key", "new", clerk)
    run(bin_, "init", "--board", "East Midlands PCCs and Chief Constables Board",
        "--holder", "Board secretary", "--key", secretary, ledger=ledger)
    run(bin_, "signer", "add", "--pub", clerk + ".pub", "--holder", "Board clerk", "--role", "clerk",
        "--key", secretary, ledger=ledger)
    subprocess.run([sys.executable, os.path.join(REPO, "demo", "build_demo_ledger.py"),
                    os.path.join(REPO, "demo", "east_midlands.csv"), "--govledger", bin_,
                    "--ledger", ledger, "--key", clerk], check=True, capture_output=True)
    run(bin_, "checkpoint", "--key", clerk, "--out", os.path.join(out, "checkpoint.json"), ledger=ledger)
    intro = os.path.join(out, "intro.md")
    with open(intro, "w", encoding="utf-8") as f:
        f.write(INTRO)
    run(bin_, "review", "--collab", "EMOPSS", "--from", "2018-01-01", "--to", "2019-07-22",
        "--out", os.path.join(out, "emopss-review.html"), ledger=ledger)
    run(bin_, "report", "--party", "LEICS", "--from", "2019-01-01", "--to", "2019-07-22",
        "--meeting", "2019-07-22", "--author", "Chief Finance Officer, Office of the PCC",
        "--intro", intro, "--out", os.path.join(out, "leics-report.html"), ledger=ledger)
    with open(os.path.join(out, "register.html"), "w", encoding="utf-8") as f:
        f.write(run(bin_, "register", "--at", "2019-07-22", "--format", "html", ledger=ledger))
    with open(os.path.join(out, "leics-register.html"), "w", encoding="utf-8") as f:
        f.write(run(bin_, "register", "--at", "2019-07-22", "--party", "LEICS", "--format", "html",
                    "--csv", os.path.join(out, "leics-register.csv"), ledger=ledger))
    for ext in ("svg", "html"):
        run(bin_, "timeline", "--collab", "EMOPSS", "--out", os.path.join(out, f"emopss-timeline.{ext}"),
            ledger=ledger)
    print(json.dumps({"pages": ["emopss-review.html", "leics-report.html", "register.html",
                                "leics-register.html", "emopss-timeline.svg",
                                "emopss-timeline.html"]}))


if __name__ == "__main__":
    main()
