#!/usr/bin/env python3
"""The five East Midlands PCCs' offices approve, each with its own key, the
decisions in the demo ledger that bind them (issue 10).

For every decision `history` shows as pending, each bound party with a key in
--keys (PARTY-pcc.key) runs `govledger approve`, citing the decision's minute.
One approval is held back (--hold SEQ:PARTY) so the demo shows what a
decision still pending looks like.
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--govledger", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--keys", required=True, help="directory holding PARTY-pcc.key files")
    parser.add_argument("--hold", default="", help="COLLAB:PARTY: leave that party's approval of "
                        "the collaboration's last variation out")
    args = parser.parse_args()
    run = lambda *a: subprocess.run([args.govledger, *a, "--ledger", args.ledger],
                                    capture_output=True, text=True)
    history = run("history", "--format", "json")
    if history.returncode != 0:
        sys.exit(history.stderr.strip())
    rows = json.loads(history.stdout)["entries"]
    held = None
    if args.hold:
        collab, party = args.hold.split(":")
        varied = [r for r in rows if r["action"] == "agreement_varied" and r.get("collaboration") == collab]
        if varied:
            held = (varied[-1]["seq"], party)
    approved = 0
    for row in rows:
        for party in row.get("approval", {}).get("pending", []):
            key = os.path.join(args.keys, f"{party}-pcc.key")
            if (row["seq"], party) == held or not os.path.exists(key):
                continue
            cmd = ["approve", "--seq", str(row["seq"]), "--key", key]
            if row.get("minute"):
                cmd += ["--minute", f"{party}/PCC approval of {row['minute']}"]
            result = run(*cmd)
            if result.returncode != 0:
                sys.exit(f"approve --seq {row['seq']} by {party}: {result.stderr.strip()}")
            approved += 1
    print(f"recorded {approved} approvals by the parties' own keys"
          + (f"; {held[1]} has not yet approved entry {held[0]}" if held else ""))


if __name__ == "__main__":
    main()
