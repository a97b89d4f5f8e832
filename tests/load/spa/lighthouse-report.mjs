// Summarises Lighthouse JSON results as Markdown: per page the scores of every run, the metrics of the
// median run (Lighthouse's own choice: closest to the median FCP and TTI), its largest opportunities and
// every audit that fails, with the elements or files it names, so a fix can be aimed at them.
// Usage: node lighthouse-report.mjs run1.json run2.json ...   (runs of the same URL are grouped)
import { readFileSync } from 'node:fs';
import { computeMedianRun, filterToValidRuns } from 'lighthouse/core/lib/median-run.js';

const TARGET = 95;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];
const MAX_ITEMS = 4;

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node lighthouse-report.mjs result.json ...');
  process.exit(2);
}

const byUrl = new Map();
for (const file of files) {
  const lhr = JSON.parse(readFileSync(file, 'utf8'));
  const runs = byUrl.get(lhr.requestedUrl) ?? [];
  runs.push(lhr);
  byUrl.set(lhr.requestedUrl, runs);
}

const score = (category) => (category?.score == null ? 'n/a' : Math.round(category.score * 100));
const cell = (text) => String(text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const short = (text, length = 90) => {
  const flat = cell(text);
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};
const pathOf = (url) => {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
};

// What an audit points at: elements for accessibility, URLs and wasted bytes for performance.
function itemsOf(audit) {
  // A `list` (the LCP element audit) holds tables; their rows that name something are what matters.
  const rows = audit.details?.type === 'list' ? audit.details.items.flatMap((table) => table.items ?? []) : (audit.details?.items ?? []);
  const items = rows.filter((item) => item.node || item.url || item.source?.url || item.label || item.groupLabel);
  return items.slice(0, MAX_ITEMS).map((item) => {
    if (item.node) return `\`${short(item.node.selector, 60)}\` ${short(item.node.snippet, 80)}`;
    const url = typeof item.url === 'string' ? pathOf(item.url) : item.source?.url ? pathOf(item.source.url) : item.label ?? item.groupLabel ?? '';
    const wasted = item.wastedBytes ? `, ${(item.wastedBytes / 1000).toFixed(1)} kB to save` : item.wastedMs ? `, ${Math.round(item.wastedMs)} ms` : '';
    return `${short(url, 70)}${wasted}`;
  }).concat(items.length > MAX_ITEMS ? [`and ${items.length - MAX_ITEMS} more`] : []);
}

function failedAudits(lhr, categoryId) {
  const category = lhr.categories[categoryId];
  if (!category) return [];
  return category.auditRefs
    // The LCP element has its own line above.
    .filter((ref) => ref.group !== 'metrics' && ref.group !== 'hidden' && ref.id !== 'largest-contentful-paint-element')
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && audit.score !== null && audit.score < 0.9 && !['informative', 'notApplicable', 'manual', 'error'].includes(audit.scoreDisplayMode))
    .sort((a, b) => b.ref.weight - a.ref.weight || a.audit.score - b.audit.score);
}

// Opportunities: audits that estimate what a fix would save, largest saving first.
function opportunities(lhr) {
  return Object.values(lhr.audits)
    .map((audit) => {
      const ms = audit.details?.overallSavingsMs ?? audit.metricSavings?.LCP ?? audit.metricSavings?.FCP ?? 0;
      const bytes = audit.details?.overallSavingsBytes ?? 0;
      return { audit, ms, bytes };
    })
    .filter(({ audit, ms, bytes }) => audit.details?.type === 'opportunity' && audit.score !== null && audit.score < 1 && (ms > 0 || bytes > 0))
    .sort((a, b) => b.ms - a.ms || b.bytes - a.bytes)
    .slice(0, 5);
}

const out = [];
const summary = ['| page | performance | accessibility | runs (performance) | FCP | LCP | TBT | CLS |', '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |'];
const sections = [];
let environment = null;

