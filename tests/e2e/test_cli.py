"""The command line itself (SPEC §2, §4): help, where the ledger is, writers
waiting for each other, import all or nothing, and diff."""
import fcntl
import os
import pty
import subprocess
import threading
import time
import unittest

from harness import BIN, LedgerTest

COMMANDS = [["timeline"], ["review"], ["report"], ["key", "new"], ["init"], ["signer", "add"], ["signer", "revoke"], ["party", "add"],
            ["collab", "establish"], ["collab", "dissolve"], ["enter"], ["notice"], ["withdraw"],
            ["appoint"], ["budget"], ["vary"], ["correct"], ["import"], ["state"], ["register"],
            ["history"], ["diff"], ["verify"], ["checkpoint"], ["prove"], ["export"], ["reindex"]]


class CommandLine(LedgerTest):
    def test_help_works_on_every_command(self):
        for words in COMMANDS:
            with self.subTest(command=words):
                result = self.run_cli(*words, "--help")
                self.assertEqual(result.code, 0, result.err)
                self.assertIn("Usage", result.out)

    def test_ledger_comes_from_flag_or_environment_or_is_a_clear_error(self):
        env = dict(os.environ)
        env.pop("GOVLEDGER_DIR", None)
        proc = subprocess.run([BIN, "history"], capture_output=True, text=True, env=env)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("pass --ledger DIR or set GOVLEDGER_DIR", proc.stderr)
        proc = subprocess.run([BIN, "history", "--ledger", self.dir, "--format", "json"],
                              capture_output=True, text=True, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        missing = self.run_cli("history", "--ledger", self.path("nowhere"))
        self.assertEqual(missing.code, 2)
        self.assertIn("no ledger at", missing.err)

    def test_every_command_takes_ledger(self):
        # SPEC §2: every command takes --ledger DIR, key new included.
        result = self.run_cli("key", "new", self.path("extra.key"), "--ledger", self.dir)
        self.assertEqual(result.code, 0, result.err)
        self.assertRegex(result.out, r"^[0-9a-f]{16}\n$")

    def test_init_twice_and_key_overwrite_are_refused(self):
        again = self.run_cli("init", "--board", "b", "--holder", "h", "--key", self.secretary)
        self.assertEqual(again.code, 2)
        self.assertIn("already holds a ledger", again.err)
        self.assertEqual(self.run_cli("key", "new", self.clerk).code, 2)
        self.assertEqual(os.stat(self.clerk).st_mode & 0o777, 0o600)

    def test_bad_flags_exit_2(self):
        self.assertEqual(self.run_cli("enter", "--collab", "X").code, 2)
        self.assertEqual(self.run_cli("state", "--collab", "X", "--at", "2019-01-01", "--format", "xml").code, 2)
        self.assertEqual(self.run_cli("nonsense").code, 2)

    def test_an_enum_flag_lists_its_words_in_help_and_in_a_refusal(self):
        # The words come from ledger.proto's enums (ledger/enum_names.h).
        self.assertIn("{force,fire,other}", self.run_cli("party", "add", "--help").out)
        refusals = [
            (["party", "add", "--id", "X", "--name", "X", "--kind", "police"], "--kind", "{force,fire,other}"),
            (["signer", "add", "--pub", self.clerk + ".pub", "--holder", "x", "--role", "king"], "--role",
             "{clerk,secretary,chair,party}"),
            (["appoint", "--collab", "X", "--role", "boss", "--holder", "x", "--effective", "2019-04-01"], "--role",
             "{pcc_lead,chief_officer_lead,operational_lead,finance_lead}"),
        ]
        for args, flag, words in refusals:
            with self.subTest(flag=flag, words=words):
                result = self.run_cli(*args, "--key", self.secretary)
                self.assertEqual(result.code, 2)
                self.assertEqual(result.err.count("\n"), 1, result.err)
                self.assertIn(flag, result.err)
                self.assertIn(words, result.err)

    def test_a_writer_waits_for_another_and_readers_never_wait(self):
        lock = open(os.path.join(self.dir, "WRITER.lock"), "w")
        self.addCleanup(lock.close)
        fcntl.flock(lock, fcntl.LOCK_EX)
        start = time.monotonic()
        busy = self.run_cli("party", "add", "--id", "X", "--name", "x", "--key", self.clerk, "--wait", "0.3")
        self.assertEqual(busy.code, 2)
        self.assertIn("another writer", busy.err)
        self.assertGreaterEqual(time.monotonic() - start, 0.3)
        self.assertEqual(self.run_cli("history").code, 0)  # a read while the writer holds the lock
        threading.Timer(0.5, lambda: fcntl.flock(lock, fcntl.LOCK_UN)).start()
        waited = self.run_cli("party", "add", "--id", "X", "--name", "x", "--key", self.clerk, "--wait", "10")
        self.assertEqual(waited.code, 0, waited.err)
        self.assertEqual(waited.out, "appended seq 3\n")

    def test_import_appends_all_rows_or_none(self):
        good = self.path("good.csv")
        with open(good, "w", newline="") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\r\n"
                    "party,,LEICS,,,,Leicestershire,\r\n"
                    "party,,NOTTS,,,,Nottinghamshire,\r\n"
                    'establish,EMCJS,,2014-01-14,2014-04-01,EMB/2014/01,"Criminal Justice Service, East Midlands",\r\n'
                    "enter,EMCJS,LEICS,2014-01-14,2014-04-01,EMB/2014/01,,\r\n"
                    'enter,EMCJS,NOTTS,2014-01-14,2014-04-01,EMB/2014/01,,"a note, quoted"\r\n')
        result = self.ok("import", good, "--key", self.clerk, "--format", "json")
        self.assertEqual(result.json(), {"seq": 7})
        state = self.ok("state", "--collab", "EMCJS", "--at", "2015-01-01", "--format", "json").json()
        self.assertEqual(state["name"], "Criminal Justice Service, East Midlands")
        self.assertEqual(state["members"], ["LEICS", "NOTTS"])
        notes = [e["note"] for e in self.ok("history", "--format", "json").json()["entries"]]
        self.assertEqual(notes[-1], "a note, quoted")

        bad = self.path("bad.csv")
        with open(bad, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n"
                    "party,,LINCS,,,,Lincolnshire,\n"
                    "enter,EMCJS,LINCS,2014-01-14,2014-04-01,,,\n"
                    "withdraw,EMCJS,DERBYS,2019-01-01,2019-04-01,,,\n")
        err = self.rejected("import", bad)
        # Issue 8: an unknown id comes with the ids the ledger knows.
        self.assertEqual(err, "govledger: line 4: unknown party DERBYS; known: LEICS, NOTTS (`govledger party list`)")
        members = self.ok("state", "--collab", "EMCJS", "--at", "2015-01-01", "--format", "json").json()["members"]
        self.assertNotIn("LINCS", members)
        with open(bad, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n"
                    "merge,EMCJS,LINCS,2014-01-14,2014-04-01,,,\n")
        self.assertIn("line 2: action 'merge'", self.rejected("import", bad))
        with open(bad, "w") as f:
            f.write("action,collaboration,party\nparty,,X\n")
        self.assertIn("line 1: the header lacks column 'decided'", self.rejected("import", bad))

    def test_progress_only_when_stderr_is_a_terminal(self):
        # SPEC §2: long work shows progress on stderr when stderr is a terminal.
        rows = "".join(f"party,,P{i},,,,Party {i},\n" for i in range(1200))
        big = self.path("big.csv")
        with open(big, "w") as f:
            f.write("action,collaboration,party,decided,effective,minute,name,note\n" + rows)
        quiet = self.run_cli("import", big, "--key", self.clerk)
        self.assertEqual((quiet.code, quiet.err), (0, ""))
        self.assertEqual(self.run_cli("verify").err, "")
        controller, terminal = pty.openpty()
        self.addCleanup(os.close, controller)
        proc = subprocess.run([BIN, "verify", "--ledger", self.dir], stdout=subprocess.PIPE,
                              stderr=terminal, text=True)
        os.close(terminal)
        shown = os.read(controller, 65536).decode()
        self.assertEqual(proc.returncode, 0)
        self.assertIn("verify: 1000 of 1202 entries", shown)
        self.assertIn("result     ok", proc.stdout)

    def test_diff_between_dates_and_against_a_local_register(self):
        self.east_midlands()
        left = self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2019-01-22",
                          "--effective", "2019-04-01", "--minute", "EMB/2019/01")
        same = self.run_cli("diff", "--at", "2016-01-01", "--to", "2017-01-01", "--format", "json")
        self.assertEqual(same.code, 0, same.err)
        self.assertEqual(same.json()["changes"], [])
        changed = self.run_cli("diff", "--at", "2018-01-31", "--to", "2019-07-22", "--format", "json")
        self.assertEqual(changed.code, 1)
        # Issue 8: each row cites the day, the entry and its minute; one summary line.
        self.assertEqual(changed.json()["changes"], [{"collaboration": "EMOPSS", "party": "NOTTS", "change": "left",
                                                      "date": "2019-04-01", "seq": left, "minute": "EMB/2019/01",
                                                      "approval": "not required"}])
        self.assertEqual(changed.json()["summary"], "1 change between 2018-01-31 and 2019-07-22: 1 left")
        shown = self.run_cli("diff", "--at", "2018-01-31", "--to", "2019-07-22").out.splitlines()
        self.assertEqual(shown[1].split(),
                         ["EMOPSS", "NOTTS", "left", "2019-04-01", "EMB/2019/01", str(left), "not", "required"])
        self.assertEqual(shown[-1], "1 change between 2018-01-31 and 2019-07-22: 1 left")
        began = self.run_cli("diff", "--at", "2015-01-01", "--to", "2015-04-01", "--format", "json").json()
        self.assertIn({"collaboration": "EMOPSS", "party": "", "change": "began"},
                      [{k: c[k] for k in ("collaboration", "party", "change")} for c in began["changes"]])
        self.assertTrue(all(c["date"] for c in began["changes"]), began)

        local = self.path("leics.csv")
        with open(local, "w") as f:
            f.write("collaboration,party,comment\nEMOPSS,LEICS,x\nEMOPSS,LINCS,\nEMOPSS,DERBYS,\n")
        against = self.run_cli("diff", "--at", "2019-07-22", "--against", local, "--party", "LEICS",
                               "--format", "json")
        self.assertEqual(against.code, 1)
        self.assertEqual([{k: c[k] for k in ("collaboration", "party", "change", "date")}
                          for c in against.json()["changes"]], [
            {"collaboration": "EMOPSS", "party": "DERBYS", "change": "only_in_file", "date": ""},
            {"collaboration": "EMOPSS", "party": "NORTHANTS", "change": "only_in_ledger", "date": "2015-04-01"}])
        with open(local, "a") as f:
            f.write("EMOPSS,NORTHANTS,\n")
        table = self.run_cli("diff", "--at", "2019-07-22", "--against", local)
        self.assertEqual(table.code, 1)
        self.assertIn("DERBYS", table.out)
        self.assertNotIn("NORTHANTS", table.out)


if __name__ == "__main__":
    unittest.main()
