"""Crashes, from outside (issue 7): every write command SIGKILLed at random
points, GOVLEDGER_E2E_KILLS times each (default 50), on a copy of the same
ledger. After each kill the ledger is as before or as after, never dead: it
verifies, readers read it and the next write lands. A killed init leaves no
ledger (and init runs again) or a working one; a killed export leaves no
bundle or a whole one, and its leftovers go with the next export.

Kill delays are drawn from each command's own measured duration, so the
kills land inside the command, not before or after it."""
import os
import random
import shutil
import signal
import statistics
import subprocess
import time
import unittest

from harness import BIN, LedgerTest

KILLS = int(os.environ.get("GOVLEDGER_E2E_KILLS", "50"))
DUMP = os.environ.get("GOVLEDGER_DUMP", "govledger-dump")


def stored_checkpoints(ledger):
    """How many checkpoints the ledger stores, read by govledger-dump."""
    out = subprocess.run([DUMP, ledger, "--checkpoints"], capture_output=True, text=True).stdout
    return out.count("checkpoint key ")


class CrashTest(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()
        self.ok("checkpoint", "--key", self.clerk)
        self.base = self.dir
        self.entries = self.count_entries(self.base)
        self.rng = random.Random(int(os.environ.get("GOVLEDGER_E2E_SEED", "7")))
        self.csv = self.path("rows.csv")
        with open(self.csv, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n")
            for i in range(300):
                f.write(f"party,,ROW{i},,,,Row party {i},\n")

    def cli(self, ledger, *args):
        return self.run_cli(*args, env={"GOVLEDGER_DIR": ledger})

    def count_entries(self, ledger):
        """Entries that verify, or None if there is no ledger; fails on a fault."""
        result = self.cli(ledger, "verify", "--format", "json")
        if result.code == 2 and "no ledger" in result.err:
            return None
        self.assertEqual(result.code, 0, f"the ledger does not verify: {result.out} {result.err}")
        return result.json()["entries"]

    def start(self, ledger, args):
        return subprocess.Popen([BIN, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                env=dict(os.environ, GOVLEDGER_DIR=ledger))

    def duration(self, prepare, args):
        """The command's median run time over three unkilled runs."""
        times = []
        for i in range(3):
            ledger = prepare(f"time{i}")
            began = time.monotonic()
            proc = self.start(ledger, args(ledger))
            self.assertEqual(proc.wait(), 0, f"{args(ledger)} failed unkilled")
            times.append(time.monotonic() - began)
        return statistics.median(times)

    def kill_at_random(self, name, prepare, args, check):
        """Runs `args` on `prepare(i)`'s ledger KILLS times, each killed at a
        random point of its measured duration, then `check(ledger, killed)`."""
        took = self.duration(prepare, args)
        killed = finished = 0
        outcomes = {"before": 0, "after": 0}
        began = time.monotonic()
        for i in range(KILLS):
            ledger = prepare(i)
            proc = self.start(ledger, args(ledger))
            time.sleep(self.rng.uniform(0, took * 1.1))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            code = proc.wait()
            was_killed = code == -signal.SIGKILL
            killed += was_killed
            finished += not was_killed
            if not was_killed:
                self.assertEqual(code, 0, f"{name} failed unkilled")
            outcomes[check(ledger, was_killed)] += 1
            shutil.rmtree(os.path.dirname(ledger), ignore_errors=True)
        print(f"\n{name}: {KILLS} runs ({took * 1000:.0f} ms each), {killed} killed mid-way, "
              f"{finished} finished; {outcomes['before']} left it as before, "
              f"{outcomes['after']} as after, none dead ({time.monotonic() - began:.1f}s)")

    def copy_of_base(self, i):
        work = self.path(f"run-{i}")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(self.base, os.path.join(work, "ledger"))
        return os.path.join(work, "ledger")

    def expect_alive(self, ledger, allowed, landed=None):
        """Verifies with an entry count in `allowed` (the first: as before),
        reads, and takes a write. Returns "before" or "after"; `landed`
        tells them apart when the count cannot."""
        entries = self.count_entries(ledger)
        self.assertIn(entries, allowed)
        outcome = "after" if (landed(ledger) if landed else entries != allowed[0]) else "before"
        self.assertEqual(self.cli(ledger, "state", "--collab", "EMOPSS", "--at", "2016-01-01").code, 0)
        result = self.cli(ledger, "party", "add", "--id", "AFTERWARDS", "--name", "After",
                          "--key", self.clerk)
        self.assertEqual(result.code, 0, result.err)
        self.assertEqual(self.count_entries(ledger), entries + 1)
        return outcome

    def test_a_killed_decision(self):
        self.kill_at_random(
            "party add", self.copy_of_base,
            lambda d: ["party", "add", "--id", "NEWPARTY", "--name", "New", "--key", self.clerk],
            lambda d, k: self.expect_alive(d, (self.entries, self.entries + 1)))

    def test_a_killed_import(self):
        self.kill_at_random(
            "import of 300 rows", self.copy_of_base,
            lambda d: ["import", self.csv, "--key", self.clerk],
            lambda d, k: self.expect_alive(d, (self.entries, self.entries + 300)))

    def test_a_killed_import_too_large_for_memory(self):
        # More rows than a batch holds in memory (ledger/ledger.h,
        # spill_entries): killed while parts go to import.staging, while the
        # tables are written, or while they are ingested.
        rows = 20_000
        big = self.path("big.csv")
        with open(big, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n")
            for i in range(rows):
                f.write(f"party,,BIG{i},,,,Big party {i},\n")

        def check(ledger, killed):
            outcome = self.expect_alive(ledger, (self.entries, self.entries + rows))
            # The next writer (expect_alive's) removed what the killed one left.
            self.assertFalse(os.path.exists(os.path.join(ledger, "import.staging")))
            return outcome

        global KILLS
        kills, KILLS = KILLS, min(KILLS, 12)
        try:
            self.kill_at_random(f"import of {rows:,} rows", self.copy_of_base,
                                lambda d: ["import", big, "--key", self.clerk], check)
        finally:
            KILLS = kills

    def test_a_killed_checkpoint(self):
        self.kill_at_random(
            "checkpoint", self.copy_of_base,
            lambda d: ["checkpoint", "--key", self.clerk],
            lambda d, k: self.expect_alive(d, (self.entries,),
                                           landed=lambda x: stored_checkpoints(x) == 2))

    def test_a_killed_reindex(self):
        self.kill_at_random("reindex", self.copy_of_base, lambda d: ["reindex"],
                            lambda d, k: self.expect_alive(d, (self.entries,)))

    def test_a_killed_compact(self):
        self.kill_at_random("compact", self.copy_of_base, lambda d: ["compact"],
                            lambda d, k: self.expect_alive(d, (self.entries,)))

    def test_a_killed_init(self):
        def place(i):
            work = self.path(f"init-{i}")
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            ledger = os.path.join(work, "ledger")
            if isinstance(i, int) and i % 2:
                os.makedirs(ledger)  # an empty directory made for the ledger
            return ledger

        def check(ledger, killed):
            entries = self.count_entries(ledger)
            outcome = "before" if entries is None else "after"
            if entries is None:
                self.assertTrue(killed)
                result = self.cli(ledger, "init", "--board", "B", "--holder", "S",
                                  "--key", self.secretary)
                self.assertEqual(result.code, 0, result.err)
                entries = self.count_entries(ledger)
            self.assertEqual(entries, 1)
            self.assertEqual([n for n in os.listdir(os.path.dirname(ledger)) if n != "ledger"], [])
            result = self.cli(ledger, "party", "add", "--id", "P", "--name", "P", "--key", self.secretary)
            self.assertEqual(result.code, 0, result.err)
            return outcome

        self.kill_at_random(
            "init", place,
            lambda d: ["init", "--board", "B", "--holder", "S", "--key", self.secretary], check)

    def test_a_killed_export(self):
        def place(i):
            work = self.path(f"export-{i}")
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            return os.path.join(work, "bundle")

        def whole(bundle):
            with open(os.path.join(bundle, "entries.jsonl")) as f:
                self.assertEqual(len(f.read().splitlines()), self.entries)
            for name in ("checkpoint.json", "checkpoint.note", "VERIFY.md"):
                self.assertTrue(os.path.exists(os.path.join(bundle, name)), name)

        def check(bundle, killed):
            if os.path.exists(bundle):
                whole(bundle)
                return "after"
            self.assertTrue(killed)
            result = self.cli(self.base, "export", "--out", bundle)
            self.assertEqual(result.code, 0, result.err)
            whole(bundle)
            self.assertEqual(os.listdir(os.path.dirname(bundle)), ["bundle"],
                             "a killed export's staging directory outlived the next export")
            return "before"

        self.kill_at_random("export", place, lambda d: ["export", "--ledger", self.base, "--out", d],
                            check)


if __name__ == "__main__":
    unittest.main()
