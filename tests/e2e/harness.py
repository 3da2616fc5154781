"""Runs the real govledger binary on a real RocksDB in a temporary directory.

Shared by every end-to-end test: ctest passes the binary's path in the
GOVLEDGER_BIN environment variable. A Ledger fixture creates keys, initialises
a ledger and offers `run` (any command) and `ok` (a command that must succeed).
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("GOVLEDGER_BIN", "govledger")
LDB = shutil.which("ldb") or "ldb"


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


class LedgerTest(unittest.TestCase):
    """A fresh ledger per test: entry 1 by the secretary; a clerk authorised as entry 2."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="govledger-e2e-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.dir = os.path.join(self.tmp, "ledger")
        self.secretary = self.new_key("secretary")
        self.clerk = self.new_key("clerk")
        self.ok("init", "--board", "East Midlands PCCs and Chief Constables Board",
                "--holder", "Board secretary", "--key", self.secretary)
        self.ok("signer", "add", "--pub", self.clerk + ".pub", "--holder", "Board clerk",
                "--role", "clerk", "--key", self.secretary)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def new_key(self, name):
        key = self.path(name + ".key")
        result = self.run_cli("key", "new", key)
        self.assertEqual(result.code, 0, result.err)
        return key

    def run_cli(self, *args, env=None, stdout=None):
        """Runs govledger with stdin closed off (so nothing can wait on a prompt)."""
        full_env = dict(os.environ, GOVLEDGER_DIR=self.dir)
        full_env.update(env or {})
        proc = subprocess.run([BIN, *args], stdin=subprocess.DEVNULL,
                              stdout=stdout if stdout is not None else subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=full_env, timeout=120)
        return Result(proc)


    def ok(self, *args):
        result = self.run_cli(*args)
        self.assertEqual(result.code, 0, f"{args}: {result.err}")
        return result

    def write(self, *args, key=None):
        """A write signed by the clerk; returns the appended seq."""
        result = self.ok(*args, "--key", key or self.clerk, "--format", "json")
        return result.json()["seq"]

    def rejected(self, *args, key=None):
        """A write that must be rejected with exit 2, one line, nothing appended."""
        before = self.last_seq()
        result = self.run_cli(*args, "--key", key or self.clerk)
        self.assertEqual(result.code, 2, f"{args} was accepted: {result.out}")
        self.assertEqual(result.out, "")
        self.assertEqual(len(result.err.strip().splitlines()), 1, result.err)
        self.assertEqual(self.last_seq(), before, "a rejected write appended something")
        return result.err.strip()

    def last_seq(self):
        history = self.ok("history", "--format", "json").json()
        return history["entries"][-1]["seq"]

    def east_midlands(self, approval="none"):
        """A small piece of the East Midlands: EMOpSS with four forces from 2015,
        under the approval rule `approval` (none: the parties' approvals are not
        what most tests are about; test_approvals uses all)."""
        for pid, name in [("DERBYS", "Derbyshire"), ("LEICS", "Leicestershire"),
                          ("LINCS", "Lincolnshire"), ("NORTHANTS", "Northamptonshire"),
                          ("NOTTS", "Nottinghamshire")]:
            self.write("party", "add", "--id", pid, "--name", name)
        self.write("collab", "establish", "--id", "EMOPSS",
                   "--name", "East Midlands Operational Support Service",
                   "--decided", "2014-12-09", "--effective", "2015-04-01",
                   "--minute", "EMB/2014/12", "--approval", approval)
        for pid in ["LEICS", "LINCS", "NORTHANTS", "NOTTS"]:
            self.write("enter", "--collab", "EMOPSS", "--party", pid,
                       "--decided", "2014-12-09", "--effective", "2015-04-01")

    # Raw RocksDB access through RocksDB's own ldb tool, as an attacker would.
    def ldb(self, *args):
        proc = subprocess.run([LDB, f"--db={self.dir}", "--column_family=log", "--hex", *args],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout.strip()

    @staticmethod
    def key_hex(seq):
        return "0x%016X" % seq

    def raw_get(self, seq):
        return bytes.fromhex(self.ldb("get", self.key_hex(seq))[2:])

    def raw_put(self, seq, value):
        self.ldb("put", self.key_hex(seq), "0x" + value.hex().upper())

    def raw_delete(self, seq):
        self.ldb("delete", self.key_hex(seq))

    def verify_md_blocks(self, bundle):
        with open(os.path.join(bundle, "VERIFY.md"), encoding="utf-8") as f:
            return re.findall(r"```sh\n(.*?)```", f.read(), re.S)

    def run_verify_md(self, bundle):
        """Runs every shell block of VERIFY.md in order, as an auditor would paste them."""
        outputs = []
        for block in self.verify_md_blocks(bundle):
            r = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=bundle, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, f"VERIFY.md block failed:\n{block}\n{r.stdout}\n{r.stderr}")
            outputs.append(r.stdout + r.stderr)
        return outputs

    def verify(self, *args):
        result = self.run_cli("verify", "--format", "json", *args)
        self.assertIn(result.code, (0, 1), result.err)
        return result.code, result.json()
