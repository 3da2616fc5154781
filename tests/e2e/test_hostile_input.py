"""Hostile and clumsy input and output (issue 7): what a terminal or a
spreadsheet is shown, parser errors in one line, every value checked, the
files people really bring, and private keys handled as secrets (SPEC §2, §4, §5).
Every refusal is exit 2 with one line on stderr and nothing appended."""
import base64
import csv
import io
import os
import pty
import select
import subprocess
import time
import unittest

from harness import BIN, LedgerTest

# An Ed25519 key encrypted with "correct horse" (openssl genpkey -aes-256-cbc)
# and its raw public key; tests/ledger/signer_test.cc holds the same pair.
ENCRYPTED_KEY = """-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgeUPBFHLHXoAICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEGXVLQiK9cJag1QUzIDwcssEQMNc
nb4wIkRHj02Q6KwWGMRjkloL0AEr0x9mBQqJKat0YU1Naol2YMMp8zrdt6sVd3gH
c3TkVxwLrUPkzrD99qg=
-----END ENCRYPTED PRIVATE KEY-----
"""
ENCRYPTED_PUBLIC = bytes.fromhex("27397957f9d8cbbf6b38a97361ea67bbf40f898709b9084c47d929ee3fe9e7b2")


def spki_pem(raw):
    """SubjectPublicKeyInfo PEM of a raw Ed25519 public key (RFC 8410)."""
    der = bytes.fromhex("302a300506032b6570032100") + raw
    return ("-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() +
            "\n-----END PUBLIC KEY-----\n")


class HostileTest(LedgerTest):
    def refused(self, *args, key=None):
        """Any command that must fail with exit 2, one line, nothing appended."""
        before = self.last_seq()
        result = self.run_cli(*args, "--key", key) if key else self.run_cli(*args)
        self.assertEqual(result.code, 2, f"{args}: {result.out}")
        self.assertEqual(len(result.err.splitlines()), 1, result.err)
        self.assertTrue(result.err.startswith("govledger: "), result.err)
        self.assertEqual(self.last_seq(), before)
        return result.err.strip()

    def write_file(self, name, text, mode="w", **kwargs):
        path = self.path(name)
        with open(path, mode, **kwargs) as f:
            f.write(text)
        return path


class OutputCannotBeTurnedAgainstItsReader(HostileTest):
    def test_a_newline_in_a_note_cannot_forge_a_history_row(self):
        forged = "ok\n99   2026-01-01T00:00:00Z  Board chair  party_added  FAKE"
        self.write("party", "add", "--id", "NOTTS", "--name", "Nottinghamshire", "--note", forged)
        table = self.ok("history").out
        # History is too wide for 80 columns: one block per entry, each line a
        # field's name or a continuation indented under its value.
        self.assertEqual(len(table.split("\n\n")), 3, table)
        self.assertIn("ok\\n99   2026-01-01", table)
        fields = {"seq", "recorded_at", "signer", "action", "collaboration", "party", "summary", "note"}
        for line in table.splitlines():
            self.assertTrue(line == "" or line.startswith(" ") or line.split()[0] in fields, line)
        notes = [e["note"] for e in self.ok("history", "--format", "json").json()["entries"]]
        self.assertEqual(notes[-1], forged)  # JSON keeps the exact text

    def test_escape_sequences_are_shown_never_sent_to_the_terminal(self):
        name = "Notts\x1b[2J\x1b]0;pwned\x07\u009b31m\u202eevil"
        self.write("party", "add", "--id", "NOTTS", "--name", name)
        out = self.ok("history").out
        for raw in ["\x1b", "\x07", "\u009b", "\u202e"]:
            self.assertNotIn(raw, out)
        self.assertIn("Notts\\x1b[2J\\x1b]0;pwned\\x07\\u009b31m\\u202eevil", out)
        err = self.refused("party", "add", "--id", "X\x1b[31m", "--name", "x", key=self.clerk)
        self.assertNotIn("\x1b", err)
        self.assertIn("X\\x1b[31m", err)
        err = self.refused("state", "--collab", "EM\nOPSS", "--at", "2019-01-01")
        self.assertIn("EM\\nOPSS", err)

    def test_csv_cells_a_spreadsheet_would_run_are_neutralised(self):
        # OWASP CSV Injection: = + - @ tab CR at the start of a cell.
        payload = "=cmd|' /C calc'!A0"
        self.write("party", "add", "--id", "NOTTS", "--name", "Nottinghamshire",
                   "--note", payload, "--minute", "@SUM(1+1)")
        out = self.ok("history", "--format", "csv").out
        self.assertIn("\"'=cmd|' /C calc'!A0\"", out)
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(rows[-1]["note"], "'" + payload)
        self.assertEqual(rows[-1]["minute"], "'@SUM(1+1)")
        for row in rows:
            for cell in row.values():
                self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), row)
        notes = [e["note"] for e in self.ok("history", "--format", "json").json()["entries"]]
        self.assertEqual(notes[-1], payload)

    def test_a_failed_write_to_standard_output_exits_2(self):
        with open("/dev/full", "w") as full:
            result = self.run_cli("history", stdout=full)
        self.assertEqual(result.code, 2)
        self.assertEqual(result.err, "govledger: cannot write to standard output: "
                                     "No space left on device\n")
        with open("/dev/full", "w") as full:
            self.assertEqual(self.run_cli("history", "--format", "json", stdout=full).code, 2)

    def test_a_huge_value_echoed_into_an_error_is_cut_short(self):
        huge = "A" * (900 << 10)  # under the 1 MiB a record may hold
        path = self.write_file("huge.csv", "action,collaboration,party,decided,effective,minute,"
                               "name,note\nparty,," + huge + ",,,,Huge,\n")
        err = self.refused("import", path, key=self.clerk)
        self.assertLess(len(err), 600)
        self.assertTrue(err.startswith("govledger: line 2: party id 'AAAA"), err)
        self.assertIn("\u2026", err)


