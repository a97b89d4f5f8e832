// Lighthouse's four scores for the reader's pages, checked: the real kanwu binary on a fresh SQLite
// database with the demo content (`kanwu seed-demo`) serves a built SPA, and Lighthouse (mobile, its
// defaults) runs once on `/`, `/c/features` and the seed page's article. Prints a Markdown table of
// performance, accessibility, best practices, SEO, CLS and LCP per page, writes it and the figures as
// JSON into the output folder with each page's Lighthouse result, and exits 1 when SEO is below 100 or
// accessibility or best practices below 95 (audits of the markup, not timings). Performance, CLS and LCP
// are figures only: one run on a shared machine is no measurement to fail a build on (see README.md).
// Usage: node lighthouse-scores.mjs [--dist web-frontend/dist] [--out folder]
//   KANWU_BIN=path to a built kanwu (default target/release/kanwu, else target/debug/kanwu);
//   CHROME_PATH=the browser (default /usr/bin/chromium).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MINIMUM = { seo: 100, accessibility: 95, 'best-practices': 95 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// The flags the browser journeys launch Chromium with (web-frontend/e2e/browser.mjs), headless.
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { values: options } = parseArgs({
  options: { dist: { type: 'string', default: path.join(root, 'web-frontend/dist') }, out: { type: 'string' } },
});
const dist = path.resolve(options.dist);
const out = options.out ? path.resolve(options.out) : null;
const bin = process.env.KANWU_BIN
  ? path.resolve(process.env.KANWU_BIN)
  : ['target/release/kanwu', 'target/debug/kanwu'].map((p) => path.join(root, p)).find((p) => existsSync(p));
if (!existsSync(path.join(dist, 'index.html'))) fail(`${dist}/index.html is missing: build the SPA first (npm run build).`);
if (!bin || !existsSync(bin)) fail('no kanwu binary: build one (cargo build) or set KANWU_BIN.');

/** @param {string} message */
function fail(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

/** @returns {Promise<number>} a port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** @param {string} url */
async function ready(url) {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within 30 s`);
}

/** What a page's result says: the scores out of 100, CLS, LCP and its element, and the failed audits. */
function summarise(page, lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100)]));
  const lcpElement = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null;
  // Audits that cost points outside performance, with what they name, so a failure says what to fix.
  const failed = CATEGORIES.filter((id) => id !== 'performance')
    .flatMap((id) => (lhr.categories[id]?.auditRefs ?? []).map((ref) => ({ category: id, ref, audit: lhr.audits[ref.id] })))
    .filter(({ ref, audit }) => ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
    .map(({ category, audit }) => ({
      category,
      id: audit.id,
      title: audit.title,
      items: (audit.details?.items ?? []).slice(0, 5).map((item) => String(item.node?.snippet ?? item.url ?? item.source?.url ?? JSON.stringify(item)).slice(0, 200)),
    }));
  return {
    page,
    scores,
    cls: Number(lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)),
    lcp_ms: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    fcp_ms: Math.round(lhr.audits['first-contentful-paint'].numericValue),
    tbt_ms: Math.round(lhr.audits['total-blocking-time'].numericValue),
    lcp_element: lcpElement,
    benchmark_index: Math.round(lhr.environment.benchmarkIndex),
    failed,
    runtime_error: lhr.runtimeError?.message ?? null,
  };
}

/** @param {ReturnType<typeof summarise>[]} results */
function markdown(results, lighthouseVersion, chrome) {
  const mark = (id, value) => (value === null ? 'n/a' : value < (MINIMUM[id] ?? 0) ? `**${value}** ✗` : `${value}`);
  const lines = [
    '| page | performance | accessibility | best practices | SEO | CLS | LCP | FCP | TBT |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| \`${r.page}\` | ${r.scores.performance ?? 'n/a'} | ${mark('accessibility', r.scores.accessibility)} | ${mark('best-practices', r.scores['best-practices'])} | ` +
        `${mark('seo', r.scores.seo)} | ${r.cls} | ${(r.lcp_ms / 1000).toFixed(1)} s | ${(r.fcp_ms / 1000).toFixed(1)} s | ${r.tbt_ms} ms |`,
    ),
    '',
    `Lighthouse ${lighthouseVersion}, mobile (simulated slow 4G, 4× CPU slowdown), one run per page; ${chrome}; ` +
      `benchmark index ${results.map((r) => r.benchmark_index).join(', ')}. Required: SEO 100, accessibility and best practices ≥ 95 (✗ marks a miss).`,
  ];
  lines.push('', ...results.filter((r) => r.lcp_element).map((r) => `- \`${r.page}\` LCP element: \`${r.lcp_element}\``));
  const failed = results.flatMap((r) => r.failed.map((f) => ({ page: r.page, ...f })));
  if (failed.length) {
    lines.push('', 'Audits that cost points outside performance:', '');
    for (const f of failed) lines.push(`- \`${f.page}\` ${f.category}: ${f.title} (\`${f.id}\`)${f.items.length ? `: ${f.items.map((i) => `\`${i}\``).join(', ')}` : ''}`);
  }
  return lines.join('\n');
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = await mkdtemp(path.join(tmpdir(), 'kanwu-lighthouse-'));
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, KANWU_DATA_DIR: dataDir, KANWU_BIND: `127.0.0.1:${port}`, KANWU_WEB_DIR: dist, RUST_LOG: 'warn' };
delete env.DATABASE_URL;
delete env.KANWU_PUBLIC_URL; // canonical links on the origin Lighthouse asks, as in production
/** @type {import('node:child_process').ChildProcess | null} */
let server = null;
/** @type {import('chrome-launcher').LaunchedChrome | null} */
let chrome = null;
let serverLog = '';
let exitCode = 0;

