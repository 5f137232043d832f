/** Shared by the browser tests: Chromium, the built web UI, and a small server in front of it. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { registerSandboxProxy } from "../../src/platform/http/sandbox-proxy.ts";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, shippedMigrations, startAppInProcess, startEmulator } from "../support/app.ts";
import { CHROMIUM_PATH, launchChromium } from "../support/chromium.ts";
import { freshPglite, type TestDatabase } from "../support/databases.ts";
import type { TelegramUser } from "../support/telegram-user.ts";

export { CHROMIUM_PATH, launchChromium };
export const ROOT = resolve(import.meta.dirname, "../..");
export const WEB_DIST = resolve(ROOT, "web/dist");

/** Why browser tests cannot run here, or undefined when they can. Under CI=true they always run (and fail without Chromium). */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === "true") return undefined;
  return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
}

/** Builds web/dist when it is missing (a fresh checkout without `npm install`'s postinstall). */
export function ensureWebBuilt(): void {
  if (existsSync(resolve(WEB_DIST, "index.html"))) return;
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "build:web"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build:web failed (exit ${result.status})`);
}

/** Serves web/dist like the app does (client-side routes get index.html) and forwards /sandbox/ to the emulator. */
export async function startWebServer(emulatorUrl: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  registerSandboxProxy(app, emulatorUrl);
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === "GET" && !/^\/(api|sandbox)\//.test(request.url)) return reply.sendFile("index.html");
    return reply.code(404).send({ error: "not found" });
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url };
}

/** A small RGB PNG of the given size with a diagonal gradient (so it is visibly an image). */
export function gradientPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      raw[i] = Math.round((255 * x) / width);
      raw[i + 1] = Math.round((200 * y) / height) + 40;
      raw[i + 2] = 220;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Signs `person` in the way staff do: /login in the bot, the link button read from the
 * emulator's transcript, the page it opens, "Continue".
 */
export async function signInThroughBot(page: Page, person: TelegramUser): Promise<void> {
  person.send("/login");
  const message = await person.replyContaining("login link");
  const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => "url" in candidate);
  if (button === undefined || !("url" in button) || button.url === undefined) throw new Error("the bot sent no link button");
  await page.goto(button.url);
  await page.getByRole("heading", { name: "Sign in to Botyard" }).waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** What a browser test of the panel runs against: a fresh PGlite app behind the emulator, and a page in Chromium. */
export interface PanelInBrowser {
  database: TestDatabase;
  emulator: BotApiEmulator;
  app: RunningApp;
  browser: Browser;
  page: Page;
}

/** Starts the app on a fresh PGlite database with the emulator, and opens a Chromium page; the page's errors go to `pageErrors`. */
export async function openPanelInBrowser(options: { viewport: { width: number; height: number }; pageErrors?: string[] }): Promise<PanelInBrowser> {
  ensureWebBuilt();
  const database = await freshPglite(shippedMigrations);
  const emulator = await startEmulator();
  const app = await startAppInProcess(appEnv(emulator.url, database));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport });
  page.on("pageerror", (error) => options.pageErrors?.push(error.message));
  return { database, emulator, app, browser, page };
}

/** Closes what {@link openPanelInBrowser} opened (as far as it got). */
export async function closePanelInBrowser(panel: Partial<PanelInBrowser>): Promise<void> {
  await panel.browser?.close();
  await panel.app?.stop("test over");
  await panel.emulator?.close();
  await panel.database?.drop();
}

/**
 * What `waitForLoadState("networkidle")` tells, without its half second of silence: `answered()`
 * resolves once every request the page made is answered and two frames passed without a new one,
 * so what a page fetched (and what its parts fetched on seeing it) is on the screen.
 */
export function requestsOf(page: Page): { answered(): Promise<void> } {
  let inFlight = 0;
  let started = 0;
  page.on("request", () => {
    inFlight++;
    started++;
  });
  const finished = () => void inFlight--;
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  const twoFrames = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  return {
    async answered() {
      for (;;) {
        const before = started;
        if (inFlight === 0) {
          await twoFrames();
          if (inFlight === 0 && started === before) return;
        } else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
