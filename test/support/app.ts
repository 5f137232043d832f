import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import type { Timing } from "../../src/cli.ts";
import { loadConfig, secretsOf } from "../../src/config.ts";
import { migrationsOf, runApp, type RunningApp } from "../../src/main.ts";
import { allModules } from "../../src/modules/index.ts";
import { createLogger, type Logger } from "../../src/platform/log.ts";
import type { BotyardModule } from "../../src/platform/module.ts";
import { createBotApiEmulator, type BotApiEmulator } from "../../src/sandbox/emulator.ts";
import type { TestDatabase } from "./databases.ts";
import { eventually } from "./telegram-user.ts";

export const TEST_TOKEN = "1234567:test-token-for-botyard-e2e";
export const OWNER_ID = 900_001;

/** The environment that points the app at an emulator and a database. */
export function appEnv(emulatorUrl: string, database: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: emulatorUrl,
    OWNER_TELEGRAM_IDS: String(OWNER_ID),
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...database.env,
    ...extra,
  };
}

export async function startEmulator(): Promise<BotApiEmulator> {
  const emulator = createBotApiEmulator();
  await emulator.listen(0, "127.0.0.1");
  emulator.control.registerBot({ token: TEST_TOKEN, username: "botyard_test_bot", first_name: "Botyard Test" });
  return emulator;
}

/** What every shipped module's tables need: `kind.fresh(shippedMigrations)` is a database as the app with them leaves it. */
export const shippedMigrations = migrationsOf(allModules);

/**
 * The intervals of an app under test: due events and edits made elsewhere are picked up within
 * tens of milliseconds, so no test waits for a production-length tick or poll.
 */
export const TEST_INTERVALS = { eventTickMs: 50, settingsPollMs: 100 } as const;

/**
 * The real app in this process, talking to the emulator over HTTP; `clock` is the injectable "now"
 * of rules and time-bound events, `logger` where its log goes (see captured-log.ts).
 */
export async function startAppInProcess(
  env: Record<string, string>,
  modules?: readonly BotyardModule[],
  options: { clock?: { now(): Date }; logger?: Logger } = {},
): Promise<RunningApp> {
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger({ level: env.LOG_LEVEL ?? "warn", secrets: secretsOf(config) });
  return runApp(config, { logger, modules, ...TEST_INTERVALS, ...(options.clock === undefined ? {} : { clock: options.clock }) });
}

/** A "now" the test sets, for the app's rules and time-bound events. */
export interface TestClock {
  at: Date;
  now(): Date;
}

export function testClock(at: Date): TestClock {
  const clock = { at, now: () => clock.at };
  return clock;
}

/** Moves the clock and runs the events then due, so the test goes on without waiting for the tick. */
export async function moveClock(app: RunningApp, clock: TestClock, at: Date): Promise<void> {
  clock.at = at;
  await app.runDueEvents();
}

/**
 * Resolves once the app has nothing left to do by now: every update it took handled (but `held`
 * ones, waiting on a Bot API call the emulator holds), every message it queued sent or given up,
 * no event due by its clock. A test that checks a message came once, and no second one after it,
 * waits for this instead of for a while.
 */
export async function settled(app: RunningApp, { held = 0 }: { held?: number } = {}): Promise<void> {
  const { db } = app.database;
  await eventually(async () => {
    await app.runDueEvents();
    const [updates, messages] = await Promise.all([
      db.selectFrom("inbox").select("status").where("status", "in", ["pending", "handling"]).execute(),
      db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute(),
    ]);
    return messages.length === 0 && updates.every((update) => update.status === "handling") && updates.length <= held;
  }, "the app to settle");
}

/**
 * The real app as its own process (`botyard start`), for crash tests and process-level checks. It
 * runs at the test intervals; `timing` may shorten more (a crash test's chat lease, so a restarted
 * app takes over the killed one's chats at once).
 */
export class AppProcess {
  readonly child: ChildProcess;
  readonly output: string[] = [];
  readonly url: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string>, args: string[] = ["start"], timing: Timing = {}) {
    const entry = resolve(import.meta.dirname, "app-process-main.ts");
    this.child = spawn(process.execPath, [entry, JSON.stringify({ ...TEST_INTERVALS, ...timing }), ...args], {
      // The ready line is logged at info level; the test run's compile cache is shared.
      env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE, ...env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
    this.url = new Promise((resolve, reject) => {
      const lines = createInterface({ input: this.child.stdout! });
      lines.on("line", (line) => {
        this.output.push(line);
        if (line.includes("Botyard is ready")) resolve((JSON.parse(line) as { url: string }).url);
      });
      createInterface({ input: this.child.stderr! }).on("line", (line) => this.output.push(line));
      void this.exited.then(({ code, signal }) => reject(new Error(`app exited (${code ?? signal}) before ready:\n${this.output.join("\n")}`)));
    });
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }
}
