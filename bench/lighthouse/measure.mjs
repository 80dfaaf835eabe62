// One Lighthouse run on one page, signed in: Chromium is started as the Lighthouse CLI starts it, the sign-in cookie
// is put into Chromium's own cookie store (as after signing in on the page), then Lighthouse runs with its default
// settings (mobile) and writes OUT.report.json and OUT.report.html.
//
//   node measure.mjs --url http://127.0.0.1:PORT/today/play --cookie-file FILE --out results/today-play
//
// Why not the CLI's --extra-headers: that header is set on the page only, so a request the page's service worker
// makes (the session player has one) goes without the cookie and is answered 401, which no real browser would see.
// Lighthouse clears the service workers, caches and storage of the origin before it loads the page, not cookies.
import { readFileSync, writeFileSync } from 'node:fs';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
if (!args.url || !args.out) {
  console.error('usage: node measure.mjs --url URL [--cookie-file FILE] --out PATH (without .report.json)');
  process.exit(2);
}
const url = new URL(args.url);
// "name=value; name2=value2", as run.sh read it from curl's cookie jar.
const cookies = args['cookie-file']
  ? readFileSync(args['cookie-file'], 'utf8').trim().split(/;\s*/).filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: url.origin, path: '/', httpOnly: true, sameSite: 'Lax' };
  })
  : [];

const chrome = await launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
  logLevel: 'silent',
});
try {
  if (cookies.length > 0) {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const session = await browser.target().createCDPSession();
    await session.send('Storage.setCookies', { cookies });
    const { cookies: kept } = await session.send('Storage.getCookies');
    if (!cookies.every((c) => kept.some((k) => k.name === c.name))) throw new Error('Chromium did not keep the sign-in cookie');
    await browser.disconnect();
  }
  const result = await lighthouse(url.href, {
    port: chrome.port,
    output: ['json', 'html'],
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    maxWaitForLoad: 60_000,
    logLevel: 'error',
  });
  if (!result) throw new Error('Lighthouse gave no result');
  writeFileSync(`${args.out}.report.json`, result.report[0]);
  writeFileSync(`${args.out}.report.html`, result.report[1]);
  if (result.lhr.runtimeError) {
    console.error(`Runtime error encountered: ${result.lhr.runtimeError.message}`);
    process.exitCode = 1;
  }
} finally {
  await chrome.kill();
}