class ParserErrorsAreOneLine(HostileTest):
    def test_every_parse_error_is_one_line_with_a_pointer_to_help(self):
        cases = [("enter", "--collab", "X"), ("history", "--nope"), ("history", "extra"),
                 ("party", "add", "--id", "A", "--name", "a", "--note", "x", "--note", "y"),
                 ("key",), ()]
        for args in cases:
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.code, 2)
                self.assertEqual(len(result.err.splitlines()), 1, result.err)
                self.assertRegex(result.err, r"^govledger: .*\(see `govledger[a-z ]*--help`\)\n$")
        self.assertIn("--party is required (see `govledger enter --help`)",
                      self.run_cli("enter", "--collab", "X").err)

    def test_a_mistyped_command_is_named_with_the_nearest_one(self):
        result = self.run_cli("withdrew", "--collab", "EMOPSS")
        self.assertEqual(result.code, 2)
        self.assertEqual(result.err, "govledger: 'withdrew' is not a govledger command; did you "
                                     "mean 'withdraw'? (see `govledger --help`)\n")
        self.assertIn("did you mean 'history'?", self.run_cli("hsitory").err)
        self.assertIn("'nwe' is not a command of `govledger key`; did you mean 'new'?",
                      self.run_cli("key", "nwe", "x").err)
        far = self.run_cli("frobnicate")
        self.assertEqual(far.code, 2)
        self.assertNotIn("did you mean", far.err)
        self.assertIn("'frobnicate' is not a govledger command", far.err)


class EveryValueChecked(HostileTest):
    def test_wait_is_finite_seconds_from_zero_to_a_day(self):
        for bad in ["nan", "-1", "inf", "99999999999999999999", "86401", "soon"]:
            with self.subTest(wait=bad):
                err = self.refused("party", "add", "--id", "X", "--name", "x", "--wait", bad,
                                   key=self.clerk)
                self.assertIn(f"--wait: '{bad}' is not a number of seconds from 0 to 86400", err)
        err = self.refused("reindex", "--wait", "nan")
        self.assertIn("--wait: 'nan'", err)

    def test_wait_nan_never_hangs_behind_another_writer(self):
        import fcntl
        lock = open(os.path.join(self.dir, "WRITER.lock"), "w")
        self.addCleanup(lock.close)
        fcntl.flock(lock, fcntl.LOCK_EX)
        start = time.monotonic()
        result = self.run_cli("party", "add", "--id", "X", "--name", "x", "--key", self.clerk,
                              "--wait", "nan")
        self.assertEqual(result.code, 2)
        self.assertLess(time.monotonic() - start, 5)

    def test_as_of_seq_is_a_whole_number_from_1(self):
        for bad in ["-1", "0", "18446744073709551621", "1.5", "x"]:
            for command in [("history",), ("state", "--collab", "X", "--at", "2019-01-01"),
                            ("verify",), ("register", "--at", "2019-01-01")]:
                with self.subTest(seq=bad, command=command):
                    err = self.refused(*command, "--as-of-seq", bad)
                    self.assertIn(f"--as-of-seq: '{bad}' is not a whole number from 1", err)
        self.assertEqual(len(self.ok("history", "--as-of-seq", "1", "--format", "json")
                             .json()["entries"]), 1)

    def test_correct_seq_is_a_whole_number_from_1(self):
        for bad in ["-1", "0", "18446744073709551617"]:
            with self.subTest(seq=bad):
                err = self.refused("correct", "--seq", bad, "--reason", "typo", key=self.clerk)
                self.assertIn(f"--seq: '{bad}'", err)


