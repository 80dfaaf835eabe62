// Reads the Lighthouse reports that run.sh wrote and prints, per page: the four category scores, the metrics,
// the JS + CSS weight (Lighthouse's transfer sizes, and again by fetching each file with curl), every request to
// another origin, and the audits that cost points; then checks the budgets, ends with a table of every page, and
// exits 1 when a budget fails.
//
//   node budget.mjs --origin http://127.0.0.1:PORT [--cookie-file FILE] PAGE=REPORT.json ...
//
// The same page given several times (run.sh --runs N) is judged on Lighthouse's median run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';

/**
 * The budgets of every page: the player's (issue 7: performance, accessibility, JS + CSS, other origins), and issue 11's
 * best practices and SEO at 100.
 */
const BUDGET = {
  performance: 95, accessibility: 100, 'best-practices': 100, seo: 100, jsCssBytes: 60_000, otherOrigins: 0,
};
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['first-contentful-paint', 'FCP'], ['largest-contentful-paint', 'LCP'], ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'], ['speed-index', 'SI'],
];
const NOT_NETWORK = new Set(['data:', 'blob:', 'about:', 'chrome:', 'chrome-extension:']);

const args = process.argv.slice(2);
let origin = '';
let cookie = '';
const reports = new Map();
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--origin') origin = new URL(args[++i]).origin;
  else if (arg === '--cookie-file') cookie = readFileSync(args[++i], 'utf8').trim();
  else {
    const at = arg.indexOf('=');
    if (at < 1) throw new Error(`expected PAGE=REPORT.json, got ${arg}`);
    const page = arg.slice(0, at);
    if (!reports.has(page)) reports.set(page, []);
    reports.get(page).push(arg.slice(at + 1));
  }
}
if (!origin || reports.size === 0) {
  console.error('usage: node budget.mjs --origin URL [--cookie-file FILE] PAGE=REPORT.json ...');
  process.exit(2);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const score = (lhr, id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
const shortUrl = (url) => (url.startsWith(origin) ? url.slice(origin.length) : url);

/**
 * One file fetched asking for gzip only (as Chromium does over plain http): the body bytes as they came over the
 * wire (curl's size_download counts them before --compressed decodes), and the encoding the server chose.
 */
function fetchSize(url) {
  const headers = ['--compressed', '-H', 'Accept-Encoding: gzip'];
  if (cookie && url.startsWith(origin)) headers.push('-H', `Cookie: ${cookie}`);
  try {
    const out = execFileSync('curl', ['-sS', '--max-time', '15', ...headers, '-o', '/dev/null', '-D', '-',
      '-w', '\n%{http_code} %{size_download}', url], { encoding: 'utf8', timeout: 20_000 });
    const lines = out.trimEnd().split(/\r?\n/);
    const [status, size] = lines.at(-1).split(' ').map(Number);
    const encoding = lines.find((l) => /^content-encoding:/i.test(l))?.split(':')[1].trim() ?? 'identity';
    return { status, size, encoding };
  } catch (e) {
    return { status: 0, size: NaN, encoding: '?', error: String(e.message).split('\n')[0] };
  }
}

let failed = false;
/** One row a page for the table at the end. */
const summary = [];
for (const [page, files] of reports) {
  console.log(`\n== ${page}`);
  const lhrs = files.filter(existsSync).map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const usable = lhrs.filter((l) => !l.runtimeError && l.categories?.performance?.score != null);
  const budget = BUDGET;
  if (usable.length === 0) {
    const why = lhrs.map((l) => l.runtimeError?.message).filter(Boolean)[0] ?? 'no report written';
    console.log(`  no usable Lighthouse run: ${why}`);
    console.log('  FAIL  every budget: nothing was measured');
    failed = true;
    summary.push({ page, runs: '-', scores: CATEGORIES.slice(1).map(() => '-'), jsCss: '-', ok: false });
    continue;
  }
  const lhr = usable.length > 1 ? computeMedianRun(usable) : usable[0];
  const file = files[lhrs.indexOf(lhr)] ?? files[0];
  console.log(`  report:        ${file.replace(/\.json$/, '.{json,html}')}`);
  // Lighthouse's CPU benchmark of the run (higher is faster; it expects about 1000+): a busy machine scores low.
  const cpu = (l) => Math.round(l.environment?.benchmarkIndex ?? 0);
  console.log(usable.length > 1
    ? `  runs:          performance ${usable.map((l) => `${score(l, 'performance')} (CPU ${cpu(l)})`).join(', ')}; the median run is shown`
    : `  run:           performance ${score(lhr, 'performance')} (CPU ${cpu(lhr)})`);

  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const documentRequest = requests.find((r) => r.url === lhr.mainDocumentUrl);
  const measured = new URL(lhr.finalDisplayedUrl);
  const samePage = measured.origin === origin && measured.pathname === page;
  console.log(`  measured:      ${shortUrl(lhr.finalDisplayedUrl)} (HTTP ${documentRequest?.statusCode ?? '?'})`
    + (samePage ? '' : `  <-- not ${page}: redirected (signed out?)`));
  for (const warning of lhr.runWarnings ?? []) console.log(`  warning:       ${warning}`);

  console.log(`  scores:        ${CATEGORIES.map((c) => `${c} ${score(lhr, c) ?? '-'}`).join('  ')}`);
  console.log(`  metrics:       ${METRICS.map(([id, name]) => `${name} ${lhr.audits[id]?.displayValue ?? '-'}`).join('  ')}`);

  // JS + CSS: Lighthouse's transfer sizes (what Chromium counted on the wire), and curl's body bytes.
  const assets = requests.filter((r) => r.resourceType === 'Script' || r.resourceType === 'Stylesheet');
  const lighthouseBytes = assets.reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  const urls = [...new Set(assets.map((r) => r.url))];
  let curlBytes = 0;
  const fetched = urls.map((url) => {
    const f = fetchSize(url);
    curlBytes += f.size;
    return { url, ...f, type: assets.find((r) => r.url === url).resourceType };
  });
  console.log(`  JS + CSS:      ${assets.length} request(s): Lighthouse transferSize ${kb(lighthouseBytes)};`
    + ` curl, gzip asked, ${kb(curlBytes)} of body`);
  for (const f of fetched) {
    const transfer = assets.filter((r) => r.url === f.url).reduce((s, r) => s + r.transferSize, 0);
    const raw = assets.find((r) => r.url === f.url).resourceSize;
    console.log(`    ${f.type.toLowerCase().padEnd(10)} ${String(f.size).padStart(7)} B ${f.encoding.padEnd(8)}`
      + ` (Lighthouse ${transfer} B, ${raw} B decoded)  ${shortUrl(f.url)}`
      + `${f.status === 200 ? '' : `  HTTP ${f.status} ${f.error ?? ''}`}`);
  }

  const others = [...new Set(requests
    .map((r) => { try { return new URL(r.url); } catch { return null; } })
    .filter((u) => u && !NOT_NETWORK.has(u.protocol) && u.origin !== origin)
    .map((u) => u.origin))];
  console.log(`  other origins: ${others.length ? others.join(', ') : 'none'} (${requests.length} request(s) in all)`);

  // What cost points: every scored audit under 1 in the four categories (weighted or an insight).
  for (const category of CATEGORIES) {
    const lost = (lhr.categories[category]?.auditRefs ?? [])
      .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
      .filter(({ audit }) => audit && typeof audit.score === 'number' && audit.score < 1
        && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode))
      .filter(({ ref }) => ref.group !== 'metrics' || ref.weight > 0);
    for (const { ref, audit } of lost) {
      console.log(`  ${category === 'best-practices' ? 'best-pr.' : category.slice(0, 8)}:`.padEnd(16)
        + `${audit.title} (${audit.id}, score ${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ''}`
        + `${ref.weight ? `, weight ${ref.weight}` : ''})`);
    }
  }

  const checks = [
    ...CATEGORIES.map((c) => [`${c} >= ${budget[c]}`, score(lhr, c) >= budget[c], score(lhr, c)]),
    [`JS + CSS < ${kb(budget.jsCssBytes)} gzipped`,
      Math.max(lighthouseBytes, curlBytes) < budget.jsCssBytes && fetched.every((f) => f.status === 200),
      `${kb(lighthouseBytes)} Lighthouse, ${kb(curlBytes)} curl`
      + `${fetched.every((f) => f.status === 200) ? '' : '; a file could not be fetched again'}`],
    ['no request to another origin', others.length <= budget.otherOrigins, others.length ? others.join(', ') : 'none'],
    [`the page itself was measured`, samePage, shortUrl(lhr.finalDisplayedUrl)],
  ];
  console.log('  budgets:');
  for (const [name, ok, value] of checks) {
    console.log(`    ${ok ? 'PASS' : 'FAIL'}  ${name}  (${value})`);
    failed ||= !ok;
  }
  summary.push({
    page,
    runs: `${score(lhr, 'performance')}${usable.length > 1 ? ` (${usable.map((l) => score(l, 'performance')).join(', ')})` : ''}`,
    scores: CATEGORIES.slice(1).map((c) => String(score(lhr, c) ?? '-')),
    jsCss: kb(Math.max(lighthouseBytes, curlBytes || 0)),
    ok: checks.every(([, ok]) => ok),
  });
}

// Every page at a glance: the judged run's scores (performance: the median, then each run), JS + CSS, the budgets.
const head = ['page', 'performance (runs)', 'accessibility', 'best practices', 'SEO', 'JS + CSS', 'budgets'];
const rows = summary.map((r) => [r.page, r.runs, ...r.scores, r.jsCss, r.ok ? 'pass' : 'FAIL']);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(row));
console.log(failed ? '\nSome budget FAILED.' : '\nNo budget failed.');
process.exit(failed ? 1 : 0);
