"""The parties approve the decisions that bind them with their own keys (issue
10): party keys, the collaboration's approval rule, `approve` and its
rejections (exit 2, one line, nothing appended), and approvals as every read
shows them."""
import json
import os
import re
import subprocess
import unittest

from harness import LedgerTest

FORCES = ["LEICS", "LINCS", "NORTHANTS", "NOTTS"]


class Approvals(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands(approval="all")  # seqs 1..12
        self.party_key = {}
        for pid in FORCES + ["DERBYS"]:
            self.party_key[pid] = self.new_key(pid.lower() + "-pcc")
            self.write("signer", "add", "--pub", self.party_key[pid] + ".pub",
                       "--holder", f"Office of the PCC, {pid}", "--role", "party",
                       "--party", pid, key=self.secretary)
        self.withdrawal = self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS",
                                     "--decided", "2019-01-10", "--effective", "2019-04-01",
                                     "--reasons", "three-force model")

    def approve(self, seq, party):
        return self.write("approve", "--seq", str(seq), key=self.party_key[party])

    def history_row(self, seq):
        rows = self.ok("history", "--format", "json").json()["entries"]
        return next(r for r in rows if r["seq"] == seq)

    def test_withdrawal_binds_every_member_the_leaving_one_included(self):
        approval = self.history_row(self.withdrawal)["approval"]
        self.assertEqual(approval["bound"], FORCES)
        self.assertEqual((approval["rule"], approval["status"]), ("all", "pending (0 of 4)"))
        for n, pid in enumerate(FORCES[:3], start=1):
            seq = self.approve(self.withdrawal, pid)
            self.assertEqual(self.history_row(seq)["summary"], f"{pid} approves entry {self.withdrawal}")
        self.assertEqual(self.history_row(self.withdrawal)["approval"]["status"], "pending (3 of 4)")
        self.approve(self.withdrawal, "NOTTS")
        approval = self.history_row(self.withdrawal)["approval"]
        self.assertEqual(approval["status"], "approved")
        self.assertEqual([a["party"] for a in approval["approved_by"]], FORCES)
        self.assertEqual(self.verify()[0], 0)

    def test_a_founding_member_approves_its_own_entry(self):
        entry = 9  # LEICS enters EMOPSS on its first day: nobody else was a member the day before
        self.assertEqual(self.history_row(entry)["approval"]["bound"], ["LEICS"])
        err = self.rejected("approve", "--seq", str(entry), key=self.party_key["LINCS"])
        self.assertIn("LINCS is not bound by entry 9: it binds LEICS", err)
        self.approve(entry, "LEICS")
        self.assertEqual(self.history_row(entry)["approval"]["status"], "approved")

    def test_every_rejection_appends_nothing_and_says_why(self):
        self.approve(self.withdrawal, "LEICS")
        self.assertIn("LEICS already approved entry", self.rejected(
            "approve", "--seq", str(self.withdrawal), key=self.party_key["LEICS"]))
        self.assertIn("DERBYS is not bound by entry", self.rejected(
            "approve", "--seq", str(self.withdrawal), key=self.party_key["DERBYS"]))
        self.assertIn("there is no entry 999 to approve", self.rejected(
            "approve", "--seq", "999", key=self.party_key["LEICS"]))
        self.assertIn("only entries, withdrawals, dissolutions and variations take approvals",
                      self.rejected("approve", "--seq", "6", key=self.party_key["LEICS"]))
        self.assertIn("only a party's own key may approve", self.rejected(
            "approve", "--seq", str(self.withdrawal)))
        # A party key approves and does nothing else.
        self.assertIn("a party key may only approve", self.rejected(
            "notice", "--collab", "EMOPSS", "--party", "LEICS", "--decided", "2019-01-10",
            "--effective", "2020-04-01", key=self.party_key["LEICS"]))
        checkpoint = self.run_cli("checkpoint", "--key", self.party_key["LEICS"])
        self.assertEqual(checkpoint.code, 2)
        self.assertIn("a party key may only approve", checkpoint.err)
        # Not a current party key: revoked.
        self.write("signer", "revoke", "--id", self.key_id("LINCS"), "--reason", "office moved",
                   key=self.secretary)
        self.assertIn("was revoked at seq", self.rejected(
            "approve", "--seq", str(self.withdrawal), key=self.party_key["LINCS"]))
        # A retracted decision takes no approval.
        wrong = self.write("vary", "--collab", "EMOPSS", "--text", "wrong text",
                           "--decided", "2019-01-10", "--effective", "2019-04-01")
        self.write("correct", "--seq", str(wrong), "--reason", "not what was decided")
        self.assertIn(f"entry {wrong} was retracted by entry", self.rejected(
            "approve", "--seq", str(wrong), key=self.party_key["LEICS"]))
        # A party key names its party; an id that is not registered is refused.
        stray = self.new_key("stray")
        self.assertIn("a party key needs its party", self.rejected(
            "signer", "add", "--pub", stray + ".pub", "--holder", "x", "--role", "party",
            key=self.secretary))
        self.assertIn("unknown party NOWHERE", self.rejected(
            "signer", "add", "--pub", stray + ".pub", "--holder", "x", "--role", "party",
            "--party", "NOWHERE", key=self.secretary))

    def key_id(self, party):
        rows = self.ok("history", "--format", "json").json()["entries"]
        row = next(r for r in rows if r["action"] == "signer_added" and r.get("party") == party)
        return row["summary"].split()[1]

    def test_a_decision_under_rule_none_takes_no_approval(self):
        self.write("collab", "establish", "--id", "EMLS", "--name", "Legal Services",
                   "--decided", "2014-12-09", "--effective", "2015-04-01", "--approval", "none")
        entry = self.write("enter", "--collab", "EMLS", "--party", "LEICS",
                           "--decided", "2014-12-09", "--effective", "2015-04-01")
        self.assertEqual(self.history_row(entry)["approval"]["status"], "not required")
        self.assertIn("needs no approval: EMLS's approval rule was none", self.rejected(
            "approve", "--seq", str(entry), key=self.party_key["LEICS"]))

    def test_a_variation_changes_the_rule_for_later_decisions_only(self):
        rule = self.write("vary", "--collab", "EMOPSS", "--text", "decisions by majority",
                          "--decided", "2019-02-01", "--effective", "2019-02-01",
                          "--approval", "majority")
        # The variation itself, and the withdrawal before it, stay under "all".
        self.assertEqual(self.history_row(rule)["approval"]["rule"], "all")
        self.assertEqual(self.history_row(self.withdrawal)["approval"]["status"], "pending (0 of 4)")
        later = self.write("vary", "--collab", "EMOPSS", "--text", "hosting moves",
                           "--decided", "2019-03-01", "--effective", "2019-03-01")
        self.assertEqual(self.history_row(later)["approval"]["status"], "pending (0 of 3)")
        self.approve(later, "LEICS")
        self.approve(later, "LINCS")
        self.assertEqual(self.history_row(later)["approval"]["status"], "pending (2 of 3)")
        self.approve(later, "NOTTS")
        self.assertEqual(self.history_row(later)["approval"]["status"], "approved")
        # A count: two of the bound parties.
        self.write("vary", "--collab", "EMOPSS", "--text", "two suffice", "--decided",
                   "2019-03-02", "--effective", "2019-03-02", "--approval", "2")
        last = self.write("vary", "--collab", "EMOPSS", "--text", "dogs regional",
                          "--decided", "2019-03-03", "--effective", "2019-03-03")
        self.assertEqual(self.history_row(last)["approval"]["rule"], "2 of the bound parties")
        self.assertIn("approval rule 'most'", self.rejected(
            "vary", "--collab", "EMOPSS", "--text", "x", "--decided", "2019-03-03",
            "--effective", "2019-03-03", "--approval", "most"))

    def test_approvals_across_a_key_rotation(self):
        self.approve(self.withdrawal, "LEICS")
        new_key = self.new_key("leics-pcc-2019")
        self.write("signer", "add", "--pub", new_key + ".pub", "--holder", "Office of the PCC, LEICS",
                   "--role", "party", "--party", "LEICS", key=self.secretary)
        self.write("signer", "revoke", "--id", self.key_id("LEICS"), "--reason", "rotated",
                   key=self.secretary)
        # The old key's approval stands; the new key is the same party, so it cannot approve twice.
        self.assertIn("LEICS already approved", self.rejected(
            "approve", "--seq", str(self.withdrawal), key=new_key))
        self.assertIn("was revoked", self.rejected(
            "approve", "--seq", "9", key=self.party_key["LEICS"]))
        self.write("approve", "--seq", "9", key=new_key)
        self.assertEqual(self.history_row(9)["approval"]["status"], "approved")
        self.assertEqual(self.verify()[0], 0)

    def test_a_retracted_approval_no_longer_counts(self):
        seq = self.approve(9, "LEICS")
        self.write("correct", "--seq", str(seq), "--reason", "approved by mistake")
        self.assertEqual(self.history_row(9)["approval"]["status"], "pending (0 of 1)")
        self.approve(9, "LEICS")  # approving again after the retraction is allowed
        self.assertEqual(self.history_row(9)["approval"]["status"], "approved")

    def test_reads_show_approvals_and_the_approved_only_register(self):
        for pid in FORCES[:3]:
            self.approve(self.withdrawal, pid)
        for seq, pid in zip([9, 10, 11, 12], FORCES):
            if pid != "NORTHANTS":
                self.approve(seq, pid)
        register = self.ok("register", "--at", "2018-01-31", "--format", "json").json()
        row = register["collaborations"][0]
        self.assertEqual(row["approvals"]["NORTHANTS"], "pending (0 of 1)")
        self.assertEqual(row["approvals"]["LEICS"], "approved")
        approved = self.ok("register", "--at", "2018-01-31", "--approved-only", "--format", "json").json()
        self.assertTrue(approved["approved_only"])
        self.assertEqual(approved["collaborations"][0]["members"], ["LEICS", "LINCS", "NOTTS"])
        # The withdrawal is pending: in the approved-only view NOTTS is still a member.
        after = self.ok("register", "--at", "2019-07-22", "--approved-only", "--format", "json").json()
        self.assertIn("NOTTS", after["collaborations"][0]["members"])
        table = self.ok("register", "--at", "2018-01-31").out
        self.assertIn("NORTHANTS pending", table)
        state = self.ok("state", "--collab", "EMOPSS", "--at", "2018-01-31").out
        self.assertIn("approved by LEICS", state)
        diff = self.run_cli("diff", "--at", "2018-01-31", "--to", "2019-07-22", "--format", "json")
        self.assertEqual(diff.code, 1)
        self.assertEqual(diff.json()["changes"][0]["approval"], "pending (3 of 4)")
        self.ok("checkpoint", "--key", self.clerk)
        review = self.path("review.md")
        self.ok("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-07-22",
                "--out", review)
        with open(review, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Approvals pending", text)
        self.assertIn("pending (3 of 4): NOTTS to approve", text)

    def test_one_approval_checks_with_openssl_following_verify_md(self):
        seq = self.approve(self.withdrawal, "NOTTS")
        self.ok("checkpoint", "--key", self.clerk)
        bundle = self.path("bundle")
        self.ok("export", "--out", bundle)
        with open(os.path.join(bundle, "VERIFY.md"), encoding="utf-8") as f:
            block = re.findall(r"```sh\n(.*?)```", f.read(), re.S)[8]
        run = lambda: subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=bundle,
                                     capture_output=True, text=True)
        good = run()
        self.assertEqual(good.returncode, 0, good.stderr)
        self.assertIn(f"entry {seq} : NOTTS approves entry {self.withdrawal}", good.stdout)
        self.assertIn("Signature Verified Successfully", good.stdout)
        self.assertIn("names the SHA-256 of the decision's body", good.stdout)
        # The decision's bytes swapped for another's: the hash no longer matches.
        path = os.path.join(bundle, "entries.jsonl")
        with open(path) as f:
            lines = [json.loads(l) for l in f]
        lines[self.withdrawal - 1]["body"] = lines[self.withdrawal - 2]["body"]
        with open(path, "w") as f:
            f.writelines(json.dumps(l) + "\n" for l in lines)
        self.assertNotEqual(run().returncode, 0)

    def test_govledger_dump_shows_an_approval_and_checks_its_body_hash(self):
        seq = self.approve(self.withdrawal, "LEICS")
        dump = subprocess.run([os.environ.get("GOVLEDGER_DUMP", "govledger-dump"), self.dir,
                               "--seq", str(seq)], capture_output=True, text=True)
        self.assertEqual(dump.returncode, 0, dump.stdout + dump.stderr)
        self.assertIn("14 decision_approved", dump.stdout)
        self.assertIn(f"seq {self.withdrawal} for LEICS", dump.stdout)
        self.assertRegex(dump.stdout, r"body_sha256 +[0-9a-f]{64}  OK")


if __name__ == "__main__":
    unittest.main()