class FilesPeopleBring(HostileTest):
    HEADER = "action,collaboration,party,decided,effective,minute,name,note\n"

    def special_files(self):
        fifo = self.path("pipe.csv")
        os.mkfifo(fifo)
        zero = self.path("zero.csv")
        os.symlink("/dev/zero", zero)
        directory = self.path("folder.csv")
        os.mkdir(directory)
        return [(fifo, "named pipe (FIFO)"), (zero, "character device"),
                (directory, "is a directory")]

    def test_directories_fifos_and_devices_are_named_not_read(self):
        for path, kind in self.special_files():
            with self.subTest(path=path):
                self.assertIn(kind, self.refused("import", path, key=self.clerk))
                self.assertIn(kind, self.refused("diff", "--at", "2019-01-01", "--against", path))
                self.assertIn(kind, self.refused("verify", "--checkpoint", path))
                self.assertIn(kind, self.refused("party", "add", "--id", "X", "--name", "x",
                                                 key=path))
                self.assertIn(kind, self.refused("signer", "add", "--pub", path, "--holder", "h",
                                                 "--role", "clerk", key=self.secretary))

    def test_an_oversized_file_is_refused_with_the_limit(self):
        big = self.path("big.csv")
        with open(big, "w") as f:
            f.truncate((256 << 20) + 1)  # sparse: costs no disk
        self.assertIn("is larger than 256 MiB", self.refused("diff", "--at", "2019-01-01",
                                                             "--against", big))
        # An import is read a row at a time, so it may be larger; one record
        # may not (a file of NUL bytes is one record).
        self.assertIn("line 1: a record longer than 1 MiB",
                      self.refused("import", big, key=self.clerk))
        with open(big, "w") as f:
            f.truncate((1 << 30) + 1)
        self.assertIn("is larger than 1 GiB", self.refused("import", big, key=self.clerk))
        checkpoint = self.write_file("checkpoint.json", " " * ((1 << 20) + 1))
        self.assertIn("is larger than 1 MiB", self.refused("verify", "--checkpoint", checkpoint))

    def test_a_register_saved_by_a_spreadsheet_matches(self):
        self.east_midlands()
        # Excel's "CSV UTF-8": a byte-order mark, CRLF, and blanks typed after commas.
        local = self.write_file("leics.csv", "\ufeffcollaboration, party\r\n"
                                "EMOPSS, LEICS\r\nEMOPSS , LINCS\r\n EMOPSS,NORTHANTS\r\n"
                                "EMOPSS,NOTTS \r\n", encoding="utf-8", newline="")
        result = self.run_cli("diff", "--at", "2016-01-01", "--against", local, "--format", "json")
        self.assertEqual(result.code, 0, result.out + result.err)
        self.assertEqual(result.json()["changes"], [])

    def test_unknown_ids_in_a_local_register_are_reported_as_such(self):
        self.east_midlands()
        local = self.write_file("leics.csv", "collaboration,party\n"
                                "EMOPSS,LEICS\nEMOPSS,LINCS\nEMOPSS,NORTHANTS\nEMOPSS,NOTTS\n"
                                "EMSOU,LEICS\nEMOPSS,LEICESTERSHIRE\nEMCHRS,DERBYS\n")
        result = self.run_cli("diff", "--at", "2016-01-01", "--against", local, "--party", "LEICS",
                              "--format", "json")
        self.assertEqual(result.code, 1, result.err)
        # The ledger has nothing behind these rows to cite.
        nothing = {"date": "", "seq": 0, "minute": "", "approval": ""}
        self.assertEqual(result.json()["changes"], [
            {"collaboration": "EMCHRS", "party": "DERBYS", "change": "unknown_collaboration", **nothing},
            {"collaboration": "EMOPSS", "party": "LEICESTERSHIRE", "change": "unknown_party", **nothing},
            {"collaboration": "EMSOU", "party": "LEICS", "change": "unknown_collaboration", **nothing}])
        table = self.run_cli("diff", "--at", "2016-01-01", "--against", local, "--party", "LEICS")
        self.assertIn("unknown_collaboration", table.out)

    def test_a_header_naming_a_column_twice_is_refused(self):
        imp = self.write_file("twice.csv", self.HEADER.strip() + ",party\nparty,,X,,,,x,,Y\n")
        self.assertIn("line 1: column 'party' appears twice",
                      self.refused("import", imp, key=self.clerk))
        local = self.write_file("local.csv", "collaboration,party,party\nEMOPSS,LEICS,NOTTS\n")
        self.assertIn("line 1: column 'party' appears twice",
                      self.refused("diff", "--at", "2019-01-01", "--against", local))

    def test_a_register_csv_with_formula_guarded_ids_reads_back_unchanged(self):
        # An id may start with '-' (SPEC §3), which register --format csv guards.
        self.write("party", "add", "--id", "-A1", "--name", "Minus")
        self.write("collab", "establish", "--id", "EMOPSS", "--name", "E",
                   "--decided", "2015-01-01", "--effective", "2015-01-01")
        self.write("enter", "--collab", "EMOPSS", "--party", "-A1",
                   "--decided", "2015-01-01", "--effective", "2015-01-01")
        out = self.ok("register", "--at", "2016-01-01", "--format", "csv").out
        self.assertIn("\"'-A1\"", out)
        local = self.write_file("register.csv", out, newline="")
        result = self.run_cli("diff", "--at", "2016-01-01", "--against", local)
        self.assertEqual(result.code, 0, result.out + result.err)


