"""The pages of SPEC §2 that go to a file: `timeline` (SVG), `review` (the
inspection pack) and `report` (a PCC's report to its Panel), in HTML and
Markdown. Pages are checked by parsing them: the SVG with xml.etree, the HTML
with html.parser, as a reader's tools would."""
import datetime
import json
import os
import unittest
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from harness import LedgerTest

SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """Tables (rows of cell texts), texts by element id, headings, and inline SVG."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tables, self.ids, self.headings, self.svg_count = [], {}, [], 0
        self._cell = self._id = self._heading = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "svg":
            self.svg_count += 1
        elif tag in ("h1", "h2", "h3"):
            self._heading = ""
        if "id" in attrs:
            self._id = attrs["id"]
            self.ids[self._id] = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._cell)
            self._cell = None
        elif tag in ("h1", "h2", "h3"):
            self.headings.append(self._heading)
            self._heading = None
        elif tag in ("code", "span"):
            self._id = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._heading is not None:
            self._heading += data
        if self._id is not None:
            self.ids[self._id] += data

    def table_with(self, column):
        """The first table whose header row names `column`, as dicts."""
        for table in self.tables:
            if column in table[0]:
                return [dict(zip(table[0], row)) for row in table[1:]]
        raise AssertionError(f"no table with a {column} column")


def day_fraction(day, year):
    start = datetime.date(year, 1, 1)
    return (day - start).days / (datetime.date(year + 1, 1, 1) - start).days


class Reports(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()  # seqs 1-12: EMOPSS with LEICS, LINCS, NORTHANTS, NOTTS
        self.notice = self.write("notice", "--collab", "EMOPSS", "--party", "NOTTS",
                                 "--decided", "2018-03-20", "--effective", "2019-04-01",
                                 "--minute", "EMB/2018/01",
                                 "--reasons", "Nottinghamshire will run its own <support> & roads")
        self.withdrawal = self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS",
                                     "--decided", "2019-01-22", "--effective", "2019-04-01",
                                     "--minute", "EMB/2019/01",
                                     "--alternatives", "stay in EMOpSS", "--conflicts", "none declared")
        self.budget = self.write("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2019-20",
                                 "--amount", "758000.00", "--minute", "EMB/2019/02")
        self.appointment = self.write("appoint", "--collab", "EMOPSS", "--role", "pcc_lead", "--holder", "Rupert Matthews",
                   "--effective", "2019-05-01", "--minute", "EMB/2019/04")
        self.mistake = self.write("enter", "--collab", "EMOPSS", "--party", "DERBYS",
                                  "--decided", "2019-05-10", "--effective", "2019-06-01",
                                  "--minute", "EMB/2019/05")
        self.before_correction = self.checkpoint()
        self.correction = self.write("correct", "--seq", str(self.mistake),
                                     "--reason", "Derbyshire did not join", key=self.secretary)
        self.write("collab", "establish", "--id", "EMSOU", "--name", "Serious & <Organised> Crime",
                   "--decided", "2012-01-10", "--effective", "2012-04-01", "--minute", "EMB/2012/01")
        self.write("enter", "--collab", "EMSOU", "--party", "LEICS", "--decided", "2012-01-10",
                   "--effective", "2012-04-01")
        self.write("budget", "--collab", "EMSOU", "--party", "LEICS", "--year", "2019-20",
                   "--amount", "1250.50")

    def checkpoint(self):
        out = self.path(f"cp{self.last_seq()}.json")
        self.ok("checkpoint", "--key", self.clerk, "--out", out)
        with open(out) as f:
            return json.load(f)

    def page(self, *args):
        """Runs a page command; checks its one line of output and returns the file's text."""
        out = args[args.index("--out") + 1]
        result = self.ok(*args)
        self.assertEqual(result.out, f"wrote {out}\n")
        with open(out, encoding="utf-8") as f:
            return f.read()

    def history(self, collab):
        return self.ok("history", "--collab", collab, "--format", "json").json()["entries"]

    # timeline ---------------------------------------------------------------

    def test_timeline_draws_a_lane_per_party_and_ends_notts_bar_at_its_withdrawal(self):
        out = self.path("emopss.svg")
        self.page("timeline", "--collab", "EMOPSS", "--from", "2015-01-01", "--to", "2020-12-31",
                  "--out", out)
        root = ET.parse(out).getroot()
        self.assertEqual(root.tag, SVG + "svg")
        lanes = root.findall(f"{SVG}g[@class='lane']")
        # DERBYS's entry was retracted, so it never was a member.
        self.assertEqual([g.get("data-party") for g in lanes], ["LEICS", "LINCS", "NORTHANTS", "NOTTS"])
        for g in lanes:
            self.assertEqual(g.find(f"{SVG}text[@class='lane-label']").text, g.get("data-party"))
        ticks = {int(t.get("data-year")): float(t.get("x1")) for t in root.iter(SVG + "line")
                 if t.get("class") == "year-tick"}
        self.assertEqual(sorted(ticks), list(range(2015, 2022)))
        x_withdrawal = ticks[2019] + day_fraction(datetime.date(2019, 4, 1), 2019) * (ticks[2020] - ticks[2019])
        notts = lanes[3].find(f"{SVG}rect[@class='spell']")
        self.assertAlmostEqual(float(notts.get("x")) + float(notts.get("width")), x_withdrawal, delta=0.05)
        x_entry = ticks[2015] + day_fraction(datetime.date(2015, 4, 1), 2015) * (ticks[2016] - ticks[2015])
        self.assertAlmostEqual(float(notts.get("x")), x_entry, delta=0.05)
        leics = lanes[0].find(f"{SVG}rect[@class='spell']")
        self.assertAlmostEqual(float(leics.get("x")) + float(leics.get("width")), ticks[2021], delta=0.05)
        notice = root.find(f".//{SVG}polygon[@class='notice']")
        self.assertEqual(notice.get("data-party"), "NOTTS")
        self.assertIn("intends to withdraw on 2019-04-01", notice.find(f"{SVG}title").text)
        established = root.find(f".//{SVG}line[@class='established']")
        self.assertAlmostEqual(float(established.get("x1")), x_entry, delta=0.05)

    def test_timeline_default_window_and_escaped_names(self):
        out = self.path("emsou.svg")
        self.page("timeline", "--collab", "EMSOU", "--out", out)
        root = ET.parse(out).getroot()  # parses: "&" and "<" in the name are escaped
        # Open-ended: from establishment to a year after its latest date (the 2019-20 budget).
        self.assertEqual((root.get("data-from"), root.get("data-to")), ("2012-04-01", "2020-04-01"))
        texts = "".join(root.itertext())
        self.assertIn("Serious & <Organised> Crime", texts)
        with open(out, encoding="utf-8") as f:
            self.assertIn("Serious &amp; &lt;Organised&gt; Crime", f.read())

    # review -----------------------------------------------------------------

    def test_review_html_lists_every_decision_with_minute_signer_and_checkpoint(self):
        cp = self.checkpoint()
        out = self.path("review.html")
        text = self.page("review", "--collab", "EMOPSS", "--from", "2018-01-01", "--to", "2019-12-31",
                         "--out", out)
        page = Page(text)
        self.assertEqual(page.ids["root-hash"], cp["root_hash"])
        self.assertEqual(page.ids["tree-size"], str(cp["tree_size"]))
        self.assertEqual(page.ids["key-id"], cp["key_id"])
        self.assertEqual(page.svg_count, 1, "the timeline is drawn inline")
        decisions = page.table_with("Minute")
        self.assertEqual([int(r["Seq"]) for r in decisions], [self.notice, self.withdrawal, self.budget, self.appointment, self.mistake])
        by_seq = {int(r["Seq"]): r for r in decisions}
        for h in self.history("EMOPSS"):
            if h["seq"] not in by_seq:
                continue
            row = by_seq[h["seq"]]
            self.assertEqual(row["Minute"], h["minute"])
            self.assertEqual(row["Signer"], f"{h['signer']} (key {h['key_id']})")
            self.assertEqual(row["Decision"], h["summary"])
        self.assertEqual(by_seq[self.notice]["Signer"].split(" (key")[0], "Board clerk")
        self.assertEqual(by_seq[self.notice]["Reasons"], "Nottinghamshire will run its own <support> & roads")
        self.assertEqual(by_seq[self.withdrawal]["Alternatives rejected"], "stay in EMOpSS")
        self.assertEqual(by_seq[self.withdrawal]["Conflicts declared"], "none declared")
        self.assertEqual(by_seq[self.mistake]["Correction"], f"retracted by {self.correction}")
        self.assertIn("Nottinghamshire will run its own &lt;support&gt; &amp; roads", text)
        members = page.table_with("Members")
        self.assertEqual(members[0]["Members"], "LEICS, LINCS, NORTHANTS, NOTTS")
        self.assertEqual(members[1]["Members"], "LEICS, LINCS, NORTHANTS")
        self.assertEqual(page.table_with("Holder")[0], {"Role": "pcc_lead", "Holder": "Rupert Matthews"})
        budgets = page.table_with("Amount (GBP)")
        self.assertEqual([(b["Party"], b["Financial year"], b["Amount (GBP)"]) for b in budgets],
                         [("LEICS", "2019-20", "758000.00")])
        fixes = [t for t in page.tables if t[0][:2] == ["Seq", "Recorded"]][0]
        self.assertEqual(int(fixes[1][0]), self.correction)
        self.assertIn(f"retracts entry {self.mistake}: Derbyshire did not join", fixes[1])

    def test_review_is_made_from_the_latest_checkpoint(self):
        early = self.checkpoint()
        self.write("vary", "--collab", "EMOPSS", "--text", "hosts the dogs section",
                   "--decided", "2019-06-01", "--effective", "2019-07-01")
        text = self.page("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                         "--out", self.path("r.html"))
        self.assertEqual(Page(text).ids["root-hash"], early["root_hash"])
        self.assertNotIn("hosts the dogs section", text, "entries after the checkpoint wait for the next")
        later = self.checkpoint()
        text = self.page("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                         "--out", self.path("r.html"))
        self.assertEqual(Page(text).ids["root-hash"], later["root_hash"])
        self.assertEqual(Page(text).ids["tree-size"], str(self.last_seq()))
        self.assertIn("hosts the dogs section", text)

    def test_review_as_of_seq_shows_what_the_ledger_said_before_the_correction(self):
        self.checkpoint()
        text = self.page("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                         "--as-of-seq", str(self.mistake), "--out", self.path("then.html"))
        page = Page(text)
        self.assertEqual(page.ids["root-hash"], self.before_correction["root_hash"])
        self.assertEqual(page.ids["tree-size"], str(self.mistake))
        decisions = {int(r["Seq"]): r for r in page.table_with("Minute")}
        self.assertEqual(decisions[self.mistake]["Correction"], "")
        self.assertNotIn("retracted by", text)
        self.assertEqual(page.table_with("Members")[1]["Members"], "DERBYS, LEICS, LINCS, NORTHANTS")
        self.assertIn("No corrections.", text)
        # Before any checkpoint there is nothing to make the page from.
        self.assert_fails("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                          "--as-of-seq", "12", "--out", self.path("older.html"),
                          says="every stored one covers more than the 12 entries")

    def test_review_markdown_writes_the_svg_beside_it_and_links_it(self):
        cp = self.checkpoint()
        out = self.path("pack.md")
        text = self.page("review", "--collab", "EMOPSS", "--from", "2018-01-01", "--to", "2019-12-31",
                         "--out", out)
        self.assertTrue(text.startswith("# Inspection pack: EMOPSS"))
        self.assertIn("](pack.svg)", text)
        root = ET.parse(self.path("pack.svg")).getroot()
        self.assertEqual(len(root.findall(f"{SVG}g[@class='lane']")), 4)
        self.assertIn(f"`{cp['root_hash']}`", text)
        for minute in ["EMB/2018/01", "EMB/2019/01", "EMB/2019/02", "EMB/2019/04", "EMB/2019/05"]:
            self.assertIn(f"| {minute} |", text)
        self.assertIn(f"retracted by {self.correction}", text)
        self.assertIn("&lt;support&gt; &amp; roads", text)
        header = [l for l in text.splitlines() if l.startswith("| Seq | Decided |")][0]
        self.assertEqual(header.count("|"), 12)

    # report -----------------------------------------------------------------

    def test_report_for_leics_lists_its_collaborations_and_budget_total(self):
        cp = self.checkpoint()
        text = self.page("report", "--party", "LEICS", "--from", "2019-04-01", "--to", "2019-09-30",
                         "--out", self.path("leics.html"))
        page = Page(text)
        self.assertEqual(page.ids["root-hash"], cp["root_hash"])
        collabs = page.table_with("Collaboration")
        self.assertEqual([(c["Collaboration"], c["Member on 2019-04-01"], c["Member on 2019-09-30"])
                          for c in collabs], [("EMOPSS", "yes", "yes"), ("EMSOU", "yes", "yes")])
        self.assertEqual(collabs[1]["Name"], "Serious & <Organised> Crime")
        self.assertEqual(page.ids["budget-total"], "759250.50 GBP")
        changes = page.table_with("Minute")
        # NOTTS's withdrawal (effective 2019-04-01) and the new lead are decisions about EMOPSS.
        self.assertIn(self.withdrawal, [int(r["Seq"]) for r in changes])
        self.assertIn("pcc_lead: Rupert Matthews", [r["Decision"] for r in changes])

    def test_report_markdown_and_a_party_that_left(self):
        self.checkpoint()
        text = self.page("report", "--party", "NOTTS", "--from", "2018-10-01", "--to", "2019-03-31",
                         "--out", self.path("notts.md"))
        self.assertIn("| EMOPSS |", text)
        self.assertIn("withdraws 2019-04-01", text)  # notice still pending on 2019-03-31
        later = self.page("report", "--party", "NOTTS", "--from", "2019-04-01", "--to", "2019-09-30",
                          "--out", self.path("notts2.md"))
        self.assertIn("Not a member of any collaboration in the period.", later)
        across = self.page("report", "--party", "NOTTS", "--from", "2019-01-01", "--to", "2019-06-30",
                           "--out", self.path("notts3.md"))
        row = [l for l in across.splitlines() if l.startswith("| EMOPSS |")][0]
        self.assertIn("| yes | no |  | 2019-04-01 |", row)

    # errors -----------------------------------------------------------------

    def test_help_on_each_page_command(self):
        for command in ("timeline", "review", "report"):
            with self.subTest(command=command):
                result = self.run_cli(command, "--help")
                self.assertEqual(result.code, 0, result.err)
                for flag in ("Usage", "--ledger", "--as-of-seq", "--as-recorded", "--from", "--to", "--out"):
                    self.assertIn(flag, result.out)
                self.assertNotIn("--format", result.out, "the page's format comes from --out")

    def assert_fails(self, *args, says, env=None):
        out = args[args.index("--out") + 1]
        result = self.run_cli(*args, env=env)
        self.assertEqual(result.code, 2, result.out)
        self.assertEqual(result.out, "")
        self.assertIn(says, result.err)
        self.assertEqual(len(result.err.strip().splitlines()), 1, result.err)
        self.assertFalse(os.path.exists(out), "a failed command wrote its file")

    def test_without_a_checkpoint_review_and_report_say_how_to_make_one(self):
        env = {"GOVLEDGER_DIR": self.path("fresh")}
        for args in (["init", "--board", "Board", "--holder", "Secretary"],
                     ["party", "add", "--id", "LEICS", "--name", "Leicestershire"],
                     ["collab", "establish", "--id", "EMOPSS", "--name", "Ops", "--decided",
                      "2015-04-01", "--effective", "2015-04-01"]):
            self.assertEqual(self.run_cli(*args, "--key", self.secretary, env=env).code, 0)
        self.assert_fails("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                          "--out", self.path("r.html"), says="run `govledger checkpoint", env=env)
        self.assert_fails("report", "--party", "LEICS", "--from", "2019-01-01", "--to", "2019-12-31",
                          "--out", self.path("r.md"), says="run `govledger checkpoint", env=env)
        # The timeline needs none (and --ledger names the ledger as for any read).
        result = self.run_cli("timeline", "--ledger", self.path("fresh"), "--collab", "EMOPSS",
                              "--out", self.path("t.svg"))
        self.assertEqual((result.code, result.out), (0, f"wrote {self.path('t.svg')}\n"))
        ET.parse(self.path("t.svg"))

    def test_bad_input_exits_2_and_writes_nothing(self):
        self.checkpoint()
        out = self.path("x.html")
        common = ["--from", "2019-01-01", "--to", "2019-12-31", "--out", out]
        self.assert_fails("review", "--collab", "EMCJS", *common, says="unknown collaboration EMCJS")
        self.assert_fails("report", "--party", "WARKS", *common, says="unknown party WARKS")
        self.assert_fails("timeline", "--collab", "EMCJS", "--out", self.path("x.svg"),
                          says="unknown collaboration EMCJS")
        self.assert_fails("review", "--collab", "EMOPSS", "--from", "2019-12-31", "--to", "2019-01-01",
                          "--out", out, says="is after its last day")
        self.assert_fails("report", "--party", "LEICS", "--from", "2019-02-30", "--to", "2019-12-31",
                          "--out", out, says="--from '2019-02-30' is not a real date")
        self.assert_fails("timeline", "--collab", "EMOPSS", "--from", "2019-1-01", "--out",
                          self.path("x.svg"), says="--from '2019-1-01'")
        self.assert_fails("timeline", "--collab", "EMOPSS", "--from", "2021-01-01", "--to", "2020-01-01",
                          "--out", self.path("x.svg"), says="is after its last day")
        self.assert_fails("review", "--collab", "EMOPSS", "--from", "2019-01-01", "--to", "2019-12-31",
                          "--out", self.path("x.pdf"), says="must end in .html or .md")
        self.assert_fails("report", "--party", "LEICS", "--from", "2019-01-01", "--to", "2019-12-31",
                          "--out", self.path("no/such/dir/x.html"), says="cannot write")
        missing = self.run_cli("review", "--collab", "EMOPSS", "--out", out)
        self.assertEqual(missing.code, 2, "review needs --from and --to")


if __name__ == "__main__":
    unittest.main()
