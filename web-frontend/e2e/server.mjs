// Starts the real Kanwu binary for the browser journeys: a free port on loopback, a fresh data
// directory (SQLite, the default when DATABASE_URL is unset) filled with the demo content of
// 当代秘书's page (`kanwu seed-demo`), and this project's dist/ as the SPA. The binary must be a
// test build (`--features test-hooks`); the refresh cookie keeps its default `Secure`, which
// Chromium honours on http://127.0.0.1 (a potentially trustworthy origin).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(webRoot, 'dist');
const startupTimeoutMs = 30_000;
const seedTimeoutMs = 60_000;

/**
 * @typedef {object} KanwuServer
 * @property {string} baseUrl e.g. `http://127.0.0.1:41234`
 * @property {(username: string, password: string) => Promise<void>} createAdmin adds an admin account
 *   with `kanwu create-admin`, run beside the server on its database
 * @property {() => Promise<void>} stop ends the process and removes its data directory
 */

/** @returns {Promise<number>} a port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {string} url
 * @returns {Promise<number | undefined>} the status, or undefined when nothing answered
 */
async function statusOf(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/**
 * Runs `kanwu seed-demo` with the server's environment, so the site has categories and articles.
 * @param {string} bin
 * @param {NodeJS.ProcessEnv} env
 */
function seedDemo(bin, env) {
  return new Promise((resolve, reject) => {
    execFile(bin, ['seed-demo'], { env, timeout: seedTimeoutMs }, (error, stdout, stderr) => {
      if (error && `${stdout}${stderr}`.includes('KANWU_TEST_HOOKS')) {
        reject(
          new Error(
            `${bin} is not a test build, and the journeys need its test hooks (the captcha's answer). ` +
              'Build it with `cargo build --workspace --bins` or `cargo build -p kanwu-api --features test-hooks`.' +
              `\n--- its output ---\n${stdout}${stderr}`,
          ),
        );
      } else if (error) {
        reject(new Error(`${bin} seed-demo failed: ${error.message}\n--- its output ---\n${stdout}${stderr}`));
      } else {
        resolve(undefined);
      }
    });
  });
}

/**
 * Runs `kanwu create-admin` with the server's environment, so it writes to the server's database.
 * The password goes in KANWU_ADMIN_PASSWORD, never as an argument (the command refuses one).
 * @param {string} bin
 * @param {NodeJS.ProcessEnv} env
 * @param {string} username
 * @param {string} password
 */
function createAdmin(bin, env, username, password) {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      ['create-admin', '--username', username],
      { env: { ...env, KANWU_ADMIN_PASSWORD: password }, timeout: seedTimeoutMs },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${bin} create-admin failed: ${error.message}\n--- its output ---\n${stdout}${stderr}`));
        } else {
          resolve(undefined);
        }
      },
    );
  });
}

/**
 * @param {object} [options]
 * @param {boolean} [options.testHooks] false for a journey that reads no captcha: it then runs on a
 *   build without the test hooks too (default true)
 * @returns {Promise<KanwuServer>}
 */
export async function startKanwu({ testHooks = true } = {}) {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`${path.join(distDir, 'index.html')} is missing: run \`npm run build\` before \`npm run e2e\`.`);
  }
  const bin = path.resolve(webRoot, process.env.KANWU_BIN ?? '../target/debug/kanwu');
  if (!existsSync(bin)) {
    throw new Error(`The Kanwu binary is not at ${bin}: build it with cargo, or set KANWU_BIN to its path.`);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kanwu-e2e-'));

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    KANWU_BIND: `127.0.0.1:${port}`,
    KANWU_DATA_DIR: dataDir,
    KANWU_WEB_DIR: distDir,
    // Test builds only: the captcha's answer in a header (X-Test-Captcha-Answer) for the journeys to read.
    ...(testHooks ? { KANWU_TEST_HOOKS: '1' } : {}),
    // The cheapest bcrypt the API accepts, so registrations and logins take milliseconds.
    KANWU_BCRYPT_COST: '4',
  };
  delete env.DATABASE_URL;
  if (!testHooks) {
    delete env.KANWU_TEST_HOOKS;
  }

  try {
    await seedDemo(bin, env);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    // The tail is what explains a failed start; don't let a chatty log grow without bound.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  /** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
  let exited;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(undefined);
    });
  });
  /** @type {Error | undefined} */
  let spawnError;
  child.once('error', (error) => {
    spawnError = error;
  });

  async function stop() {
    if (!exited && !spawnError) {
      child.kill('SIGTERM');
      const ended = await Promise.race([exit.then(() => true), sleep(5_000).then(() => false)]);
      if (!ended) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  try {
    const deadline = Date.now() + startupTimeoutMs;
    for (const probe of ['/healthz', '/readyz']) {
      for (;;) {
        if (spawnError) {
          throw new Error(`Could not start ${bin}: ${spawnError.message}`);
        }
        if (exited) {
          throw new Error(
            `${bin} serve exited (code ${exited.code}, signal ${exited.signal}) before it was ready.\n--- its output ---\n${output}`,
          );
        }
        if ((await statusOf(baseUrl + probe)) === 200) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `${bin} serve did not answer ${probe} with 200 within ${startupTimeoutMs / 1000} s.\n--- its output ---\n${output}`,
          );
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    baseUrl,
    createAdmin: (username, password) => createAdmin(bin, env, username, password),
    stop,
  };
}
