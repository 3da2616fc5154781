// Drives Debian's headless chromium over govledger's pages (made by
// demo_pages.py) and prints one JSON report per page for test_pages.py:
//  - overflow at 390 px (a phone) and at A4 print width (print media);
//  - axe-core violations of WCAG 2.0/2.1 A and AA, on a phone and a desktop;
//  - the text of the page printed to an A4 PDF (pdftotext), and what the
//    membership timeline draws (each party's label, each date it prints), so
//    the test can check that paper carries every date and party.
// Usage: node check_pages.mjs DIR PAGE... [--shots]   (--shots keeps PNGs and PDFs)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// A4 is 210 mm wide; the pages' @page margins are 14 mm each side.
const A4_CONTENT_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const args = process.argv.slice(2);
const shots = args.includes('--shots');
const [dir, ...pages] = args.filter((a) => a !== '--shots');

// Width the document needs beyond the viewport, and the elements that stick out.
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [];
    for (const e of document.querySelectorAll('body *, svg')) {
      const r = e.getBoundingClientRect();
      if (r.right > width + 0.5 && offenders.length < 5) {
        offenders.push(`${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} right=${Math.round(r.right)}`);
      }
    }
    return { viewport: width, scrollWidth: document.documentElement.scrollWidth, offenders };
  });
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, WCAG);
}

// What the timeline prints: lane labels, and the dates shown under its bars.
async function timeline(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.timeline') || (document.documentElement.tagName === 'svg' ? document.documentElement : null);
    if (!svg) return null;
    const texts = (sel) => [...svg.querySelectorAll(sel)].map((e) => e.textContent.trim());
    const attrs = [];
    for (const e of svg.querySelectorAll('.spell, .notice')) {
      for (const a of ['data-from', 'data-until', 'data-decided', 'data-effective']) {
        if (e.hasAttribute(a)) attrs.push({ cls: e.getAttribute('class'), attr: a, value: e.getAttribute(a) });
      }
    }
    return { from: svg.getAttribute('data-from'), to: svg.getAttribute('data-to'),
             parties: texts('.lane-label'), dates: texts('.lane-dates'), attrs };
  });
}

async function check(browser, name) {
  const file = path.resolve(dir, name);
  const isHtml = name.endsWith('.html');
  const page = await browser.newPage();
  const stem = path.join(dir, name.replace(/\.[a-z]+$/, ''));
  const report = { page: name };

  await page.setViewport({ width: 390, height: 844 });
  await page.emulateMediaType('screen');
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  report.phone = await overflow(page);
  if (shots) await page.screenshot({ path: `${stem}-390.png`, fullPage: true });
  if (isHtml) report.axe_phone = await axe(page);

  if (isHtml) {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    report.axe_desktop = await axe(page);
  }

  await page.setViewport({ width: A4_CONTENT_PX, height: 1100 });
  await page.emulateMediaType('print');
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  report.print = await overflow(page);
  report.timeline = await timeline(page);
  const pdf = `${stem}.pdf`;
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  report.pdf_text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  report.pdf_pages = (report.pdf_text.match(/\f/g) || []).length;
  if (!shots) fs.unlinkSync(pdf);
  await page.close();
  return report;
}

const browser = await puppeteer.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});
try {
  const reports = [];
  for (const name of pages) reports.push(await check(browser, name));
  process.stdout.write(JSON.stringify(reports));
} finally {
  await browser.close();
}
