"""A ledger that lasts, from outside: files that stay few however many
decisions are recorded one process each, every command under a low open-file
limit, an old ledger without indexes upgraded, and several clerks and
auditors at work at once without a failure or a false alarm."""
import os
import resource
import subprocess
import threading
import time
import unittest

from harness import BIN, LedgerTest


def limit_open_files(n):
    def apply():
        resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))
    return apply


class StorageTest(LedgerTest):
    def files(self):
        return len(os.listdir(self.dir))

    def run_limited(self, *args, files=128):
        proc = subprocess.run([BIN, *args], capture_output=True, text=True,
                              env=dict(os.environ, GOVLEDGER_DIR=self.dir),
                              preexec_fn=limit_open_files(files))
        return proc

    def test_files_stay_few_when_every_decision_is_its_own_process(self):
        writes = int(os.environ.get("GOVLEDGER_E2E_WRITES", "1000"))
        self.write("collab", "establish", "--id", "EMSOU", "--name", "Serious and organised crime",
                   "--decided", "2010-01-01", "--effective", "2010-04-01")
        most = 0
        for i in range(writes):
            party = f"P{i}"
            self.write("party", "add", "--id", party, "--name", f"Party {i}")
            if i % 2:
                self.write("enter", "--collab", "EMSOU", "--party", party,
                           "--decided", "2010-01-01", "--effective", "2011-04-01")
            most = max(most, self.files())
        print(f"\n{writes} parties and {writes // 2} entries, one process each: "
              f"at most {most} files in the ledger directory, {self.files()} at the end")
        self.assertLessEqual(most, 64)
        # Every command works with 128 open files.
        for args in (["state", "--collab", "EMSOU", "--at", "2012-01-01"],
                     ["register", "--at", "2012-01-01", "--party", "P1"],
                     ["history", "--collab", "EMSOU"],
                     ["verify"],
                     ["party", "add", "--id", "LAST", "--name", "Last", "--key", self.clerk],
                     ["checkpoint", "--key", self.clerk],
                     ["export", "--out", self.path("bundle")],
                     ["compact"]):
            proc = self.run_limited(*args)
            self.assertEqual(proc.returncode, 0, f"{args}: {proc.stderr}")
        self.assertLessEqual(self.files(), 20)

    def test_an_import_too_large_for_memory_lands_whole_under_a_low_file_limit(self):
        # More rows than a batch holds in memory: parts wait in
        # import.staging and land in one step (ARCHITECTURE.md "Large batches").
        rows = 20_000
        csv = self.path("big.csv")
        with open(csv, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n")
            f.write("establish,BIG,,2010-01-01,2010-04-01,,Big unit,\n")
            for i in range(rows):
                f.write(f"party,,P{i},,,,Party {i},\n")
                if i % 2:
                    f.write(f"enter,BIG,P{i},2010-01-01,2011-04-01,EMB/{i},,\n")
            # A row whose check needs one filed 30,000 rows earlier.
            f.write("enter,BIG,P1,2010-01-01,2012-04-01,EMB/again,,\n")
        before = self.ok("verify", "--format", "json").json()["entries"]
        proc = self.run_limited("import", csv, "--key", self.clerk)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(f"line {rows + rows // 2 + 3}:", proc.stderr)
        self.assertEqual(self.ok("verify", "--format", "json").json()["entries"], before)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "import.staging")))

        with open(csv) as f:
            lines = f.readlines()[:-1]
        with open(csv, "w") as f:
            f.writelines(lines)
        proc = self.run_limited("import", csv, "--key", self.clerk)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        added = 1 + rows + rows // 2
        self.assertEqual(self.ok("verify", "--format", "json").json()["entries"], before + added)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "import.staging")))
        self.assertLessEqual(self.files(), 64)
        state = self.ok("state", "--collab", "BIG", "--at", "2012-01-01", "--format", "json").json()
        self.assertEqual(len(state["members"]), rows // 2)

    def test_a_local_register_equals_the_whole_register_filtered_to_the_party(self):
        # register --party streams the party's scope and keeps no entry; it
        # must say what the whole register says of that party's
        # collaborations, corrections and as-of reads included.
        self.east_midlands()
        self.write("collab", "establish", "--id", "EMSOU", "--name", "Serious and organised crime",
                   "--decided", "2010-01-01", "--effective", "2010-04-01")
        for pid in ("DERBYS", "LEICS", "NOTTS"):
            self.write("enter", "--collab", "EMSOU", "--party", pid,
                       "--decided", "2010-01-01", "--effective", "2010-04-01")
        mistaken = self.write("enter", "--collab", "EMOPSS", "--party", "DERBYS",
                              "--decided", "2016-01-01", "--effective", "2016-04-01")
        self.write("correct", "--seq", str(mistaken), "--reason", "recorded against the wrong unit")
        self.write("notice", "--collab", "EMOPSS", "--party", "NOTTS",
                   "--decided", "2018-03-01", "--effective", "2019-04-01")
        self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS",
                   "--decided", "2019-01-10", "--effective", "2019-04-01")
        last = self.last_seq()
        for at in ("2015-06-01", "2017-01-01", "2019-06-01"):
            for as_of in (str(mistaken), str(mistaken + 1), str(last)):
                whole = self.ok("register", "--at", at, "--as-of-seq", as_of,
                                "--format", "json").json()
                for pid in ("DERBYS", "LEICS", "NOTTS", "LINCS"):
                    local = self.ok("register", "--at", at, "--as-of-seq", as_of, "--party", pid,
                                    "--format", "json").json()
                    want = [c for c in whole["collaborations"] if pid in c["members"]]
                    self.assertEqual(local["collaborations"], want, (at, as_of, pid))

    def test_ledger_without_indexes_is_refused_by_readers_and_upgraded_by_a_writer(self):
        self.east_midlands()
        before = self.ok("state", "--collab", "EMOPSS", "--at", "2016-01-01", "--format", "json").out
        proc = subprocess.run(["ldb", f"--db={self.dir}", "drop_column_family", "index"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        refused = self.run_cli("state", "--collab", "EMOPSS", "--at", "2016-01-01")
        self.assertEqual(refused.code, 2)
        self.assertIn("govledger reindex", refused.err)
        self.assertEqual(len(refused.err.strip().splitlines()), 1)
        self.assertEqual(self.verify()[0], 0)  # verify needs no index
        # A writer rebuilds what is missing before it judges the decision.
        self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS",
                   "--decided", "2019-01-22", "--effective", "2019-04-01")
        self.rejected("withdraw", "--collab", "EMOPSS", "--party", "NOTTS",
                      "--decided", "2019-01-22", "--effective", "2019-05-01")
        self.assertEqual(
            self.ok("state", "--collab", "EMOPSS", "--at", "2016-01-01", "--format", "json",
                    "--as-of-seq", "12").out, before)
        self.ok("reindex")
        after = self.ok("state", "--collab", "EMOPSS", "--at", "2019-07-01", "--format", "json").json()
        self.assertEqual(after["members"], ["LEICS", "LINCS", "NORTHANTS"])

    def test_clerks_and_auditors_at_once_never_fail_or_raise_a_false_alarm(self):
        seconds = float(os.environ.get("GOVLEDGER_E2E_STRESS_SECONDS", "30"))
        self.write("collab", "establish", "--id", "EMSOU", "--name", "Serious and organised crime",
                   "--decided", "2010-01-01", "--effective", "2010-04-01")
        start = self.last_seq()
        deadline = time.monotonic() + seconds
        lock = threading.Lock()
        tally = {"written": 0, "timed_out": 0, "reads": 0, "verifies": 0}
        failures = []

        def writer(w):
            i = 0
            while time.monotonic() < deadline:
                i += 1
                r = self.run_cli("party", "add", "--id", f"W{w}-{i}", "--name", f"Writer {w}",
                                 "--key", self.clerk, "--wait", "20")
                with lock:
                    if r.code == 0:
                        tally["written"] += 1
                    elif r.code == 2 and "another writer is still at work" in r.err:
                        tally["timed_out"] += 1
                    else:
                        failures.append(f"write: exit {r.code}: {r.err}")

        def reader(n):
            while time.monotonic() < deadline:
                if n % 2:
                    r = self.run_cli("verify", "--format", "json")
                    ok = r.code == 0 and r.json()["ok"]
                    key = "verifies"
                else:
                    r = self.run_cli("history", "--collab", "EMSOU")
                    ok = r.code == 0
                    key = "reads"
                with lock:
                    if ok:
                        tally[key] += 1
                    else:
                        failures.append(f"read {n}: exit {r.code}: {r.out[-300:]} {r.err}")

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
        threads += [threading.Thread(target=reader, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"\n4 writers and 4 readers for {seconds:.0f}s: {tally}, {len(failures)} failures")
        self.assertEqual(failures, [])
        self.assertGreater(tally["written"], 0)
        self.assertGreater(tally["verifies"], 0)
        self.assertEqual(self.last_seq(), start + tally["written"])
        code, report = self.verify()
        self.assertEqual(code, 0, report)


if __name__ == "__main__":
    unittest.main()
