"""A real full disk, from outside (issue 7): a 2 MiB tmpfs holds the ledger
and is filled to within a few kilobytes before each write command. Every
command either succeeds or fails with one line and exit 2 (never a signal, as
RocksDB's assertion once made it); once space is freed the ledger verifies
with its entries as before or as after, and takes the next write.

Mounting needs root: the test is skipped, saying so, otherwise."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import BIN

# Kilobytes left free before each command: most fail within the first few.
LEAVE_KB = (0, 1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192)


def mount_tmpfs(path):
    if os.geteuid() != 0:
        return "needs root to mount a small tmpfs"
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", path],
                          capture_output=True, text=True)
    return None if proc.returncode == 0 else f"cannot mount a tmpfs: {proc.stderr.strip()}"


class FullDiskTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="govledger-e2e-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.disk = os.path.join(self.tmp, "disk")
        os.makedirs(self.disk)
        why = mount_tmpfs(self.disk)
        if why:
            self.skipTest(f"full-disk tests skipped: {why}")
        self.addCleanup(subprocess.run, ["umount", self.disk])
        self.key = os.path.join(self.tmp, "k")
        self.assertEqual(self.run_cli(None, "key", "new", self.key).code, 0)
        self.csv = os.path.join(self.tmp, "rows.csv")
        with open(self.csv, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n")
            for i in range(300):
                f.write(f"party,,ROW{i},,,,Row party {i},\n")

    class Result:
        def __init__(self, proc):
            self.code, self.out, self.err = proc.returncode, proc.stdout, proc.stderr

    def run_cli(self, ledger, *args):
        env = dict(os.environ)
        if ledger:
            env["GOVLEDGER_DIR"] = ledger
        proc = subprocess.run([BIN, *args], stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, env=env, timeout=120)
        return self.Result(proc)

    def fresh_ledger(self):
        """A copy, on the tmpfs, of a ledger of 21 entries with a checkpoint."""
        base = os.path.join(self.tmp, "base")
        if not os.path.exists(base):
            self.assertEqual(self.run_cli(base, "init", "--board", "B", "--holder", "S",
                                          "--key", self.key).code, 0)
            for i in range(20):
                self.assertEqual(self.run_cli(base, "party", "add", "--id", f"P{i}",
                                              "--name", "n", "--key", self.key).code, 0)
            self.assertEqual(self.run_cli(base, "checkpoint", "--key", self.key).code, 0)
        for name in os.listdir(self.disk):
            shutil.rmtree(os.path.join(self.disk, name), ignore_errors=True)
        ledger = os.path.join(self.disk, "ledger")
        shutil.copytree(base, ledger)
        return ledger

    def fill(self, leave_kb):
        """Fills the tmpfs, then frees `leave_kb` kilobytes."""
        filler = os.path.join(self.disk, "filler")
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"\0" * 4096) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        os.truncate(filler, max(0, os.path.getsize(filler) - leave_kb * 1024))
        return filler

    def entries(self, ledger):
        result = self.run_cli(ledger, "verify", "--format", "json")
        self.assertEqual(result.code, 0, f"the ledger does not verify: {result.out} {result.err}")
        return json.loads(result.out)["entries"]

    def on_a_full_disk(self, name, args, added):
        failed = succeeded = 0
        for leave in LEAVE_KB:
            ledger = self.fresh_ledger()
            before = self.entries(ledger)
            filler = self.fill(leave)
            result = self.run_cli(ledger, *args(ledger))
            os.remove(filler)
            self.assertIn(result.code, (0, 2), f"{name} with {leave} KB free: {result.err}")
            if result.code == 2:
                failed += 1
                self.assertEqual(len(result.err.strip().splitlines()), 1, result.err)
            else:
                succeeded += 1
            now = self.entries(ledger)
            self.assertIn(now, (before, before + added), f"{name} with {leave} KB free")
            if result.code == 2 and added:
                self.assertEqual(now, before, f"{name} failed but wrote: {result.err}")
            after = self.run_cli(ledger, "party", "add", "--id", "NEXT", "--name", "Next",
                                 "--key", self.key)
            self.assertEqual(after.code, 0, after.err)
            self.assertEqual(self.entries(ledger), now + 1)
        print(f"\n{name} on a full disk: {failed} failed with one line and exit 2, "
              f"{succeeded} fitted; the ledger verified after every one")
        self.assertGreater(failed, 0)

    def test_append(self):
        self.on_a_full_disk("party add", lambda d: ["party", "add", "--id", "NEW", "--name", "New",
                                                    "--key", self.key], 1)

    def test_import(self):
        self.on_a_full_disk("import of 300 rows", lambda d: ["import", self.csv, "--key", self.key], 300)

    def test_checkpoint(self):
        self.on_a_full_disk("checkpoint", lambda d: ["checkpoint", "--key", self.key], 0)

    def test_reindex(self):
        self.on_a_full_disk("reindex", lambda d: ["reindex"], 0)

    def test_compact(self):
        self.on_a_full_disk("compact", lambda d: ["compact"], 0)

    def test_export_and_init(self):
        failed = 0
        for leave in LEAVE_KB:
            ledger = self.fresh_ledger()
            filler = self.fill(leave)
            bundle = os.path.join(self.disk, "bundle")
            exported = self.run_cli(ledger, "export", "--out", bundle)
            other = os.path.join(self.disk, "other")
            made = self.run_cli(other, "init", "--board", "B", "--holder", "S", "--key", self.key)
            os.remove(filler)
            for result in (exported, made):
                self.assertIn(result.code, (0, 2), result.err)
                if result.code == 2:
                    failed += 1
                    self.assertEqual(len(result.err.strip().splitlines()), 1, result.err)
            # Nothing half-made: a whole bundle or none; a working ledger or none.
            leftovers = [n for n in os.listdir(self.disk) if n.startswith(".")]
            self.assertEqual(leftovers, [], f"with {leave} KB free")
            self.assertEqual(os.path.exists(bundle), exported.code == 0, exported.err)
            self.assertEqual(os.path.exists(other), made.code == 0, made.err)
            if made.code == 0:
                self.assertEqual(self.entries(other), 1)
        print(f"\nexport and init on a full disk: {failed} failed with one line and exit 2")
        self.assertGreater(failed, 0)


if __name__ == "__main__":
    unittest.main()
