// The catalog page (OUTPUT_DIR/index.html) in Debian's Chromium, driven by puppeteer-core:
// opened from file:// as an advocate would, at phone (390 px) and desktop (1280 px) widths.
// usage: node catalog.mjs CHROMIUM OUTPUT_DIR ARTIFACT_DIR
// Prints "ok: ..." / "FAILED: ..." per check and exits 1 when any failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const [chromium, outDir, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });
let failures = 0;
function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
}

// The old headless shell runs in one process (less CPU time than the full browser's several).
const oneProcess = path.basename(chromium).includes('headless-shell') ? ['--single-process'] : [];
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', ...oneProcess],
});
try {
  const page = await browser.newPage();
  const url = 'file://' + path.resolve(outDir, 'index.html');
  const cards = () => page.$$eval('li.card', (l) => l.length);
  const shown = () => page.$$eval('li.card', (l) => l.filter((c) => !c.hidden).length);

  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${width} px: no horizontal scroll`, overflow <= 0, `scrollWidth - innerWidth = ${overflow}`);
    // The first card's actions fit on the screen.
    const right = await page.$eval('li.card .actions', (e) => e.getBoundingClientRect().right);
    check(`${width} px: the first card's buttons are on screen`, right <= width, `right edge ${right}`);
    await page.screenshot({ path: path.join(artifacts, `catalog-${width}.png`), fullPage: false });
  }

  const total = await cards();
  check('every source has a card', total >= 150, `${total} cards`);
  check('the filters are shown (the script ran)', await page.$eval('#filters', (f) => !f.hidden));
  check('all cards shown at first', (await shown()) === total);
  check('the count says so', (await page.$eval('#count', (e) => e.textContent)) === `${total} handouts shown`);

  // Search narrows the list to the cards whose title or facts hold every word.
  const title = await page.$eval('li.card h2', (h) => h.textContent);
  const words = title.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  const word = words.find((w) => w.length > 4) || words[0];
  await page.type('#q', word.toLowerCase());
  const found = await shown();
  check(`search "${word}" narrows the list`, found >= 1 && found < total, `${found} of ${total}`);
  const allMatch = await page.$$eval('li.card', (l, w) => l.filter((c) => !c.hidden).every((c) => c.textContent.toLowerCase().includes(w)), word.toLowerCase());
  check('every card left holds the word', allMatch);
  await page.type('#q', ' zzzqqqxxnothing');
  check('a search with no match shows the "no handout matches" line', (await shown()) === 0 && (await page.$eval('#none', (e) => !e.hidden)));
  await page.$eval('#q', (e) => { e.value = ''; e.dispatchEvent(new Event('input')); });
  check('clearing the search shows every card again', (await shown()) === total);

  // Language and topic filters.
  const languages = await page.$$eval('#lang option', (o) => o.map((x) => x.value).filter(Boolean));
  check('the language filter offers every language of the build', languages.length >= 2, languages.join(' '));
  const lang = languages.find((l) => l !== 'en') || languages[0];
  await page.select('#lang', lang);
  const inLang = await page.$$eval('li.card', (l, lang) => l.filter((c) => !c.hidden).every((c) => c.dataset.lang === lang), lang);
  check(`language "${lang}" shows only its handouts`, inLang && (await shown()) >= 1 && (await shown()) < total);
  await page.select('#lang', '');
  const topics = await page.$$eval('#topic option', (o) => o.map((x) => x.value).filter(Boolean));
  check('the topic filter offers the folders', topics.length >= 2, topics.join(' '));
  await page.select('#topic', topics[0]);
  check(`topic "${topics[0]}" narrows the list`, (await shown()) >= 1 && (await shown()) < total);
  await page.select('#topic', '');

  // The buttons link to files that exist (relative links from file://), the PDF first.
  const hrefs = await page.$$eval('li.card .actions a', (l) => l.map((a) => [a.textContent, a.href]));
  const missing = hrefs.filter(([, h]) => !fs.existsSync(fileURLToPath(h)));
  check('every button links to a file that exists', hrefs.length >= 3 * 140 && missing.length === 0,
        `${hrefs.length} links, ${missing.length} missing ${missing.slice(0, 2).map((m) => m[1]).join(' ')}`);
  const firstActions = await page.$$eval('li.card:first-child .actions a', (l) => l.map((a) => a.textContent));
  check('the actions read as what to do', firstActions.join('|') === 'Print handout|Print summary|Download EPUB', firstActions.join('|'));
  // The maintainer details are closed, and hold the source path and the DocBook link.
  const details = await page.$eval('li.card details', (d) => [d.open, d.textContent.includes('DocBook'), d.querySelector('.source') !== null]);
  check('maintainer details are behind a closed disclosure', !details[0] && details[1] && details[2]);
  // Keyboard: the search field is reachable with Tab and every control has a label.
  const unlabelled = await page.$$eval('input, select', (l) => l.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).length);
  check('every control has a label', unlabelled === 0);
  await page.goto(url, { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  check('Tab reaches the search field first', (await page.evaluate(() => document.activeElement.id)) === 'q');
  await page.setViewport({ width: 390, height: 900 });
  await page.type('#q', word.toLowerCase());
  await page.screenshot({ path: path.join(artifacts, 'catalog-390-search.png'), fullPage: false });
} finally {
  await browser.close();
}
console.log(failures === 0 ? 'all browser checks passed' : `${failures} browser check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
