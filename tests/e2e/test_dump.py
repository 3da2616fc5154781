"""tools/govledger-dump, the inspector that decodes the log from the documented
bytes without govledger's code, agrees with verify and shows the expected value
beside a bad one."""
import os
import subprocess
import unittest

from harness import LedgerTest

DUMP = os.environ.get("GOVLEDGER_DUMP", "govledger-dump")


class Dump(LedgerTest):
    def dump(self, *args):
        return subprocess.run([DUMP, self.dir, *args], capture_output=True, text=True)

    def test_clean_ledger_checks_and_root_matches_verify(self):
        self.east_midlands()
        self.ok("checkpoint", "--key", self.clerk)
        result = self.dump("--checkpoints")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        root = self.verify()[1]["root_hash"]
        self.assertIn(root, result.stdout)
        self.assertIn("summary: 12 entries, 0 mismatches", result.stdout)

    def test_changed_byte_shows_expected_beside_found(self):
        self.east_midlands()
        value = self.raw_get(7)
        self.raw_put(7, value.replace(b"Nottinghamshire", b"Nottinghamshirf"))
        result = self.dump()
        self.assertEqual(result.returncode, 1)
        self.assertIn("seq 7: signature", result.stdout)
        self.assertIn("MISMATCH expected", result.stdout)

    def test_bytes_appended_to_a_value_are_shown(self):
        self.east_midlands()
        self.raw_put(5, self.raw_get(5) + bytes.fromhex("2203414243"))
        result = self.dump("--seq", "5")
        self.assertEqual(result.returncode, 1)
        self.assertIn("seq 5: value size", result.stdout)

    def test_usage_errors_exit_2(self):
        self.assertEqual(subprocess.run([DUMP], capture_output=True).returncode, 2)
        self.assertEqual(self.dump("--seq", "999").returncode, 2)


if __name__ == "__main__":
    unittest.main()
