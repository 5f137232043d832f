import { chromium, type Browser, type BrowserServer } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Where the test run's shared Chromium listens (scripts/test.ts sets it), when there is one. */
const SHARED = "BOTYARD_TEST_CHROMIUM";

/**
 * A Chromium for a browser test: the run's shared one when the runner started it (each file
 * connects and gets browser contexts of its own, closed when it closes the browser), else one of
 * its own. Starting Chromium costs a second or two; the run pays it once.
 */
export function launchChromium(): Promise<Browser> {
  const shared = process.env[SHARED];
  if (shared !== undefined) return chromium.connect(shared);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Starts the Chromium every browser test file of the run connects to, and points them at it. */
export async function startSharedChromium(): Promise<BrowserServer> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  process.env[SHARED] = server.wsEndpoint();
  return server;
}
