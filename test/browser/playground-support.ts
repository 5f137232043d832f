/** Shared by the Playground's browser tests: a scripted bot polling the emulator, and the emulator, web server and browser it runs with. */
import type { Update } from "@grammyjs/types";
import type { Browser } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { createBotApiEmulator, type BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { ensureWebBuilt, launchChromium, startWebServer } from "./support.ts";

/** Calls a Bot API method with a JSON body, or a multipart one for uploads; throws on an error reply. */
export type BotCall = <T = unknown>(method: string, body: Record<string, unknown> | FormData) => Promise<T>;

export interface ScriptedBot {
  /** Errors the bot met handling updates (a test asserts there are none). */
  errors: unknown[];
  stop(): Promise<void>;
}

/** A tiny bot speaking plain Bot API over HTTP: `setup`, then getUpdates in a loop, `handle` per update. */
export function startScriptedBot(apiRoot: string, token: string, handle: (update: Update, call: BotCall) => Promise<void>, setup?: (call: BotCall) => Promise<void>): ScriptedBot {
  const stopper = new AbortController();
  const errors: unknown[] = [];
  const call: BotCall = async <T,>(method: string, body: Record<string, unknown> | FormData): Promise<T> => {
    const res = await fetch(`${apiRoot}/bot${token}/${method}`, {
      method: "POST",
      ...(body instanceof FormData ? { body } : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal: stopper.signal,
    });
    const reply = (await res.json()) as { ok: boolean; result: T; description?: string };
    if (!reply.ok) throw new Error(`${method}: ${reply.description}`);
    return reply.result;
  };
  const loop = (async () => {
    await setup?.(call);
    let offset = 0;
    while (!stopper.signal.aborted) {
      const updates = await call<Update[]>("getUpdates", { offset, timeout: 20 });
      for (const update of updates) {
        offset = update.update_id + 1;
        await handle(update, call).catch((error: unknown) => {
          if (!stopper.signal.aborted) errors.push(error);
        });
      }
    }
  })().catch((error: unknown) => {
    if (!stopper.signal.aborted) errors.push(error);
  });
  return {
    errors,
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}

export interface PlaygroundStack {
  emulator: BotApiEmulator;
  webUrl: string;
  browser: Browser;
  bot: ScriptedBot;
  close(): Promise<void>;
}

/** The emulator with one registered bot run by `startBot`, the built web UI in front of it, and Chromium. */
export async function startPlaygroundStack(bot: { token: string; username: string; first_name: string }, startBot: (apiRoot: string) => ScriptedBot): Promise<PlaygroundStack> {
  ensureWebBuilt();
  const emulator = createBotApiEmulator();
  const emulatorUrl = await emulator.listen(0, "127.0.0.1");
  emulator.control.registerBot(bot);
  const running = startBot(emulatorUrl);
  let web: FastifyInstance | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await running.stop();
    await web?.close();
    await emulator.close();
  };
  try {
    const started = await startWebServer(emulatorUrl);
    web = started.app;
    browser = await launchChromium();
    return { emulator, webUrl: started.url, browser, bot: running, close };
  } catch (error) {
    await close();
    throw error;
  }
}
