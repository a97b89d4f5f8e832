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
 * Records everything on a page that a reader would count as broken: console errors, uncaught
 * exceptions, requests that failed and responses with an error status.
 * @param {import('playwright-core').Page} page
 * @returns {string[]} filled in as the page runs
 */
export function watchForProblems(page) {
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
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
