"""A board clerk's whole workflow, end to end, and the JSON shapes of SPEC §2."""
import unittest

from harness import LedgerTest


class ClerkWorkflow(LedgerTest):
    def test_appends_print_seq_in_both_formats(self):
        # SPEC §2: a write prints `appended seq N`; with --format json, {"seq": N}.
        result = self.ok("party", "add", "--id", "LEICS", "--name", "Leicestershire",
                         "--key", self.clerk)
        self.assertEqual(result.out, "appended seq 3\n")
        self.assertEqual(self.write("party", "add", "--id", "LINCS", "--name", "Lincolnshire"), 4)

    def test_withdrawal_changes_the_register_and_state(self):
        self.east_midlands()
        self.write("notice", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2018-03-20",
                   "--effective", "2019-04-01", "--minute", "EMB/2018/01",
                   "--reasons", "Nottinghamshire will run its own operational support")
        self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS", "--decided",
                   "2019-01-22", "--effective", "2019-04-01")
        last = self.last_seq()

        state = self.ok("state", "--collab", "EMOPSS", "--at", "2018-06-01", "--format", "json").json()
        self.assertEqual(state["collaboration"], "EMOPSS")
        self.assertEqual(state["name"], "East Midlands Operational Support Service")
        self.assertEqual(state["at"], "2018-06-01")
        self.assertEqual(state["status"], "active")
        self.assertEqual(state["members"], ["LEICS", "LINCS", "NORTHANTS", "NOTTS"])
        self.assertEqual([{k: n[k] for k in ("party", "effective", "decided")} for n in state["notices"]],
                         [{"party": "NOTTS", "effective": "2019-04-01", "decided": "2018-03-20"}])
        self.assertEqual(state["leads"], {})
        self.assertEqual(state["as_of_seq"], last)

        # SPEC §3: membership is [enter, withdraw): not a member on the day itself.
        on_day = self.ok("state", "--collab", "EMOPSS", "--at", "2019-04-01", "--format", "json").json()
        self.assertEqual(on_day["members"], ["LEICS", "LINCS", "NORTHANTS"])
        self.assertEqual(on_day["notices"], [])
        day_before = self.ok("state", "--collab", "EMOPSS", "--at", "2019-03-31", "--format", "json").json()
        self.assertIn("NOTTS", day_before["members"])

        before = self.ok("state", "--collab", "EMOPSS", "--at", "2015-03-31", "--format", "json").json()
        self.assertEqual(before["status"], "not_established")
        self.assertEqual(before["members"], [])

        register = self.ok("register", "--at", "2019-07-22", "--format", "json").json()
        self.assertEqual(register["at"], "2019-07-22")
        self.assertEqual(register["as_of_seq"], last)
        self.assertEqual(register["collaborations"],
                         [{"id": "EMOPSS", "name": "East Midlands Operational Support Service",
                           "members": ["LEICS", "LINCS", "NORTHANTS"], "parent": "",
                           "approvals": {p: "not required" for p in ["LEICS", "LINCS", "NORTHANTS"]}}])
        local = self.ok("register", "--at", "2019-07-22", "--party", "NOTTS", "--format", "json").json()
        self.assertEqual(local["collaborations"], [])

        # A party that rejoins starts without the old notice.
        self.write("enter", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2021-01-01",
                   "--effective", "2021-04-01")
        rejoined = self.ok("state", "--collab", "EMOPSS", "--at", "2021-06-01", "--format", "json").json()
        self.assertIn("NOTTS", rejoined["members"])
        self.assertEqual(rejoined["notices"], [])

    def test_leads_budgets_variations_and_dissolution(self):
        self.east_midlands()
        self.write("appoint", "--collab", "EMOPSS", "--role", "pcc_lead", "--holder", "PCC for Northamptonshire",
                   "--effective", "2015-04-01")
        self.write("appoint", "--collab", "EMOPSS", "--role", "pcc_lead", "--holder", "PCC for Lincolnshire",
                   "--effective", "2018-04-01")
        self.write("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2019-20",
                   "--amount", "758000.00")
        self.write("vary", "--collab", "EMOPSS", "--text", "Three-force hybrid model",
                   "--decided", "2019-01-22", "--effective", "2019-04-01")
        state = self.ok("state", "--collab", "EMOPSS", "--at", "2019-07-22", "--format", "json").json()
        self.assertEqual(state["leads"], {"pcc_lead": "PCC for Lincolnshire"})
        self.assertEqual([v["text"] for v in state["variations"]], ["Three-force hybrid model"])
        early = self.ok("state", "--collab", "EMOPSS", "--at", "2016-01-01", "--format", "json").json()
        self.assertEqual(early["leads"], {"pcc_lead": "PCC for Northamptonshire"})
        self.assertEqual(early["variations"], [])

        history = self.ok("history", "--collab", "EMOPSS", "--format", "json").json()
        budget = [e for e in history["entries"] if e["action"] == "budget_set"][0]
        self.assertEqual(budget["summary"], "budget 2019-20: 758000.00")

        self.write("collab", "dissolve", "--id", "EMOPSS", "--decided", "2020-01-01",
                   "--effective", "2020-04-01")
        gone = self.ok("state", "--collab", "EMOPSS", "--at", "2020-04-01", "--format", "json").json()
        self.assertEqual(gone["status"], "dissolved")
        self.assertEqual(gone["members"], [])
        self.assertEqual(self.ok("register", "--at", "2020-04-01", "--format", "json").json()["collaborations"], [])

    def test_history_shows_signer_minute_and_statutory_record(self):
        self.east_midlands()
        seq = self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2019-01-22",
                         "--effective", "2019-04-01", "--minute", "EMB/2019/01", "--note", "clerk's note",
                         "--reasons", "local delivery", "--alternatives", "stay in a four-force model",
                         "--conflicts", "none declared")
        rows = self.ok("history", "--party", "NOTTS", "--format", "json").json()["entries"]
        row = rows[-1]
        self.assertEqual(row["seq"], seq)
        self.assertEqual(row["action"], "party_withdrew")
        self.assertEqual(row["signer"], "Board clerk")
        self.assertEqual((row["decided"], row["effective"]), ("2019-01-22", "2019-04-01"))
        self.assertEqual(row["minute"], "EMB/2019/01")
        self.assertEqual(row["note"], "clerk's note")
        self.assertEqual(row["reasons"], "local delivery")
        self.assertEqual(row["alternatives"], "stay in a four-force model")
        self.assertEqual(row["conflicts"], "none declared")
        self.assertRegex(row["recorded_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        self.assertTrue(all(r["party"] == "NOTTS" for r in rows))
        csv = self.ok("history", "--format", "csv").out.splitlines()
        self.assertTrue(csv[0].startswith("seq,recorded_at,signer,action"))
        self.assertEqual(len(csv), self.last_seq() + 1)

    def test_correct_retracts_without_deleting(self):
        self.east_midlands()
        wrong = self.write("withdraw", "--collab", "EMOPSS", "--party", "LINCS",
                           "--decided", "2019-01-22", "--effective", "2019-04-01")
        fix = self.write("correct", "--seq", str(wrong), "--reason", "LINCS did not withdraw; NOTTS did")
        state = self.ok("state", "--collab", "EMOPSS", "--at", "2019-07-22", "--format", "json").json()
        self.assertIn("LINCS", state["members"])
        rows = {r["seq"]: r for r in self.ok("history", "--format", "json").json()["entries"]}
        self.assertEqual(rows[wrong]["retracted_by"], fix)
        self.assertEqual(rows[wrong]["action"], "party_withdrew")
        # SPEC §3: correcting an already retracted or missing entry is rejected.
        self.assertIn("already retracted", self.rejected("correct", "--seq", str(wrong), "--reason", "again"))
        self.assertIn("no entry 999", self.rejected("correct", "--seq", "999", "--reason", "x"))
        # Transaction time: what the ledger said before the correction.
        then = self.ok("state", "--collab", "EMOPSS", "--at", "2019-07-22", "--as-of-seq", str(wrong),
                       "--format", "json").json()
        self.assertNotIn("LINCS", then["members"])
        self.assertEqual(then["as_of_seq"], wrong)

    def test_register_csv_is_a_local_register_file(self):
        self.east_midlands()
        lines = self.ok("register", "--at", "2016-01-01", "--format", "csv").out.splitlines()
        self.assertEqual(lines[0], "collaboration,party,name,parent,approval")
        self.assertEqual(len(lines), 5)
        self.assertTrue(lines[1].startswith("EMOPSS,LEICS,"))


if __name__ == "__main__":
    unittest.main()
