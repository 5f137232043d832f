// `npm run bench` (after bench/run.ts): the broadcast delivery rate Botyard achieves against the
// emulator enforcing Telegram's limits, as a ratio of the configured limit, on PGlite and
// PostgreSQL. Prints a table and writes bench/results/broadcast.json.
// Sizes: BENCH_BROADCAST_PEOPLE (at 30/s, default 600), BENCH_BROADCAST_RAISED_PEOPLE (at 300/s, default 2000).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startSession } from "../src/platform/auth/sessions.ts";
import { openDatabase, type Database } from "../src/platform/db/database.ts";
import { createBotApiEmulator } from "../src/sandbox/emulator.ts";
import { freshPglite, freshPostgres, postgresProblem, type BenchDatabase } from "./databases.ts";
import { BenchProcess } from "./process.ts";
import { benchClock } from "./workload.ts";

const TOKEN = "1234567:bench-token-for-botyard-benchmarks";
const OWNER = 900_001;
const TEXT = "Bench broadcast: the spring timetable is out";

function intFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number, got ${value}`);
  return parsed;
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const targets = (process.env.BENCH_TARGETS ?? "pglite,postgres").split(",").map((name) => name.trim());

/**
 * A rate to measure: Telegram's own 30/s, and a limit ten times higher (the emulator enforcing
 * the same 300/s), which shows how fast the sender itself can go.
 */
interface Scenario {
  name: string;
  people: number;
  /** OUTBOX_RATE_GLOBAL given to the app, and the global limit the emulator enforces. */
  limit: number;
}
const scenarios: Scenario[] = [
  { name: "Telegram's", people: intFromEnv("BENCH_BROADCAST_PEOPLE", 600), limit: 30 },
  { name: "raised", people: intFromEnv("BENCH_BROADCAST_RAISED_PEOPLE", 2000), limit: 300 },
];

interface Result {
  target: string;
  scenario: string;
  people: number;
  limit: number;
  delivered: number;
  /** First to last delivery as the emulator recorded them. */
  seconds: number;
  perSecond: number;
  ratio: number;
  /** 429s the emulator's limits gave (the app honours them and slows down). */
  limit429s: number;
}

function log(message: string): void {
  process.stderr.write(`[bench broadcast ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function settingsOf(database: BenchDatabase): Database["settings"] {
  return database.env.DATABASE_URL !== undefined
    ? { kind: "postgres", url: database.env.DATABASE_URL }
    : { kind: "pglite", dataDir: database.env.DATA_DIR ?? "" };
}

async function measure(target: string, fresh: () => Promise<BenchDatabase>, scenario: Scenario): Promise<Result> {
  const emulator = createBotApiEmulator({ clock: benchClock });
  await emulator.listen(0, "127.0.0.1");
  const { control } = emulator;
  control.registerBot({ token: TOKEN, username: "bench_bot", first_name: "Bench" });
  control.createUser({ id: OWNER, first_name: "Owner" });
  const people = Array.from({ length: scenario.people }, (_, index) => control.createUser({ first_name: `Person ${index}` }).id);
  const database = await fresh();
  const env = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.url,
    OWNER_TELEGRAM_IDS: String(OWNER),
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    OUTBOX_RATE_GLOBAL: String(scenario.limit),
    ...database.env,
  };
  try {
    log(`${target}, ${scenario.name}: preparing ${scenario.people} members`);
    // A first start migrates and registers the bot; the members go in while it is stopped.
    const first = new BenchProcess("app-launcher.ts", env, "Botyard is ready");
    await first.ready;
    await first.stop();
    const setup = await openDatabase(settingsOf(database));
    const session = await setup.transaction(async (trx) => {
      await trx.insertInto("person").values(people.map((id, index) => ({ telegram_id: id, first_name: `Person ${index}` }))).execute();
      await trx.insertInto("bot_member").values(people.map((id) => ({ bot_id: "main", telegram_id: id }))).execute();
      return startSession(trx, { botId: "main", telegramId: OWNER, kind: "cookie", via: "link", userAgent: null, ip: null });
    });
    await setup.close();

    control.limits({ global_per_second: scenario.limit, private_chat_per_second: 1 });
    const app = new BenchProcess("app-launcher.ts", env, "Botyard is ready");
    const { line } = await app.ready;
    const url = String(line.url);
    const violationsBefore = control.stats().rateLimitViolations;
    const seqBefore = (await control.transcript({ after: 0 })).at(-1)?.seq ?? 0;
    log(`${target}, ${scenario.name}: broadcasting to ${scenario.people} at OUTBOX_RATE_GLOBAL=${scenario.limit}`);
    const created = await fetch(`${url}/api/broadcasts`, {
      method: "POST",
      headers: { cookie: `botyard_session=${session.secret}`, "x-csrf-token": session.csrfToken, "content-type": "application/json" },
      body: JSON.stringify({ text: TEXT, segment: "all" }),
    });
    if (created.status !== 201) throw new Error(`the broadcast was refused: ${await created.text()}`);

    const deliveries: number[] = [];
    let after = seqBefore;
    const deadline = Date.now() + Math.max(120_000, (scenario.people / scenario.limit) * 4_000);
    while (deliveries.length < scenario.people) {
      if (Date.now() > deadline) throw new Error(`only ${deliveries.length} of ${scenario.people} delivered before the deadline`);
      const entries = await control.transcript({ after, wait: 1 });
      for (const entry of entries) {
        after = entry.seq;
        if (entry.direction === "from_bot" && entry.message?.text === TEXT) deliveries.push(entry.at);
      }
    }
    const limit429s = control.stats().rateLimitViolations - violationsBefore;
    await app.stop();
    await sleep(100);
    const seconds = ((deliveries.at(-1) ?? 0) - (deliveries[0] ?? 0)) / 1000;
    // n deliveries span n - 1 intervals.
    const perSecond = seconds > 0 ? (deliveries.length - 1) / seconds : NaN;
    return {
      target,
      scenario: scenario.name,
      people: scenario.people,
      limit: scenario.limit,
      delivered: deliveries.length,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(perSecond * 10) / 10,
      ratio: Math.round((perSecond / scenario.limit) * 100) / 100,
      limit429s,
    };
  } finally {
    await emulator.close();
    await database.drop();
  }
}

