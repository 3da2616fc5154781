"""Every page govledger makes from the demo ledger, in a real browser (issue 8
point 5): Debian's headless chromium, driven by puppeteer-core, checks that
nothing runs off a 390 px phone or an A4 page, that axe-core finds no WCAG
2.0/2.1 A or AA violation, and that the printed PDF carries every party and
every date the membership timeline draws. A control page with known faults
must fail the same checks, so a blind check cannot pass.

Needs chromium, pdftotext and tests/browser/node_modules (tools/setup
installs all three: `npm ci` from package-lock.json)."""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("GOVLEDGER_BIN", os.path.join(HERE, "..", "..", "build", "cli", "govledger"))
PAGES = ["emopss-review.html", "leics-report.html", "register.html", "leics-register.html",
         "emopss-timeline.svg", "emopss-timeline.html"]


def check(directory, pages):
    """The checker's report per page, by name."""
    for tool in ("node", "pdftotext", os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        if shutil.which(tool) is None:
            raise AssertionError(f"{tool} is missing: run tools/setup")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "puppeteer-core")):
        raise AssertionError("tests/browser/node_modules is missing: run tools/setup (npm ci)")
    result = subprocess.run(["node", os.path.join(HERE, "check_pages.mjs"), directory, *pages],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"check_pages.mjs failed: {result.stderr}")
    return {r["page"]: r for r in json.loads(result.stdout)}


def short_date(iso):
    """The form the timeline prints: '1 Apr 2019'."""
    d = datetime.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%b')} {d.year}"


def flat(text):
    return re.sub(r"\s+", " ", text)


class DemoPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="govledger-pages-")
        made = subprocess.run([sys.executable, os.path.join(HERE, "demo_pages.py"), BIN, cls.tmp],
                              capture_output=True, text=True, timeout=900)
        if made.returncode != 0:
            raise AssertionError(f"demo_pages.py failed: {made.stderr}")
        cls.pages = json.loads(made.stdout)["pages"]
        cls.reports = check(cls.tmp, cls.pages)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_every_page_is_checked(self):
        self.assertEqual(sorted(self.reports), sorted(PAGES))

    def test_nothing_runs_off_a_390_px_phone(self):
        for name, r in self.reports.items():
            with self.subTest(page=name):
                self.assertEqual(r["phone"]["viewport"], 390)
                self.assertLessEqual(r["phone"]["scrollWidth"], 390, r["phone"]["offenders"])
                self.assertEqual(r["phone"]["offenders"], [])

    def test_nothing_runs_off_an_a4_page(self):
        for name, r in self.reports.items():
            with self.subTest(page=name):
                width = r["print"]["viewport"]
                self.assertLessEqual(r["print"]["scrollWidth"], width, r["print"]["offenders"])
                self.assertEqual(r["print"]["offenders"], [])

    def test_no_wcag_a_or_aa_violations(self):
        for name, r in self.reports.items():
            if not name.endswith(".html"):
                continue
            with self.subTest(page=name):
                self.assertEqual(r["axe_phone"], [], "at 390 px")
                self.assertEqual(r["axe_desktop"], [], "at 1280 px")

    def test_printed_pages_are_numbered(self):
        for name, r in self.reports.items():
            if not name.endswith(".html"):
                continue
            with self.subTest(page=name):
                n = r["pdf_pages"]
                self.assertGreaterEqual(n, 1)
                text = flat(r["pdf_text"])
                for page in range(1, n + 1):
                    self.assertIn(f"Page {page} of {n}", text)

    def test_a_table_running_over_pages_repeats_its_header_on_each(self):
        pages = self.reports["register.html"]["pdf_text"].split("\f")
        with_rows = [p for p in pages if "since 1 " in p]  # pages holding register rows
        self.assertGreaterEqual(len(with_rows), 3, "the demo's register runs over several pages")
        for n, page in enumerate(with_rows, start=1):
            self.assertIn("Members, and since when", page, f"page {n} of the table has no header")

    def test_every_date_and_party_on_the_timeline_is_in_the_printed_pdf(self):
        for name in ("emopss-review.html", "emopss-timeline.svg", "emopss-timeline.html"):
            with self.subTest(page=name):
                r = self.reports[name]
                t, text = r["timeline"], flat(r["pdf_text"])
                self.assertIsNotNone(t, "the page draws a timeline")
                self.assertEqual(len(t["parties"]), 4)
                for party in t["parties"]:
                    self.assertIn(party, text)
                # The dates the drawing is made of (its data), not only what it prints.
                dates = set()
                for a in t["attrs"]:
                    clipped = (a["attr"] == "data-from" and a["value"] == t["from"]) or \
                              (a["attr"] == "data-until" and a["value"] > t["to"])
                    if not clipped:
                        dates.add(a["value"])
                self.assertIn("2019-04-01", dates)  # Nottinghamshire leaves EMOpSS
                for iso in sorted(dates):
                    self.assertIn(short_date(iso), text, f"{iso} is drawn but not printed")
                for line in t["dates"]:
                    self.assertIn(line, text)

    def test_the_report_prints_what_a_panel_expects(self):
        text = flat(self.reports["leics-report.html"]["pdf_text"])
        for words in ("Report of", "Meeting date 22 July 2019", "Purpose of the report", "Recommendation",
                      "Executive summary", "Regional collaborations (Appendix A register)",
                      "National collaborations (Appendix B register)", "£9.487m",
                      "Appendix: how to check this report"):
            self.assertIn(words, text)


class ControlPage(unittest.TestCase):
    """The same checks on a page with known faults must report each fault."""

    def test_checks_catch_overflow_and_wcag_violations(self):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(os.path.join(HERE, "control", "bad.html"), tmp)
            r = check(tmp, ["bad.html"])["bad.html"]
        self.assertGreater(r["phone"]["scrollWidth"], 390)
        self.assertGreater(r["print"]["scrollWidth"], r["print"]["viewport"])
        ids = {v["id"] for v in r["axe_desktop"]}
        self.assertTrue({"image-alt", "color-contrast", "html-has-lang"} <= ids, ids)


if __name__ == "__main__":
    unittest.main()
