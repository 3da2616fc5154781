"""Every rule of SPEC §3: each bad write exits 2 with one line naming the rule,
and appends nothing (LedgerTest.rejected checks all three)."""
import unittest

from harness import LedgerTest


class Rules(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()

    def member(self, verb, party, effective, collab="EMOPSS", decided="2018-01-01"):
        return (verb, "--collab", collab, "--party", party, "--decided", decided, "--effective", effective)

    def test_unknown_collaboration_or_party(self):
        self.assertIn("unknown collaboration EMXX", self.rejected(*self.member("enter", "LEICS", "2018-01-01", "EMXX")))
        self.assertIn("unknown party CHESHIRE", self.rejected(*self.member("enter", "CHESHIRE", "2018-01-01")))
        self.assertIn("unknown collaboration EMSOU", self.rejected(
            "collab", "establish", "--id", "EMSOU-FS", "--name", "Forensics", "--parent", "EMSOU",
            "--decided", "2015-01-01", "--effective", "2015-04-01"))

    def test_entering_twice(self):
        # SPEC §3: entering twice.
        # Issue 8: and what is true instead (the entry), and what to do.
        self.assertRegex(self.rejected(*self.member("enter", "NOTTS", "2016-01-01")),
                         r"^govledger: NOTTS is already a member of EMOPSS since 2015-04-01 \(seq \d+\); "
                         r"if it left, record the withdrawal first \(`govledger withdraw`\)$")

    def test_withdrawing_notice_or_budget_for_a_non_member(self):
        # SPEC §3: withdrawing, giving notice or budgeting for a non-member.
        self.assertEqual(self.rejected(*self.member("withdraw", "DERBYS", "2019-04-01")),
                         "govledger: DERBYS is not a member of EMOPSS on 2019-04-01: DERBYS has never "
                         "entered EMOPSS; record its entry first (`govledger enter`)")
        self.assertIn("DERBYS is not a member of EMOPSS", self.rejected(*self.member("notice", "DERBYS", "2019-04-01")))
        self.assertEqual(self.rejected("budget", "--collab", "EMOPSS", "--party", "DERBYS", "--year", "2019-20",
                                       "--amount", "1.00"),
                         "govledger: DERBYS is not a member of EMOPSS during 2019-20: DERBYS has never "
                         "entered EMOPSS; record its entry first (`govledger enter`)")
        left = self.write(*self.member("withdraw", "NOTTS", "2019-06-01"))
        self.assertEqual(self.rejected(*self.member("withdraw", "NOTTS", "2019-07-01")),
                         "govledger: NOTTS is not a member of EMOPSS on 2019-07-01: NOTTS left EMOPSS on "
                         f"2019-06-01, seq {left}; if it rejoined, record that first (`govledger enter`)")
        # A member for part of 2019-20 (until 2019-06-01) may still be budgeted; 2020-21 not.
        self.write("budget", "--collab", "EMOPSS", "--party", "NOTTS", "--year", "2019-20", "--amount", "1.00")
        self.assertIn("during 2020-21", self.rejected("budget", "--collab", "EMOPSS", "--party", "NOTTS",
                                                      "--year", "2020-21", "--amount", "1.00"))

    def test_effective_date_outside_the_collaborations_life(self):
        self.assertRegex(self.rejected(*self.member("enter", "DERBYS", "2015-03-31")),
                         r"^govledger: effective date 2015-03-31 is before EMOPSS was established on "
                         r"2015-04-01 \(seq \d+\); check --effective$")
        self.write("collab", "dissolve", "--id", "EMOPSS", "--decided", "2020-01-01", "--effective", "2020-04-01")
        self.assertIn("after EMOPSS was dissolved on 2020-04-01",
                      self.rejected("appoint", "--collab", "EMOPSS", "--role", "pcc_lead", "--holder", "x",
                                    "--effective", "2020-05-01"))
        # Nothing may begin on the dissolution day; a party may leave as it ends.
        self.assertIn("after EMOPSS was dissolved on 2020-04-01",
                      self.rejected(*self.member("enter", "DERBYS", "2020-04-01")))
        self.write(*self.member("withdraw", "NOTTS", "2020-04-01"))
        self.assertIn("already dissolved", self.rejected("collab", "dissolve", "--id", "EMOPSS",
                                                         "--decided", "2020-01-01", "--effective", "2020-06-01"))

    def test_nothing_takes_effect_after_a_dissolution(self):
        budget = self.write("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2019-20", "--amount", "1.00")
        # SPEC §3: a dissolution may not be backdated before recorded decisions.
        self.assertEqual(self.rejected("collab", "dissolve", "--id", "EMOPSS", "--decided", "2016-01-01",
                                       "--effective", "2016-04-01"),
                         f"govledger: EMOPSS has a budget of LEICS (seq {budget}) taking effect on 2019-04-01; "
                         "it cannot be dissolved on 2016-04-01")
        self.write("collab", "dissolve", "--id", "EMOPSS", "--decided", "2020-01-01", "--effective", "2020-04-01")
        # A spell left open at dissolution does not make a party a member afterwards.
        self.assertEqual(self.rejected("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2022-23",
                                       "--amount", "5.00"),
                         "govledger: EMOPSS did not exist during 2022-23: it was established on "
                         "2015-04-01 and dissolved on 2020-04-01")

    def test_a_correction_may_not_strand_later_decisions(self):
        self.write("party", "add", "--id", "CHESHIRE", "--name", "Cheshire")
        party = self.last_seq()
        self.write("enter", "--collab", "EMOPSS", "--party", "CHESHIRE", "--decided", "2016-01-01",
                   "--effective", "2016-04-01")
        self.assertIn(f"without entry {party}, entry {party + 1} would break a rule (unknown party CHESHIRE)",
                      self.rejected("correct", "--seq", str(party), "--reason", "never registered"))

    def test_duplicates(self):
        self.assertIn("party LEICS is already registered", self.rejected("party", "add", "--id", "LEICS", "--name", "x"))
        self.assertIn("EMOPSS is already established", self.rejected(
            "collab", "establish", "--id", "EMOPSS", "--name", "x", "--decided", "2015-01-01",
            "--effective", "2015-01-01"))

    def test_impossible_dates_are_rejected_never_normalised(self):
        for bad in ["2019-02-30", "2019-13-01", "", "2019-4-1", "19-04-01", "2019-04-01T00:00"]:
            with self.subTest(date=bad):
                self.assertIn(f"'{bad}' is not a real date", self.rejected(*self.member("withdraw", "NOTTS", bad)))
        self.assertIn("'2019-02-29' is not a real date", self.rejected(
            *self.member("notice", "NOTTS", "2019-06-01", decided="2019-02-29")))
        result = self.run_cli("state", "--collab", "EMOPSS", "--at", "2019-02-30")
        self.assertEqual(result.code, 2)
        self.assertIn("not a real date", result.err)
        # A real leap day is fine.
        self.write(*self.member("notice", "NOTTS", "2020-02-29"))

    def test_identifiers_text_years_and_money(self):
        for bad in ["", "has space", "x" * 65, "slash/id", "É"]:
            with self.subTest(id=bad):
                self.assertIn("must be 1-64 letters", self.rejected("party", "add", "--id", bad, "--name", "x"))
        self.write("party", "add", "--id", "a." + "x" * 62, "--name", "Sixty-four characters")
        self.assertIn("limit is 4096", self.rejected("party", "add", "--id", "BIG", "--name", "x" * 4097))
        self.assertIn("not valid UTF-8", self.rejected("party", "add", "--id", "BAD", "--name",
                                                       b"\xff\xfe".decode("utf-8", "surrogateescape")))
        for year in ["2019-21", "2019/20", "19-20", "2019-2"]:
            with self.subTest(year=year):
                self.assertIn("financial year", self.rejected("budget", "--collab", "EMOPSS", "--party", "LEICS",
                                                              "--year", year, "--amount", "1.00"))
        for amount in ["1.234", "-5.00", "1e6", "", "12,000", "0.x"]:
            with self.subTest(amount=amount):
                self.assertIn("at most two places", self.rejected("budget", "--collab", "EMOPSS", "--party", "LEICS",
                                                                  "--year", "2019-20", "--amount", amount))
        self.write("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2019-20", "--amount", "758000.5")
        history = self.ok("history", "--format", "json").json()["entries"]
        self.assertEqual(history[-1]["summary"], "budget 2019-20: 758000.50")

    def test_keys_unknown_revoked_or_lacking_the_role(self):
        stranger = self.new_key("stranger")
        self.assertIn("is not an authorised signer",
                      self.rejected("party", "add", "--id", "X", "--name", "x", key=stranger))
        # SPEC §2: only a secretary or chair may authorise a key.
        self.assertIn("only a secretary or chair",
                      self.rejected("signer", "add", "--pub", stranger + ".pub", "--holder", "x", "--role", "clerk"))
        clerk_id = self.ok("history", "--format", "json").json()["entries"][1]["summary"].split()[1]
        self.write("signer", "revoke", "--id", clerk_id, "--reason", "clerk left", key=self.secretary)
        self.assertIn(f"key {clerk_id} was revoked",
                      self.rejected("party", "add", "--id", "X", "--name", "x"))
        # What the revoked key signed before stays valid.
        code, report = self.verify()
        self.assertEqual(code, 0, report)


if __name__ == "__main__":
    unittest.main()
