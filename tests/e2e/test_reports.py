"""The pages of SPEC §2 that go to a file: `timeline` (SVG), `review` (the
inspection pack) and `report` (a PCC's report to its Panel), in HTML and
Markdown. Pages are checked by parsing them: the SVG with xml.etree, the HTML
with html.parser, as a reader's tools would."""
import csv
import datetime
import json
import os
import unittest
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from harness import LedgerTest

SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """Tables (rows of cell texts), texts by element id, headings, inline SVG,
    fact lists (<dl>) under the heading before them, list items, and the texts
    of elements marked missing."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tables, self.ids, self.headings, self.svg_count = [], {}, [], 0
        self.facts, self.items, self.missing, self.captions = [], [], [], []
        self._cell = self._id = self._heading = self._dt = self._dd = self._li = None
        self._missing = self._caption = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "dl":
            self.facts.append((self.headings[-1] if self.headings else "", {}))
        elif tag == "dt":
            self._dt = ""
        elif tag == "dd":
            self._dd = ""
        elif tag == "li":
            self._li = ""
        elif tag == "caption":
            self._caption = ""
        if attrs.get("class") == "missing":
            self._missing = ""
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
        if tag == "dd":
            self.facts[-1][1][self._dt] = self._dd
            self._dt = self._dd = None
        elif tag == "li":
            self.items.append(self._li)
            self._li = None
        elif tag == "caption":
            self.captions.append(self._caption)
            self._caption = None
        if tag == "strong" and self._missing is not None:
            self.missing.append(self._missing)
            self._missing = None
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._cell)
            self._cell = None
        elif tag in ("h1", "h2", "h3"):
            self.headings.append(self._heading)
            self._heading = None
        elif tag in ("code", "span"):
            self._id = None

    def handle_data(self, data):
        for name in ("_dd", "_li", "_missing", "_caption"):
            if getattr(self, name) is not None:
                setattr(self, name, getattr(self, name) + data)
        if self._dt is not None and self._dd is None:
            self._dt += data
        if self._cell is not None:
            self._cell += data
        if self._heading is not None:
            self._heading += data
        if self._id is not None:
            self.ids[self._id] += data

    def facts_under(self, heading):
        """The fact list right after the heading that starts with `heading`."""
        for h, facts in self.facts:
            if h.startswith(heading):
                return facts
        raise AssertionError(f"no facts under a heading {heading!r}: {[h for h, _ in self.facts]}")

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
        names = {"LEICS": "Leicestershire", "LINCS": "Lincolnshire", "NORTHANTS": "Northamptonshire",
                 "NOTTS": "Nottinghamshire"}
        for g in lanes:
            party = g.get("data-party")
            self.assertEqual(g.find(f"{SVG}text[@class='lane-label']").text, f"{names[party]} ({party})")
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

    def test_timeline_as_a_page_lists_every_date_it_draws(self):
        text = self.page("timeline", "--collab", "EMOPSS", "--from", "2015-01-01", "--to", "2020-12-31",
                         "--out", self.path("emopss.html"))
        page = Page(text)
        self.assertEqual(page.svg_count, 1)
        self.assertEqual(page.headings[0], "Membership of East Midlands Operational Support Service (EMOPSS)")
        changes = page.table_with("What happened")
        self.assertEqual([(c["Date"], c["Party"], c["What happened"]) for c in changes][-2:],
                         [("20 March 2018", "Nottinghamshire (NOTTS)", "gave notice to leave on 1 April 2019"),
                          ("1 April 2019", "Nottinghamshire (NOTTS)", "left")])
        self.assertEqual(len(changes), 6)  # four joined, a notice, a departure; the retracted entry is not drawn
        md = self.page("timeline", "--collab", "EMOPSS", "--out", self.path("t.md"))
        self.assertIn("](t.svg)", md)
        self.assertEqual(ET.parse(self.path("t.svg")).getroot().tag, SVG + "svg")
        self.assert_fails("timeline", "--collab", "EMOPSS", "--out", self.path("t.txt"),
                          says="must end in .svg, .html or .md")

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
        # Names first, codes second; dates as a reader writes them.
        self.assertEqual(page.headings[0], "Inspection pack: East Midlands Operational Support Service (EMOPSS)")
        notice = page.facts_under("Nottinghamshire (NOTTS) gave notice at the Board meeting of 20 March 2018 "
                                  "that it would withdraw from East Midlands Operational Support Service "
                                  "(EMOPSS) on 1 April 2019.")
        self.assertEqual(notice["Board meeting"], "20 March 2018")
        self.assertEqual(notice["Minute"], "EMB/2018/01")
        self.assertEqual(notice["Takes effect"], "1 April 2019")
        self.assertEqual(notice["Reasons"], "Nottinghamshire will run its own <support> & roads")
        self.assertTrue(notice["Recorded"].endswith(f"by Board clerk, entry {self.notice}"), notice["Recorded"])
        self.assertIn("Nottinghamshire will run its own &lt;support&gt; &amp; roads", text)
        left = page.facts_under("Nottinghamshire (NOTTS) left East Midlands Operational Support Service (EMOPSS) on 1 April 2019.")
        self.assertEqual((left["Alternatives rejected"], left["Conflicts declared"]), ("stay in EMOpSS", "none declared"))
        self.assertEqual(left["Reasons"], "Not recorded", "a decision without reasons is flagged")
        self.assertIn("Not recorded", page.missing)
        page.facts_under("Leicestershire (LEICS)'s budget for East Midlands Operational Support Service "
                         "(EMOPSS) in 2019-20: £0.758m.")
        lead = page.facts_under("Rupert Matthews appointed PCC lead on the strategic board of East Midlands "
                                "Operational Support Service (EMOPSS) from 1 May 2019.")
        self.assertNotIn("Reasons", lead, "an appointment is not a Board decision with a statutory record")
        mistake = page.facts_under("Derbyshire (DERBYS) joined")
        self.assertEqual(mistake["Retracted"], f"by entry {self.correction}")
        # Membership on every date it changed in the period, with the notice pending in between.
        members = page.table_with("Members from that date")
        self.assertEqual([m["Date"] for m in members], ["1 January 2018", "20 March 2018", "1 April 2019"])
        self.assertEqual(members[0]["Members from that date"],
                         "Leicestershire (LEICS), Lincolnshire (LINCS), Northamptonshire (NORTHANTS), Nottinghamshire (NOTTS)")
        self.assertEqual(members[1]["Notices pending"], "Nottinghamshire (NOTTS), to withdraw on 1 April 2019")
        self.assertEqual(members[2]["What changed"], "Nottinghamshire (NOTTS) left")
        self.assertEqual(members[2]["Notices pending"], "none")
        self.assertEqual(page.table_with("Holder")[0],
                         {"Role": "PCC lead on the strategic board", "Holder": "Rupert Matthews"})
        budgets = page.table_with("Amount")
        self.assertEqual([(b["Party"], b["Financial year"], b["Amount"]) for b in budgets],
                         [("Leicestershire (LEICS)", "2019-20", "£0.758m")])
        fix = page.facts_under(f"retracts entry {self.mistake}: Derbyshire did not join")
        self.assertTrue(fix["Recorded"].endswith(f"entry {self.correction}"))
        # The appendix says in words what the checkpoint proves and who signed it, by role.
        appendix = text[text.index("Appendix: how to check this pack"):]
        self.assertIn(f"Board clerk (clerk, key {cp['key_id']}) signed a checkpoint", appendix)
        self.assertIn("if any entry had been changed, removed or reordered since, it would not match", appendix)

    def test_review_timeline_prints_the_dates_it_changed_on(self):
        self.checkpoint()
        text = self.page("review", "--collab", "EMOPSS", "--from", "2018-01-01", "--to", "2019-12-31",
                         "--out", self.path("review.html"))
        svg = ET.fromstring(text[text.index("<svg"):text.index("</svg>") + 6])
        lines = {t.text for t in svg.iter(SVG + "text") if t.get("class") == "lane-dates"}
        self.assertIn("notice to leave on 1 Apr 2019 given 20 Mar 2018 \u00b7 left 1 Apr 2019", lines)
        labels = [t.text for t in svg.iter(SVG + "text") if t.get("class") == "lane-label"]
        self.assertEqual(labels[-1], "Nottinghamshire (NOTTS)")

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
        self.assertNotIn("Retracted", page.facts_under("Derbyshire (DERBYS) joined"))
        self.assertNotIn("<dt>Retracted</dt>", text)
        members = page.table_with("Members from that date")
        self.assertEqual(members[-1]["What changed"], "Derbyshire (DERBYS) joined")
        self.assertEqual(members[-1]["Date"], "1 June 2019")
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
        self.assertTrue(text.startswith("# Inspection pack: East Midlands Operational Support Service (EMOPSS)"))
        self.assertIn("](pack.svg)", text)
        root = ET.parse(self.path("pack.svg")).getroot()
        self.assertEqual(len(root.findall(f"{SVG}g[@class='lane']")), 4)
        self.assertIn(f"`{cp['root_hash']}`", text)
        for minute in ["EMB/2018/01", "EMB/2019/01", "EMB/2019/02", "EMB/2019/04", "EMB/2019/05"]:
            self.assertIn(f"- **Minute:** {minute}\n", text)
        self.assertIn(f"- **Retracted:** **by entry {self.correction}**", text)
        self.assertIn("- **Reasons:** **Not recorded**", text)
        self.assertIn("&lt;support&gt; &amp; roads", text)

    # report -----------------------------------------------------------------

    def test_report_is_laid_out_as_a_report_to_a_panel(self):
        cp = self.checkpoint()
        intro = self.path("intro.md")
        with open(intro, "w", encoding="utf-8") as f:
            f.write("# Context\n\nThe Board meets <every> two months.\n\n- one\n- two\n")
        text = self.page("report", "--party", "LEICS", "--from", "2019-04-01", "--to", "2019-09-30",
                         "--meeting", "2019-07-22", "--author", "Martin Henry, Chief Finance Officer",
                         "--panel", "Leicester, Leicestershire and Rutland Police and Crime Panel",
                         "--intro", intro, "--out", self.path("leics.html"))
        page = Page(text)
        self.assertEqual(page.ids["root-hash"], cp["root_hash"])
        cover = page.facts[0][1]
        self.assertEqual(cover, {"Report of": "Police and Crime Commissioner for Leicestershire",
                                 "To": "Leicester, Leicestershire and Rutland Police and Crime Panel",
                                 "Meeting date": "22 July 2019", "Subject": "Regional collaboration",
                                 "Author": "Martin Henry, Chief Finance Officer",
                                 "Period covered": "1 April 2019 to 30 September 2019"})
        for heading in ("Purpose of the report", "Recommendation", "Executive summary", "Background",
                        "Context", "Regional collaborations (Appendix A register)",
                        "National collaborations (Appendix B register)", "Budget",
                        "Appendix: how to check this report"):
            self.assertIn(heading, page.headings)
        order = [page.headings.index(h) for h in ("Purpose of the report", "Recommendation", "Executive summary",
                                                  "Background", "Budget", "Regional collaborations (Appendix A register)",
                                                  "National collaborations (Appendix B register)")]
        self.assertEqual(order, sorted(order), "in the order of the 22 July 2019 report")
        self.assertIn("The Board meets <every> two months.", text.replace("&lt;", "<").replace("&gt;", ">"))
        self.assertNotIn("<every>", text)
        self.assertIn("Nottinghamshire (NOTTS) left East Midlands Operational Support Service (EMOPSS) "
                      "on 1 April 2019 (minute EMB/2019/01).", page.items)
        self.assertIn("Leicestershire (LEICS) took part in 2 regional and 0 national collaborations during the period.",
                      page.items)
        emopss = page.facts_under("East Midlands Operational Support Service (EMOPSS)")
        self.assertEqual(emopss["Partners on 30 September 2019"],
                         "Leicestershire (LEICS), Lincolnshire (LINCS), Northamptonshire (NORTHANTS)")
        self.assertEqual(emopss["Leads"], "PCC lead on the strategic board: Rupert Matthews")
        self.assertEqual(emopss["Membership"], "Throughout the period")
        budget = page.table_with("2019-20")
        self.assertEqual(budget, [
            {"Collaboration": "East Midlands Operational Support Service (EMOPSS)", "2018-19": "not recorded", "2019-20": "£0.758m"},
            {"Collaboration": "Serious & <Organised> Crime (EMSOU)", "2018-19": "not recorded", "2019-20": "£0.001m"},
            {"Collaboration": "Total", "2018-19": "not recorded", "2019-20": "£0.759m"}])
        self.assertEqual(page.ids["budget-total"], "£0.759m")

    def test_report_cover_flags_what_was_not_given_and_budget_shows_the_year_before(self):
        self.write("budget", "--collab", "EMOPSS", "--party", "LEICS", "--year", "2018-19",
                   "--amount", "700000.00")
        self.checkpoint()
        page = Page(self.page("report", "--party", "LEICS", "--from", "2019-04-01", "--to", "2019-09-30",
                              "--out", self.path("leics.html")))
        self.assertEqual(page.facts[0][1]["Author"], "not given")
        self.assertEqual(page.facts[0][1]["To"], "Leicestershire Police and Crime Panel")
        self.assertEqual(page.facts[0][1]["Meeting date"], "not given")
        self.assertIn("not given", page.missing)
        budget = page.table_with("2019-20")
        self.assertEqual(budget[0]["2018-19"], "£0.700m")
        self.assertEqual(budget[-1], {"Collaboration": "Total", "2018-19": "£0.700m", "2019-20": "£0.759m"})

    def test_report_puts_national_arrangements_apart(self):
        self.write("collab", "establish", "--id", "NPAS", "--name", "National Police Air Service",
                   "--scope", "national", "--decided", "2012-09-11", "--effective", "2012-10-01")
        self.write("enter", "--collab", "NPAS", "--party", "LEICS", "--decided", "2012-09-11",
                   "--effective", "2012-10-01")
        self.checkpoint()
        text = self.page("report", "--party", "LEICS", "--from", "2019-04-01", "--to", "2019-09-30",
                         "--out", self.path("leics.html"))
        national = text[text.index("National collaborations (Appendix B register)"):text.index("<h2>Appendix")]
        regional = text[text.index("Regional collaborations (Appendix A register)"):text.index("National collaborations")]
        self.assertIn("National Police Air Service (NPAS)", national)
        self.assertNotIn("NPAS", regional)
        self.assertIn("EMOPSS", regional)
        self.assertIn("Leicestershire (LEICS) took part in 2 regional and 1 national collaboration during the period.",
                      Page(text).items)

    def test_scope_is_regional_or_national_only(self):
        result = self.run_cli("collab", "establish", "--id", "X", "--name", "X", "--scope", "global",
                              "--decided", "2019-01-01", "--effective", "2019-01-01", "--key", self.clerk)
        self.assertEqual(result.code, 2)
        self.assertIn("--scope", result.err)
        self.assertIn("regional (default) or national", self.run_cli("collab", "establish", "--help").out)

    def test_report_refuses_a_bad_meeting_date_or_intro(self):
        self.checkpoint()
        self.assert_fails("report", "--party", "LEICS", "--from", "2019-04-01", "--to", "2019-09-30",
                          "--meeting", "2019-02-30", "--out", self.path("r.html"), says="--meeting")
        bad = self.path("bad.md")
        with open(bad, "wb") as f:
            f.write(b"caf\xe9\n")
        self.assert_fails("report", "--party", "LEICS", "--from", "2019-04-01", "--to", "2019-09-30",
                          "--intro", bad, "--out", self.path("r.html"), says="not valid UTF-8")

    def test_report_markdown_and_a_party_that_left(self):
        self.checkpoint()
        text = self.page("report", "--party", "NOTTS", "--from", "2018-10-01", "--to", "2019-03-31",
                         "--out", self.path("notts.md"))
        self.assertIn("### East Midlands Operational Support Service (EMOPSS)", text)
        self.assertIn("- **Notice pending:** to withdraw on 1 April 2019", text)  # still pending on 2019-03-31
        later = self.page("report", "--party", "NOTTS", "--from", "2019-04-01", "--to", "2019-09-30",
                          "--out", self.path("notts2.md"))
        self.assertIn("No regional collaborations in the period.", later)
        across = self.page("report", "--party", "NOTTS", "--from", "2019-01-01", "--to", "2019-06-30",
                           "--out", self.path("notts3.md"))
        self.assertIn("- **Member on 1 January 2019:** Yes\n- **Member on 30 June 2019:** No\n"
                      "- **Left in the period:** 1 April 2019\n", across)

    # register page ----------------------------------------------------------

    def test_register_page_a_pcc_can_publish_as_is(self):
        self.write("collab", "establish", "--id", "NPAS", "--name", "National Police Air Service",
                   "--scope", "national", "--decided", "2012-09-11", "--effective", "2012-10-01")
        self.write("enter", "--collab", "NPAS", "--party", "LEICS", "--decided", "2012-09-11",
                   "--effective", "2012-10-01")
        cp = self.checkpoint()
        csv_path = self.path("leics register.csv")
        text = self.ok("register", "--at", "2019-07-22", "--party", "LEICS", "--format", "html",
                       "--csv", csv_path).out
        page = Page(text)
        self.assertTrue(text.startswith('<!DOCTYPE html>\n<html lang="en-GB">'))
        self.assertIn('<meta name="viewport" content="width=device-width, initial-scale=1">', text)
        self.assertEqual(page.headings[0], "Police collaboration register on 22 July 2019: Leicestershire (LEICS)")
        self.assertEqual(page.captions, ["Regional collaborations on 22 July 2019", "National collaborations on 22 July 2019"])
        self.assertIn('<th scope="col">Collaboration</th>', text)
        regional = page.tables[0]
        self.assertEqual(regional[0], ["Collaboration", "Members, and since when", "Leads"])
        emopss = dict(zip(regional[0], regional[1]))
        self.assertEqual(emopss["Collaboration"], "East Midlands Operational Support Service (EMOPSS)")
        self.assertEqual(emopss["Members, and since when"],
                         "Leicestershire (LEICS), since 1 April 2015\nLincolnshire (LINCS), since 1 April 2015\n"
                         "Northamptonshire (NORTHANTS), since 1 April 2015")
        self.assertEqual(emopss["Leads"], "PCC lead on the strategic board: Rupert Matthews")
        national = page.tables[1]
        self.assertEqual(national[1][0], "National Police Air Service (NPAS)")
        self.assertNotIn("NPAS", "".join(sum(regional, [])))
        self.assertIn('<a href="leics%20register.csv">', text)
        self.assertEqual(page.ids["root-hash"], cp["root_hash"])
        with open(csv_path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([(r["scope"], r["collaboration"], r["party"], r["member_since"]) for r in rows
                          if r["party"] == "LEICS"],
                         [("regional", "EMOPSS", "LEICS", "2015-04-01"), ("regional", "EMSOU", "LEICS", "2012-04-01"),
                          ("national", "NPAS", "LEICS", "2012-10-01")])
        self.assertEqual(rows[0]["collaboration_name"], "East Midlands Operational Support Service")
        self.assertEqual(rows[0]["party_name"], "Leicestershire")
        self.assertEqual(rows[0]["pcc_lead"], "Rupert Matthews")
        # --csv belongs to the page.
        self.assertEqual(self.run_cli("register", "--at", "2019-07-22", "--csv", csv_path).code, 2)

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