class KeysAreSecrets(HostileTest):
    def encrypted_signer(self):
        key = self.write_file("encrypted.key", ENCRYPTED_KEY)
        os.chmod(key, 0o600)
        pub = self.write_file("encrypted.key.pub", spki_pem(ENCRYPTED_PUBLIC))
        self.ok("signer", "add", "--pub", pub, "--holder", "Deputy clerk", "--role", "clerk",
                "--key", self.secretary)
        return key

    def test_a_key_open_to_group_or_others_is_refused_with_the_chmod_to_run(self):
        # SPEC §5: a key file readable by group or others is refused.
        for mode in [0o644, 0o640, 0o666, 0o604]:
            with self.subTest(mode=oct(mode)):
                os.chmod(self.clerk, mode)
                err = self.refused("party", "add", "--id", "X", "--name", "x", key=self.clerk)
                self.assertIn(f"run `chmod 600 {self.clerk}`", err)
                self.assertIn("mode %04o" % mode, err)
        os.chmod(self.clerk, 0o400)
        self.write("party", "add", "--id", "X", "--name", "x")

    def test_an_encrypted_key_signs_with_its_passphrase_file(self):
        key = self.encrypted_signer()
        passphrase = self.write_file("pass", "correct horse\n")
        result = self.ok("party", "add", "--id", "X", "--name", "x", "--key", key,
                         "--passphrase-file", passphrase)
        self.assertEqual(result.out, f"appended seq {self.last_seq()}\n")
        self.assertEqual(self.ok("verify").code, 0)

    def test_a_wrong_passphrase_says_so(self):
        key = self.encrypted_signer()
        wrong = self.write_file("wrong", "battery staple\n")
        err = self.refused("party", "add", "--id", "X", "--name", "x", "--passphrase-file", wrong,
                           key=key)
        self.assertIn("passphrase given does not decrypt", err)
        self.assertNotIn("not an Ed25519", err)

    def test_without_a_terminal_or_file_it_asks_for_the_flag(self):
        key = self.encrypted_signer()
        err = self.refused("party", "add", "--id", "X", "--name", "x", key=key)
        self.assertIn("is encrypted: give its passphrase with --passphrase-file FILE", err)

    def test_on_a_terminal_it_asks_once(self):
        key = self.encrypted_signer()
        controller, terminal = pty.openpty()
        self.addCleanup(os.close, controller)
        proc = subprocess.Popen([BIN, "party", "add", "--id", "X", "--name", "x", "--key", key,
                                 "--ledger", self.dir], stdin=terminal, stdout=subprocess.PIPE,
                                stderr=terminal, start_new_session=True)
        os.close(terminal)
        shown = self.read_until(controller, b"passphrase for")
        os.write(controller, b"correct horse\n")
        out, _ = proc.communicate(timeout=30)
        shown += self.read_until(controller, None)
        self.assertEqual(proc.returncode, 0, shown)
        self.assertEqual(shown.count(b"passphrase for"), 1, shown)
        self.assertNotIn(b"correct horse", shown)  # not echoed
        self.assertEqual(out, f"appended seq {self.last_seq()}\n".encode())

    @staticmethod
    def read_until(fd, marker, timeout=10):
        data = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and (marker is None or marker not in data):
            ready, _, _ = select.select([fd], [], [], 0.2 if marker is None else 1)
            if not ready:
                if marker is None:
                    break
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        return data


if __name__ == "__main__":
    unittest.main()
