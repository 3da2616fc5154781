"""A clerk at an 80-column terminal (issue 8, point 6): every text output fits
80 columns, state reads as a short report, diff rows cite date, minute and
seq, history takes a period, party and collab list, grouped help with an
example under every command, "did you mean", rejections that say what is
true instead, and warnings that do not reject. Also the README bugs the
issue reports (export --out DIR/)."""
import json
import os
import re

from harness import LedgerTest

WIDTH = 80
LONG = ("Three-force hybrid model: armed police training, dog training, audit and "
        "compliance stay regional; operational firearms, roads policing, tactical support "
        "and serious collision investigation return to the local forces")


def too_wide(text):
    return [line for line in text.splitlines() if len(line) > WIDTH]


class Terminal(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()
        self.notice = self.write("notice", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2018-03-20",
                                 "--effective", "2019-04-01", "--minute", "EMB/2018/03")
        self.left = self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2019-01-22",
                               "--effective", "2019-04-01", "--minute", "EMB/2019/01",
                               "--reasons", "local delivery of firearms and roads policing")
        self.write("appoint", "--collab", "EMOPSS", "--role", "chief_officer_lead", "--holder",
                   "Chief Constable of Lincolnshire, on behalf of the three remaining forces",
                   "--effective", "2019-04-01", "--minute", "EMB/2019/01")
        self.write("vary", "--collab", "EMOPSS", "--text", LONG, "--decided", "2019-01-22",
                   "--effective", "2019-04-01", "--minute", "EMB/2019/01", "--note", LONG)
        self.write("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2019-20",
                   "--amount", "758000.00", "--minute", "EMB/2019/02")
        self.local = self.path("leics.csv")
        with open(self.local, "w") as f:
            f.write("collaboration,party\nEMOPSS,LEICS\nEMOPSS,NOTTS\nEMOPSS,LINCS\n")

    def test_every_text_output_fits_80_columns(self):
        self.ok("checkpoint", "--key", self.clerk)
        reads = [["state", "--collab", "EMOPSS", "--at", "2018-06-01"],
                 ["state", "--collab", "EMOPSS", "--at", "2019-07-22"],
                 ["state", "--collab", "EMOPSS", "--at", "2019-07-22", "--format", "record"],
                 ["register", "--at", "2018-01-31"], ["register", "--at", "2019-07-22", "--party", "LEICS"],
                 ["history"], ["history", "--collab", "EMOPSS"], ["history", "--party", "NOTTS"],
                 ["history", "--from", "2019-01-01", "--to", "2019-12-31", "--format", "record"],
                 ["diff", "--at", "2018-01-31", "--to", "2019-07-22"],
                 ["diff", "--at", "2019-07-22", "--against", self.local],
                 ["party", "list"], ["collab", "list"], ["verify"], ["checkpoint", "--key", self.clerk],
                 ["prove", "--seq", "3"], ["prove", "--from", "3", "--to", "9"]]
        for args in reads:
            with self.subTest(command=args):
                result = self.run_cli(*args)
                self.assertIn(result.code, (0, 1), result.err)
                self.assertTrue(result.out)
                self.assertEqual(too_wide(result.out), [], result.out)

    def test_help_fits_80_columns_is_grouped_and_every_command_has_an_example(self):
        top = self.ok("--help").out
        self.assertEqual(too_wide(top), [])
        groups = re.findall(r"^(For [^:]+):$", top, re.M)
        self.assertEqual(len(groups), 3, top)
        self.assertTrue(any("clerks" in g for g in groups) and any("scrutiny" in g for g in groups)
                        and any("auditors" in g for g in groups), groups)
        commands = re.findall(r"^  ([a-z]+)  +\S", top, re.M)
        self.assertGreaterEqual(len(commands), 25, top)
        for name in commands:
            out = self.ok(name, "--help").out
            self.assertRegex(out, rf"\nExamples?:\n  govledger {name}\b")
            subs = re.findall(r"^  ([a-z]+)  +\S", out.split("Subcommands:")[1], re.M) if "Subcommands:" in out else []
            for words in ([[name, s] for s in subs] or [[name]]):
                with self.subTest(command=words):
                    text = self.ok(*words, "--help").out
                    self.assertIn("\nExample:\n  govledger " + " ".join(words), text)
                    self.assertEqual(too_wide(text), [], text)

    def test_state_is_a_short_report(self):
        out = self.ok("state", "--collab", "EMOPSS", "--at", "2018-06-01").out
        lines = out.splitlines()
        self.assertEqual(lines[0], "EMOPSS  East Midlands Operational Support Service")
        self.assertEqual(lines[1], f"on 2018-06-01: active (as of seq {self.last_seq()})")
        self.assertEqual(out.count("EMOPSS"), 1, out)  # not repeated on every line
        self.assertIn("Members (4)", out)
        notts = next(l.split() for l in lines if l.split()[:2] == ["NOTTS", "Nottinghamshire"])
        # entered without a minute, under the harness's approval rule, none
        self.assertEqual(notts[2:], ["2015-04-01", str(self.seq_of_entry("NOTTS")), "not", "required"])
        self.assertRegex(out, rf"(?m)^NOTTS +2018-03-20 +2019-04-01 +EMB/2018/03 +{self.notice}$")
        later = self.ok("state", "--collab", "EMOPSS", "--at", "2019-07-22").out
        self.assertIn("Members (3)", later)
        self.assertIn("Notices of withdrawal: none pending", later)
        self.assertRegex(later, r"(?m)^chief_officer_lead +Chief Constable of +2019-04-01 +EMB/2019/01")
        state = self.ok("state", "--collab", "EMOPSS", "--at", "2018-06-01", "--format", "json").json()
        self.assertEqual(state["notices"][0]["minute"], "EMB/2018/03")
        self.assertEqual(state["memberships"][0]["since"], "2015-04-01")

    def seq_of_entry(self, party):
        rows = self.ok("history", "--party", party, "--format", "json").json()["entries"]
        return next(r["seq"] for r in rows if r["action"] == "party_entered")

    def test_history_takes_a_period(self):
        rows = self.ok("history", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                       "--format", "json").json()["entries"]
        # Notice: effective 2019-04-01 in the period; the 2014 entries are not.
        self.assertEqual([r["action"] for r in rows],
                         ["withdrawal_notice", "party_withdrew", "lead_appointed", "agreement_varied",
                          "budget_set"])
        before = self.ok("history", "--to", "2014-12-31", "--format", "json").json()["entries"]
        self.assertEqual({r["action"] for r in before}, {"collaboration_established", "party_entered"})
        bad = self.run_cli("history", "--from", "2019-12-31", "--to", "2019-01-01")
        self.assertEqual(bad.code, 2)
        self.assertIn("is after its last day", bad.err)

    def test_party_and_collab_list(self):
        parties = self.ok("party", "list", "--format", "json").json()["parties"]
        self.assertEqual([p["id"] for p in parties], ["DERBYS", "LEICS", "LINCS", "NORTHANTS", "NOTTS"])
        self.assertEqual(parties[1]["name"], "Leicestershire")
        self.assertEqual(parties[1]["kind"], "force")
        table = self.ok("party", "list").out.splitlines()
        self.assertEqual(table[0].split(), ["id", "name", "kind", "seq"])
        collabs = self.ok("collab", "list", "--format", "json").json()["collaborations"]
        self.assertEqual(len(collabs), 1)
        self.assertEqual((collabs[0]["id"], collabs[0]["established"], collabs[0]["dissolved"],
                          collabs[0]["scope"]), ("EMOPSS", "2015-04-01", "", "regional"))
        # The registers' Appendix B: a national collaboration says so.
        self.write("collab", "establish", "--id", "NPAS", "--name", "National Police Air Service",
                   "--decided", "2012-07-01", "--effective", "2012-10-01", "--scope", "national",
                   "--minute", "EMB/2012/07")
        collabs = self.ok("collab", "list", "--format", "json").json()["collaborations"]
        self.assertEqual({c["id"]: c["scope"] for c in collabs},
                         {"EMOPSS": "regional", "NPAS": "national"})
        table = self.ok("collab", "list").out.splitlines()
        self.assertIn("scope", table[0].split())
        self.assertIn("national", next(line for line in table if line.startswith("NPAS")).split())

    def test_diff_rows_cite_date_minute_and_seq_with_a_summary(self):
        out = self.run_cli("diff", "--at", "2019-07-22", "--against", self.local, "--party", "LEICS").out
        lines = out.splitlines()
        self.assertEqual(lines[0].split(),
                         ["collaboration", "party", "change", "date", "minute", "seq", "approval"])
        # The harness enters LINCS without a minute: its row has date and seq only.
        self.assertRegex(lines[1], r"^EMOPSS +NORTHANTS +only_in_ledger +2015-04-01 +\d+ +not$")  # "not required", wrapped
        self.assertIn(["EMOPSS", "NOTTS", "only_in_file", "2019-04-01", "EMB/2019/01", str(self.left), "not"],
                      [l.split() for l in lines])
        # The summary follows the table, wrapped at 80 columns (the path is long).
        self.assertEqual(" ".join(lines[5:]), f"2 differences from {self.local} on 2019-07-22: "
                                              "1 only_in_file, 1 only_in_ledger")

    def test_did_you_mean_for_commands_ids_and_case(self):
        self.assertIn("did you mean 'withdraw'?", self.run_cli("withdrew").err)
        self.assertIn("did you mean 'withdraw'?", self.run_cli("Withdraw").err)
        err = self.run_cli("state", "--collab", "emopss", "--at", "2019-01-01").err
        self.assertEqual(err, "govledger: unknown collaboration emopss; did you mean 'EMOPSS' "
                              "(East Midlands Operational Support Service)?\n")
        self.assertIn("did you mean 'LEICS' (Leicestershire)?", self.rejected(
            "enter", "--collab", "EMOPSS", "--party", "LEICSS", "--decided", "2019-01-01", "--effective",
            "2019-02-01", "--minute", "M"))
        self.assertEqual(self.rejected("enter", "--collab", "EMOPSS", "--party", "CHESHIRE", "--decided",
                                       "2019-01-01", "--effective", "2019-02-01", "--minute", "M"),
                         "govledger: unknown party CHESHIRE; known: DERBYS, LEICS, LINCS, NORTHANTS, NOTTS "
                         "(`govledger party list`)")
        # The case: a name's start finds the id.
        self.assertIn("unknown party LEICESTER; did you mean 'LEICS' (Leicestershire)?",
                      self.run_cli("register", "--at", "2019-01-01", "--party", "LEICESTER").err)
        self.assertIn("did you mean 'NOTTS' (Nottinghamshire)?",
                      self.run_cli("history", "--party", "notts").err)

    def test_a_rejection_says_what_is_true_instead(self):
        err = self.rejected("notice", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2019-09-01",
                            "--effective", "2019-10-01", "--minute", "M")
        self.assertEqual(err, "govledger: NOTTS is not a member of EMOPSS on 2019-10-01: NOTTS left EMOPSS "
                              f"on 2019-04-01, seq {self.left}; if it rejoined, record that first "
                              "(`govledger enter`)")

    def test_a_key_refused_says_how_to_get_one_authorised(self):
        stranger = self.new_key("stranger")
        err = self.rejected("party", "add", "--id", "KENT", "--name", "Kent", key=stranger)
        self.assertRegex(err, r"^govledger: key [0-9a-f]{16} is not an authorised signer; a secretary or "
                              r"chair authorises it with `govledger signer add --pub FILE.pub`$")

    def test_warnings_do_not_reject(self):
        def warnings(result):
            self.assertEqual(result.code, 0, result.err)
            self.assertRegex(result.out, r"^appended seq \d+\n$")
            return [l for l in result.err.splitlines() if l.startswith("govledger: warning: ")]
        clean = self.run_cli("enter", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2020-01-10",
                             "--effective", "2020-04-01", "--minute", "EMB/2020/01", "--key", self.clerk)
        self.assertEqual((clean.code, clean.err), (0, ""))
        no_minute = warnings(self.run_cli("enter", "--collab", "EMOPSS", "--party", "DERBYS", "--decided",
                                          "2020-01-10", "--effective", "2020-04-01", "--key", self.clerk))
        self.assertEqual(len(no_minute), 1)
        self.assertIn("no minute reference", no_minute[0])
        backdated = warnings(self.run_cli("notice", "--collab", "EMOPSS", "--party", "DERBYS", "--decided",
                                          "2021-03-01", "--effective", "2021-02-01", "--minute", "M",
                                          "--key", self.clerk))
        self.assertEqual(backdated, ["govledger: warning: effective date 2021-02-01 is before the decided "
                                     "date 2021-03-01 (a backdated decision?); check --effective and "
                                     "--decided"])
        no_reasons = warnings(self.run_cli("withdraw", "--collab", "EMOPSS", "--party", "DERBYS", "--decided",
                                           "2021-03-01", "--effective", "2021-04-01", "--minute", "M",
                                           "--key", self.clerk))
        self.assertEqual(len(no_reasons), 1)
        self.assertIn("no reasons (--reasons)", no_reasons[0])

    def test_a_missing_local_register_says_what_the_file_should_be(self):
        # Issue 8, README "Using it": `diff --against leicestershire.csv` named a missing file.
        result = self.run_cli("diff", "--at", "2019-07-22", "--against", self.path("nope.csv"))
        self.assertEqual(result.code, 2)
        self.assertIn("No such file or directory; --against takes a local register, a CSV with header "
                      "collaboration,party (examples/leicestershire.csv)", result.err)

    def test_export_takes_a_directory_with_a_trailing_slash(self):
        # Issue 8, README "Using it": `export --out bundle/` failed and left an empty directory.
        self.ok("checkpoint", "--key", self.clerk)
        bundle = self.path("bundle") + "/"
        result = self.ok("export", "--out", bundle)
        self.assertIn("exported", result.out)
        self.assertTrue(os.path.isfile(os.path.join(bundle, "entries.jsonl")))
        self.assertEqual([n for n in os.listdir(self.tmp) if "partial" in n], [])
        with open(os.path.join(bundle, "checkpoint.json")) as f:
            self.assertEqual(json.load(f)["tree_size"], self.last_seq())
