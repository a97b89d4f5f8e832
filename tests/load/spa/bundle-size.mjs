// The SPA's initial JavaScript: what a first visit must download before the page can run.
// That is every script dist/index.html loads, its modulepreload links, and everything those import
// statically, transitively. Chunks reached only through import() (the admin console) are lazy: listed
// apart, not counted. Sizes are gzip at level 9 (Node's zlib), the most a server's gzip can save:
// level 6, the usual default, is within 1 %, but level 1 (nginx's default, actix-web's Compress) sends
// about 15 % more. kB = 1,000 bytes, as Vite's build output prints them.
// Usage: node bundle-size.mjs path/to/dist [--list]   (Markdown on stdout; --list prints only the paths
// a first visit fetches: the initial scripts and stylesheets, one a line)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const ORIGIN = 'http://spa.invalid';

const [dist, flag] = process.argv.slice(2);
if (!dist || (flag && flag !== '--list')) {
  console.error('usage: node bundle-size.mjs path/to/dist [--list]');
  process.exit(2);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const attributes = (tag) =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map((m) => [m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '']));

// A path below dist for a URL on our own origin; null for other origins (none today; they would be
// someone else's bytes and are reported as such).
function localPath(url) {
  const resolved = new URL(url);
  return resolved.origin === ORIGIN ? decodeURIComponent(resolved.pathname).replace(/^\/+/, '') : null;
}

const entries = [];
const external = [];
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const { src } = attributes(tag.slice(7, -1));
  if (src) entries.push(new URL(src, `${ORIGIN}/`).href);
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  const { rel = '', href } = attributes(tag.slice(5, -1));
  if (href && rel.split(/\s+/).includes('modulepreload')) entries.push(new URL(href, `${ORIGIN}/`).href);
}
const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
  .map((m) => m[1])
  .filter((code) => code.trim());

// Static imports and re-exports in minified ES modules: `import{a as b}from"./x.js"`, `import"./y.js"`,
// `export*from"./z.js"`. import() takes parentheses (Vite writes a template literal) and never matches.
// Anything that does not name a file in dist (a string that merely looks like this) is dropped.
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?(["'])([^"'\n]+?)\1/g;
const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])([^"'`\n]+?)\1\s*\)/g;

function specifiers(code, pattern, from) {
  return [...code.matchAll(pattern)]
    .map((m) => m[2])
    .filter((spec) => /^(\.{1,2}\/|\/)/.test(spec))
    .map((spec) => new URL(spec, from).href)
    .filter((url) => {
      const path = localPath(url);
      return path !== null && path.endsWith('.js') && fileExists(path);
    });
}

function fileExists(path) {
  const full = join(dist, path);
  return existsSync(full) && statSync(full).isFile();
}

const initial = new Map(); // url -> how it is reached
const lazyCandidates = new Set();
const queue = entries.map((url) => [url, 'index.html']);
while (queue.length) {
  const [url, via] = queue.shift();
  if (initial.has(url)) continue;
  const path = localPath(url);
  if (path === null) {
    external.push(url);
    continue;
  }
  initial.set(url, via);
  const code = readFileSync(join(dist, path), 'utf8');
  for (const next of specifiers(code, STATIC_IMPORT, url)) queue.push([next, `import in ${path}`]);
  for (const next of specifiers(code, DYNAMIC_IMPORT, url)) lazyCandidates.add(next);
}

const measure = (bytes) => ({ raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
const kb = (bytes) => (bytes / 1000).toFixed(1);

const rows = [...initial.entries()].map(([url, via]) => {
  const path = localPath(url);
  return { path, via, ...measure(readFileSync(join(dist, path))) };
});
if (inlineScripts.length) rows.push({ path: '(inline scripts in index.html)', via: 'index.html', ...measure(Buffer.from(inlineScripts.join('\n'))) });
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });

// Every other JavaScript file in dist is lazy: reached by import() only, or not at all.
const allJs = readdirSync(join(dist, 'assets'), { recursive: true })
  .map((name) => `assets/${name}`)
  .filter((path) => path.endsWith('.js'));
const lazy = allJs
  .filter((path) => !rows.some((r) => r.path === path))
  .map((path) => ({
    path,
    how: [...lazyCandidates].some((url) => localPath(url) === path) ? 'import()' : 'not referenced by the initial graph',
    ...measure(readFileSync(join(dist, path))),
  }));

const css = [...html.matchAll(/<link\b[^>]*>/gi)]
  .map(([tag]) => attributes(tag.slice(5, -1)))
  .filter(({ rel = '', href }) => href && rel.split(/\s+/).includes('stylesheet'))
  .map(({ href }) => localPath(new URL(href, `${ORIGIN}/`).href))
  .filter((path) => path !== null)
  .map((path) => ({ path, ...measure(readFileSync(join(dist, path))) }));

if (flag === '--list') {
  console.log([...rows.filter((r) => !r.path.startsWith('(')), ...css].map((r) => r.path).join('\n'));
  process.exit(0);
}

const verdict = total.gzip / 1000 <= BUDGET_KB ? 'within' : 'OVER';
const out = [];
out.push(`**Initial JavaScript: ${kb(total.gzip)} kB gzipped** (${kb(total.raw)} kB raw, ${rows.length} file(s)): ${verdict} the ${BUDGET_KB} kB target.`);
out.push('');
out.push('| initial file | reached through | raw kB | gzip -9 kB |');
out.push('| --- | --- | ---: | ---: |');
for (const r of rows) out.push(`| \`${r.path}\` | ${r.via} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
out.push(`| **total** | | **${kb(total.raw)}** | **${kb(total.gzip)}** |`);
if (external.length) out.push('', `Scripts from other origins, not measured: ${external.join(', ')}`);
if (lazy.length) {
  out.push('', '| lazy file (not counted) | how | raw kB | gzip -9 kB |', '| --- | --- | ---: | ---: |');
  for (const l of lazy) out.push(`| \`${l.path}\` | ${l.how} | ${kb(l.raw)} | ${kb(l.gzip)} |`);
}
if (css.length) {
  out.push('', '| render-blocking stylesheet (not JavaScript) | raw kB | gzip -9 kB |', '| --- | ---: | ---: |');
  for (const c of css) out.push(`| \`${c.path}\` | ${kb(c.raw)} | ${kb(c.gzip)} |`);
}
console.log(out.join('\n'));
