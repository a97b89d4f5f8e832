// Headless Chromium from the system (Debian's package), driven by playwright-core; no browser download.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * An error answer a journey provokes or expects on purpose, matched by method, path and status.
 * @typedef {object} ExpectedError
 * @property {string} method e.g. `POST`
 * @property {string} path the URL's path, e.g. `/api/v1/auth/refresh`
 * @property {number} status e.g. 401
 */

/**
 * The session restore of a visitor who is not signed in: the app asks `/auth/refresh` once as it
 * starts, and without a refresh cookie the answer is 401.
 * @type {ExpectedError}
 */
export const signedOutRestore = { method: 'POST', path: '/api/v1/auth/refresh', status: 401 };

/**
 * Records everything on a page that a reader would count as broken: console errors, uncaught
 * exceptions, requests that failed and responses with an error status, except the error answers in
 * `expected`. A journey may change `expected` between its steps (it is read at each event), so an
 * error is only let through where the journey provokes it.
 * @param {import('playwright-core').Page} page
 * @param {ExpectedError[]} [expected]
 * @returns {string[]} filled in as the page runs
 */
export function watchForProblems(page, expected = []) {
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {string | undefined} method undefined when not known (a console message)
   * @param {string} url
   * @param {number} status
   */
  const isExpected = (method, url, status) => {
    const path = url === '' ? '' : new URL(url).pathname;
    return expected.some((each) => (method === undefined || each.method === method) && each.path === path && each.status === status);
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') {
      return;
    }
    // Chromium reports every error answer on the console too; an expected one is no problem there either.
    const failedLoad = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(message.text());
    if (failedLoad && isExpected(undefined, message.location().url, Number(failedLoad[1]))) {
      return;
    }
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    const request = response.request();
    if (response.status() >= 400 && !isExpected(request.method(), response.url(), response.status())) {
      problems.push(`HTTP ${response.status()}: ${request.method()} ${response.url()}`);
    }
  });
  return problems;
}

/**
 * Waits until the tab's title is `title`: pages set it once their content (and the site's name) has
 * loaded, a moment after the content shows.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function waitForTitle(page, title) {
  try {
    await page.waitForFunction((expected) => document.title === expected, title, { timeout: 5_000 });
  } catch {
    throw new Error(`the page's title is ${JSON.stringify(await page.title())}, not ${JSON.stringify(title)}`);
  }
}
