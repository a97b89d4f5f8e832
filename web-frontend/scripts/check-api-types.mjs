// Fails when src/lib/api/schema.d.ts is not what openapi-typescript makes from ../openapi.yaml,
// so a changed API cannot land with stale client types. Generates into a temporary directory and
// compares; the committed file is never touched.
//
// OPENAPI_SPEC overrides the spec's path (useful to try the check against a modified copy).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const spec = path.resolve(webRoot, process.env.OPENAPI_SPEC ?? '../openapi.yaml');
const committed = path.join(webRoot, 'src/lib/api/schema.d.ts');
const relative = path.relative(process.cwd(), committed) || committed;
const fix = 'Fix: run `npm run gen:api` in web-frontend/ and commit src/lib/api/schema.d.ts.';

/** The CLI itself, so the output is byte-for-byte what `npm run gen:api` writes. */
function openapiTypescriptCli() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('openapi-typescript/package.json');
  /** @type {{ bin: string | Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['openapi-typescript'];
  return path.resolve(path.dirname(manifestPath), bin);
}

/** @param {string | undefined} line */
function show(line) {
  if (line === undefined) return '(end of file)';
  return line === '' ? '(empty line)' : line;
}

/** @param {string} text */
function lines(text) {
  return text.replace(/\r\n/g, '\n').split('\n');
}

/** @returns {number} the exit code */
function check() {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kanwu-api-types-'));
  try {
    const generated = path.join(tmp, 'schema.d.ts');
    execFileSync(process.execPath, [openapiTypescriptCli(), spec, '-o', generated], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });

    if (!existsSync(committed)) {
      console.error(`${relative} is missing.\n${fix}`);
      return 1;
    }

    const want = lines(readFileSync(generated, 'utf8'));
    const have = lines(readFileSync(committed, 'utf8'));
    const at = want.findIndex((line, i) => line !== have[i]);
    const firstDifference = at === -1 && have.length !== want.length ? want.length : at;

    if (firstDifference !== -1) {
      console.error(`${relative} is out of date with ${path.relative(process.cwd(), spec) || spec}.`);
      console.error(`First difference at line ${firstDifference + 1}:`);
      console.error(`  generated: ${show(want[firstDifference])}`);
      console.error(`  committed: ${show(have[firstDifference])}`);
      console.error(fix);
      return 1;
    }

    console.log(`${relative} is up to date with the OpenAPI spec.`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = check();