const available: { key: string; name: string; fresh: () => Promise<BenchDatabase> }[] = [
  { key: "pglite", name: "Botyard PGlite", fresh: () => Promise.resolve(freshPglite()) },
  { key: "postgres", name: "Botyard PostgreSQL", fresh: () => freshPostgres(adminUrl) },
];
const notes: string[] = [];
const chosen = available.filter((target) => targets.includes(target.key));
if (chosen.some((target) => target.key === "postgres")) {
  const problem = await postgresProblem(adminUrl);
  if (problem !== undefined) {
    chosen.splice(chosen.findIndex((target) => target.key === "postgres"), 1);
    notes.push(`PostgreSQL skipped: ${new URL(adminUrl).host} is unreachable (${problem}); set BENCH_DATABASE_URL.`);
  }
}

const results: Result[] = [];
for (const target of chosen) for (const scenario of scenarios) results.push(await measure(target.name, target.fresh, scenario));

const header = ["target", "limits", "people", "seconds", "messages/s", "of the limit", "429s from limits"];
const rows = results.map((r) => [r.target, `${r.scenario}: ${r.limit}/s`, r.people, r.seconds, r.perSecond, `${r.ratio.toFixed(2)}x`, r.limit429s].map(String));
const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]?.length ?? 0)));
const line = (row: string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
console.log("\nBroadcast delivery rate (first to last delivery recorded by the emulator, which enforces the same global limit and 1/s per chat)");
console.log([line(header), `|${widths.map((w, i) => "-".repeat(w + 1) + (i === 0 ? "-" : ":")).join("|")}|`, ...rows.map(line)].join("\n"));
for (const note of notes) console.log(`Note: ${note}`);
console.log(`Load average after the run: ${loadavg().map((n) => n.toFixed(2)).join(" ")} on ${cpus().length} CPUs (other work on them slows every figure).`);

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "broadcast.json"), `${JSON.stringify({ at: new Date().toISOString(), results, notes }, null, 2)}\n`);