for (const [url, allRuns] of byUrl) {
  const failedRuns = allRuns.filter((lhr) => lhr.runtimeError);
  const valid = filterToValidRuns(allRuns.filter((lhr) => !lhr.runtimeError));
  const page = pathOf(url);
  if (!valid.length) {
    summary.push(`| \`${page}\` | error | error | ${failedRuns.map((r) => cell(r.runtimeError.code)).join(', ')} | | | | |`);
    continue;
  }
  const median = computeMedianRun(valid);
  environment ??= median;
  const perf = score(median.categories.performance);
  const a11y = score(median.categories.accessibility);
  const mark = (value) => (typeof value === 'number' && value < TARGET ? `**${value}** ✗` : `${value}`);
  const display = (id) => cell(median.audits[id]?.displayValue ?? 'n/a');
  summary.push(
    `| \`${page}\` | ${mark(perf)} | ${mark(a11y)} | ${valid.map((r) => score(r.categories.performance)).join(', ')} | ${display('first-contentful-paint')} | ${display('largest-contentful-paint')} | ${display('total-blocking-time')} | ${display('cumulative-layout-shift')} |`,
  );

  const section = [`### \`${page}\` (median of ${valid.length} run(s): performance ${perf}, accessibility ${a11y})`, ''];
  if (failedRuns.length) section.push(`Runs that failed: ${failedRuns.map((r) => cell(r.runtimeError.message)).join('; ')}`, '');
  // The CPU's speed during each run: Lighthouse multiplies what it observed, so a busy machine lowers TBT.
  section.push(`Benchmark index of the runs: ${valid.map((r) => Math.round(r.environment.benchmarkIndex)).join(', ')}.`);
  const lcpElement = itemsOf(median.audits['largest-contentful-paint-element'] ?? {})[0];
  if (lcpElement) section.push(`LCP element: ${lcpElement}.`);
  section.push('');
  section.push('| metric | value | score |', '| --- | ---: | ---: |');
  for (const id of METRICS) {
    const audit = median.audits[id];
    if (audit) section.push(`| ${audit.title} | ${display(id)} | ${audit.score == null ? 'n/a' : Math.round(audit.score * 100)} |`);
  }
  const opps = opportunities(median);
  section.push('', '**Largest opportunities**', '');
  if (opps.length) {
    for (const { audit, ms, bytes } of opps) {
      const saving = [ms > 0 ? `${Math.round(ms)} ms` : '', bytes > 0 ? `${(bytes / 1000).toFixed(1)} kB` : ''].filter(Boolean).join(', ');
      section.push(`- ${audit.title} (\`${audit.id}\`): saves ${saving}. ${itemsOf(audit).join('; ')}`);
    }
  } else {
    section.push('- none');
  }
  for (const categoryId of ['performance', 'accessibility']) {
    const failed = failedAudits(median, categoryId).filter(({ audit }) => !opps.some((o) => o.audit.id === audit.id));
    const heading = categoryId === 'performance' ? 'Other failed performance audits' : 'Failed accessibility audits';
    section.push('', `**${heading}** (score below 0.9, heaviest first)`, '');
    if (!failed.length) section.push('- none');
    for (const { ref, audit } of failed) {
      const value = audit.displayValue ? ` ${cell(audit.displayValue)}.` : '';
      const items = itemsOf(audit);
      const weight = ref.weight > 0 ? `weight ${ref.weight}, ` : '';
      section.push(`- ${audit.title} (\`${audit.id}\`, ${weight}score ${audit.score}).${value}${items.length ? ` ${items.join('; ')}` : ''}`);
    }
  }
  const warnings = [...new Set(median.runWarnings ?? [])];
  if (warnings.length) section.push('', `Lighthouse warned: ${warnings.map((w) => cell(w)).join(' ')}`);
  sections.push(section.join('\n'));
}

out.push(summary.join('\n'), '');
if (environment) {
  const env = environment.environment;
  const settings = environment.configSettings;
  out.push(
    `Lighthouse ${environment.lighthouseVersion}, ${settings.formFactor}, ${settings.throttlingMethod} throttling ` +
      `(RTT ${settings.throttling.rttMs} ms, ${settings.throttling.throughputKbps} kbps, CPU ×${settings.throttling.cpuSlowdownMultiplier}); ` +
      `${cell(env.hostUserAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? env.hostUserAgent)}. ` +
      `Scores below ${TARGET} are marked ✗.`,
    '',
  );
}
out.push(sections.join('\n\n'));
console.log(out.join('\n'));