try {
  await promisify(execFile)(bin, ['seed-demo'], { env, timeout: 120_000 });
  server = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (/** @type {Buffer} */ chunk) => (serverLog = (serverLog + chunk.toString('utf8')).slice(-10_000));
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  await ready(`${base}/readyz`);

  // The seed page's article is the only demo article with an author: asked for, not assumed.
  const list = /** @type {{ items: { id: number, author: string | null }[] }} */ (await (await fetch(`${base}/api/v1/articles?per_page=50`)).json());
  const article = list.items.find((item) => item.author);
  if (!article) throw new Error('the demo content has no article with an author (the seed page’s article)');
  const pages = ['/', '/c/features', `/a/${article.id}`];

  chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
  const results = [];
  let lighthouseVersion = '';
  let hostAgent = '';
  if (out) await mkdir(out, { recursive: true });
  for (const page of pages) {
    console.error(`Lighthouse ${page}`);
    const run = await lighthouse(`${base}${page}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    if (!run) throw new Error(`Lighthouse returned nothing for ${page}`);
    lighthouseVersion = run.lhr.lighthouseVersion;
    hostAgent = run.lhr.environment.hostUserAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? run.lhr.environment.hostUserAgent;
    results.push(summarise(page, run.lhr));
    if (out) await writeFile(path.join(out, `lighthouse${page.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') || '-home'}.json`), String(run.report));
  }

  const table = markdown(results, lighthouseVersion, hostAgent);
  console.log(table);
  if (out) {
    const when = new Date().toISOString();
    await writeFile(path.join(out, 'scores.json'), `${JSON.stringify({ when, lighthouse: lighthouseVersion, chrome: hostAgent, minimum: MINIMUM, pages: results }, null, 2)}\n`);
    await writeFile(path.join(out, 'scores.md'), `${when}\n\n${table}\n`);
    console.error(`wrote ${out}/scores.{md,json} and each page's Lighthouse result`);
  }

  const misses = results.flatMap((r) =>
    r.runtime_error
      ? [`${r.page}: Lighthouse failed: ${r.runtime_error}`]
      : Object.entries(MINIMUM)
          .filter(([id, minimum]) => (r.scores[id] ?? 0) < minimum)
          .map(([id, minimum]) => `${r.page}: ${id} ${r.scores[id]} < ${minimum}`),
  );
  if (misses.length) {
    console.error(`\nBelow the required scores:\n${misses.map((m) => `  ${m}`).join('\n')}`);
    exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (serverLog) console.error(`--- kanwu's output ---\n${serverLog}`);
  exitCode = 2;
} finally {
  chrome?.kill();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
