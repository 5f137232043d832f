// `npm run bench`: Botyard (PGlite, PostgreSQL) and a bare grammY bot (the framework floor)
// under the same scripted workload against the Bot API emulator over real HTTP; startup,
// shutdown and memory of the real process. Prints tables and writes bench/results/latest.json.
// Sizes: BENCH_USERS, BENCH_MESSAGES, BENCH_WARMUP, BENCH_RESTARTS; BENCH_DATABASE_URL (admin).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createBotApiEmulator, type BotApiEmulator } from "../src/sandbox/emulator.ts";
import { freshPglite, freshPostgres, postgresProblem, type BenchDatabase } from "./databases.ts";
import { BenchProcess, sampleRss } from "./process.ts";
import { ReplyCollector, benchClock, burst, conversation, createUsers, greet, type LatencyStats } from "./workload.ts";

const TOKEN = "1234567:bench-token-for-botyard-benchmarks";

function intFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got ${value}`);
  return parsed;
}

const settings = {
  users: intFromEnv("BENCH_USERS", 50),
  messages: intFromEnv("BENCH_MESSAGES", 20),
  warmup: intFromEnv("BENCH_WARMUP", 5),
  solo: intFromEnv("BENCH_SOLO", 100),
  restarts: intFromEnv("BENCH_RESTARTS", 3),
  adminUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  /** Comma-separated subset of floor, pglite, postgres. */
  targets: (process.env.BENCH_TARGETS ?? "floor,pglite,postgres").split(",").map((name) => name.trim()),
};

interface Target {
  name: string;
  script: string;
  readyMarker: string;
  /** Botyard exposes /metrics; the floor bot does not. */
  botyard: boolean;
  fresh(): Promise<BenchDatabase>;
}

interface StartupFigures {
  /** Spawn -> ready log line, wall time seen by the parent. */
  wallMs: number;
  /** The app's own startupMs (runApp entry -> ready). */
  selfMs: number | undefined;
}

interface TargetResult {
  name: string;
  solo: LatencyStats;
  conversation: LatencyStats;
  burst: LatencyStats;
  startupFresh: StartupFigures;
  startupExisting: StartupFigures;
  shutdownAfterLoadMs: number;
  shutdownIdleMs: number;
  /** SIGTERM -> exit while start-up keeps retrying an unreachable Bot API (Botyard only). */
  stopDuringStartupMs?: number;
  idleRssMiB: number;
  loadedPeakRssMiB: number;
  vmHwmMiB: number;
  /** Peak RSS (VmHWM) of a restart on the existing database, after ready and idle (median), MiB. */
  restartHwmMiB: number;
  /** Bot API calls per measured update, by method (both workloads). */
  apiCallsPerUpdate: Record<string, number>;
  /** SQL statements per idle second and per update (Botyard only; the idle rate taken out). */
  statements?: StatementFigures;
  /** Mean time in the dispatcher's handler (take -> finished), ms, per workload (Botyard only). */
  handlerMeanMs?: { solo: number; conversation: number; burst: number };
  exitCodes: (number | null)[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

async function handlerTotals(url: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return { sum: read("botyard_handler_duration_seconds_sum"), count: read("botyard_handler_duration_seconds_count") };
}

function meanMs(before: { sum: number; count: number }, after: { sum: number; count: number }): number {
  return Math.round(((after.sum - before.sum) / (after.count - before.count)) * 1000 * 100) / 100;
}

async function statementsSoFar(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^botyard_sql_statements_total (\S+)$/m.exec(text)?.[1] ?? NaN);
}

interface StatementFigures {
  idlePerSecond: number;
  perHelp: number;
  perMessage: number;
}

const IDLE_SECONDS = 5;
const COUNTED_UPDATES = 30;

/**
 * Counts statements over an idle spell, then over `/help` and plain messages from one user, each
 * sent after the previous reply; the idle rate over the same time is taken out of the latter.
 */
async function countStatements(url: string, control: BotApiEmulator["control"], collector: ReplyCollector, user: number): Promise<StatementFigures> {
  const round = (n: number) => Math.round(n * 10) / 10;
  const idleStart = await statementsSoFar(url);
  const idleBegan = performance.now();
  await sleep(IDLE_SECONDS * 1000);
  const idleRate = (await statementsSoFar(url) - idleStart) / ((performance.now() - idleBegan) / 1000);
  const perUpdate = async (text: string) => {
    const before = await statementsSoFar(url);
    const began = performance.now();
    for (let i = 0; i < COUNTED_UPDATES; i++) {
      control.send({ from: user, text });
      await collector.next(user);
    }
    await collector.settle();
    const spent = (await statementsSoFar(url)) - before - idleRate * ((performance.now() - began) / 1000);
    return round(spent / COUNTED_UPDATES);
  };
  return { idlePerSecond: round(idleRate), perHelp: await perUpdate("/help"), perMessage: await perUpdate("hello") };
}

function appEnv(emulator: BotApiEmulator, database: BenchDatabase): Record<string, string> {
  return {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.url,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    // The default (20 per 10 s per user) is for people; simulated users type faster.
    USER_RATE_LIMIT: "1000000/1s",
    ...database.env,
  };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function startProcess(
  target: Target,
  env: Record<string, string>,
): Promise<{ proc: BenchProcess; startup: StartupFigures; url: string | undefined }> {
  const proc = new BenchProcess(target.script, env, target.readyMarker);
  const { line, wallMs } = await proc.ready;
  const selfMs = typeof line.startupMs === "number" ? line.startupMs : undefined;
  return { proc, startup: { wallMs: Math.round(wallMs), selfMs }, url: typeof line.url === "string" ? line.url : undefined };
}

/** A loopback address nothing listens on: a Bot API that cannot be reached. */
async function unreachableApiRoot(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Starts against an unreachable Bot API, waits for the first failed getMe, and times SIGTERM -> exit. */
async function stopDuringStartup(target: Target, env: Record<string, string>): Promise<{ ms: number; code: number | null }> {
  const proc = new BenchProcess(target.script, { ...env, TELEGRAM_API_ROOT: await unreachableApiRoot() }, "getMe failed; retrying");
  await proc.ready;
  return proc.stop();
}

async function benchTarget(target: Target): Promise<TargetResult> {
  const emulator = createBotApiEmulator({ clock: benchClock });
  await emulator.listen(0, "127.0.0.1");
  const botId = emulator.control.registerBot({ token: TOKEN, username: "bench_bot", first_name: "Bench" }).id;
  const database = await target.fresh();
  const exitCodes: (number | null)[] = [];
  try {
    const env = appEnv(emulator, database);
    log(`${target.name}: starting on a fresh database`);
    const { proc, startup: startupFresh, url } = await startProcess(target, env);

    // Idle: ready, polling, nothing to do.
    while (!emulator.control.state().polling.includes(botId)) await sleep(20);
    await sleep(1000);
    const idleRssMiB = proc.memory()?.rssMiB ?? NaN;

    const { control } = emulator;
    const collector = new ReplyCollector(control);
    const users = createUsers(control, settings.users, 10_000_001);
    log(`${target.name}: warming up (${settings.users} users: /start + ${settings.warmup} messages each)`);
    await greet(control, collector, users);
    if (settings.warmup > 0) await conversation(control, collector, users, settings.warmup);
    await collector.settle();

    let statements: StatementFigures | undefined;
    if (url !== undefined && target.botyard) {
      log(`${target.name}: counting SQL statements (${IDLE_SECONDS} s idle, ${COUNTED_UPDATES} x /help, ${COUNTED_UPDATES} x a plain message)`);
      statements = await countStatements(url, control, collector, users[0] ?? 0);
    }

    const sampler = sampleRss(proc.pid);
    const callsBefore = { ...control.stats().calls };
    log(`${target.name}: solo (one user, ${settings.solo} messages, each waits for its reply)`);
    const metricsSolo = url !== undefined && target.botyard ? await handlerTotals(url) : undefined;
    const soloStats = await conversation(control, collector, users.slice(0, 1), settings.solo);
    await collector.settle();
    log(`${target.name}: conversation (${settings.users} users x ${settings.messages} messages, each waits for its reply)`);
    const metrics0 = url !== undefined && target.botyard ? await handlerTotals(url) : undefined;
    const conversationStats = await conversation(control, collector, users, settings.messages);
    await collector.settle();
    const metrics1 = url !== undefined && target.botyard ? await handlerTotals(url) : undefined;
    log(`${target.name}: burst (${settings.users} users send ${settings.messages} messages each at once)`);
    const burstStats = await burst(control, collector, users, settings.messages);
    await collector.settle();
    const metrics2 = url !== undefined && target.botyard ? await handlerTotals(url) : undefined;
    const loadedPeakRssMiB = sampler.stop();
    const vmHwmMiB = proc.memory()?.hwmMiB ?? NaN;
    const callsAfter = control.stats().calls;
    await collector.stop();

    const measured = soloStats.count + conversationStats.count + burstStats.count;
    const apiCallsPerUpdate: Record<string, number> = {};
    for (const [method, count] of Object.entries(callsAfter)) {
      const delta = count - (callsBefore[method] ?? 0);
      if (delta > 0) apiCallsPerUpdate[method] = Math.round((delta / measured) * 1000) / 1000;
    }

    const afterLoad = await proc.stop();
    exitCodes.push(afterLoad.code);
    log(`${target.name}: restarting ${settings.restarts} times on the existing database`);
    const startups: StartupFigures[] = [];
    const shutdowns: number[] = [];
    const restartHwm: number[] = [];
    for (let i = 0; i < settings.restarts; i++) {
      const { proc: again, startup } = await startProcess(target, env);
      startups.push(startup);
      while (!emulator.control.state().polling.includes(botId)) await sleep(20);
      await sleep(300);
      restartHwm.push(again.memory()?.hwmMiB ?? NaN);
      const stopped = await again.stop();
      shutdowns.push(stopped.ms);
      exitCodes.push(stopped.code);
    }
    const selfTimes = startups.map((s) => s.selfMs).filter((ms): ms is number => ms !== undefined);
    let stopDuringStartupMs: number | undefined;
    if (target.botyard) {
      log(`${target.name}: stopping a start-up that cannot reach the Bot API`);
      const stopped = await stopDuringStartup(target, env);
      stopDuringStartupMs = Math.round(stopped.ms);
      exitCodes.push(stopped.code);
    }

    return {
      name: target.name,
      solo: soloStats,
      conversation: conversationStats,
      burst: burstStats,
      startupFresh,
      startupExisting: {
        wallMs: median(startups.map((s) => s.wallMs)),
        selfMs: selfTimes.length > 0 ? median(selfTimes) : undefined,
      },
      shutdownAfterLoadMs: Math.round(afterLoad.ms),
      shutdownIdleMs: Math.round(median(shutdowns)),
      ...(stopDuringStartupMs === undefined ? {} : { stopDuringStartupMs }),
      idleRssMiB: Math.round(idleRssMiB),
      loadedPeakRssMiB: Math.round(loadedPeakRssMiB),
      vmHwmMiB: Math.round(vmHwmMiB),
      restartHwmMiB: Math.round(median(restartHwm)),
      apiCallsPerUpdate,
      ...(statements === undefined ? {} : { statements }),
      ...(metricsSolo !== undefined && metrics0 !== undefined && metrics1 !== undefined && metrics2 !== undefined
        ? { handlerMeanMs: { solo: meanMs(metricsSolo, metrics0), conversation: meanMs(metrics0, metrics1), burst: meanMs(metrics1, metrics2) } }
        : {}),
      exitCodes,
    };
  } finally {
    await emulator.close();
    await database.drop();
  }
}

// ------------------------------------------------------------------ report

function table(header: string[], rows: (string | number | undefined)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === undefined ? "-" : String(cell))))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [line(cells[0] ?? []), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 1) + "-" : "-".repeat(w + 1) + ":")).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}x`;

function report(results: TargetResult[], notes: string[]): string {
  const floor = results.find((r) => r.name === "grammY floor");
  const out: string[] = [];
  out.push(
    `Workloads: solo = 1 user x ${settings.solo} messages, each after the previous reply; conversation = ${settings.users} users x ${settings.messages} messages, each after the previous reply;`,
    `burst = ${settings.users} users send ${settings.messages} messages each at once. Warm-up first: /start + ${settings.warmup} messages per user. Emulator over HTTP on loopback.`,
  );
  out.push("");
  out.push("Throughput and latency (send -> the bot's reply recorded by the emulator)");
  const rows: (string | number | undefined)[][] = [];
  for (const r of results) {
    for (const [mode, s] of [["solo", r.solo], ["conversation", r.conversation], ["burst", r.burst]] as const) {
      const base = floor?.[mode];
      rows.push([
        r.name,
        mode,
        s.perSecond,
        s.p50,
        s.p90,
        s.p99,
        s.max,
        base !== undefined && r !== floor ? ratio(s.perSecond, base.perSecond) : undefined,
        base !== undefined && r !== floor ? ratio(s.p50, base.p50) : undefined,
        base !== undefined && r !== floor ? ratio(s.p99, base.p99) : undefined,
      ]);
    }
  }
  out.push(table(["target", "workload", "updates/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "upd/s vs floor", "p50 vs floor", "p99 vs floor"], rows));
  out.push("");
  out.push(
    `Startup (spawn -> ready line; app's own startupMs in brackets; existing = median of ${settings.restarts}) and shutdown (SIGTERM -> exit; during start-up = while getMe fails against an unreachable Bot API)`,
  );
  out.push(
    table(
      ["target", "fresh ms", "existing ms", "shutdown after load ms", "shutdown idle ms", "shutdown during start-up ms"],
      results.map((r) => [
        r.name,
        `${r.startupFresh.wallMs} (${r.startupFresh.selfMs ?? "-"})`,
        `${r.startupExisting.wallMs} (${r.startupExisting.selfMs ?? "-"})`,
        r.shutdownAfterLoadMs,
        r.shutdownIdleMs,
        r.stopDuringStartupMs,
      ]),
    ),
  );
  out.push("");
  out.push("Memory of the bot process (MiB)");
  out.push(
    table(
      ["target", "idle RSS", "loaded peak RSS", "VmHWM first start + load", "VmHWM restart (idle)"],
      results.map((r) => [r.name, r.idleRssMiB, r.loadedPeakRssMiB, r.vmHwmMiB, r.restartHwmMiB]),
    ),
  );
  out.push("");
  out.push("Where the time goes");
  out.push(
    table(
      ["target", "SQL statements per /help / plain message / idle second", "handler mean ms (solo / conversation / burst)", "Bot API calls per update"],
      results.map((r) => [
        r.name,
        r.statements === undefined ? undefined : `${r.statements.perHelp} / ${r.statements.perMessage} / ${r.statements.idlePerSecond}`,
        r.handlerMeanMs === undefined ? undefined : `${r.handlerMeanMs.solo} / ${r.handlerMeanMs.conversation} / ${r.handlerMeanMs.burst}`,
        Object.entries(r.apiCallsPerUpdate)
          .map(([method, n]) => `${method} ${n}`)
          .join(", "),
      ]),
    ),
  );
  const badExits = results.filter((r) => r.exitCodes.some((code) => code !== 0));
  for (const r of badExits) notes.push(`${r.name}: exit codes ${r.exitCodes.join(", ")} (expected 0)`);
  if (notes.length > 0) out.push("", ...notes.map((note) => `Note: ${note}`));
  return out.join("\n");
}

function machine() {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown";
  let commit: string | undefined;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    commit = undefined;
  }
  return { cpus: cpus().length, cpuModel: model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, commit };
}

/** The share of all CPUs busy over one second while the bench itself is idle (from /proc/stat). */
async function otherCpuBusy(): Promise<number> {
  const read = () => {
    const fields = (/^cpu\s+(.+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1] ?? "").split(/\s+/).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((sum, n) => sum + n, 0) };
  };
  const before = read();
  await sleep(1000);
  const after = read();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

// ------------------------------------------------------------------ main

const allTargets: (Target & { key: string })[] = [
  {
    key: "floor",
    name: "grammY floor",
    script: "floor-bot.ts",
    readyMarker: "floor bot is ready",
    botyard: false,
    fresh: () => Promise.resolve(freshPglite()),
  },
  {
    key: "pglite",
    name: "Botyard PGlite",
    script: "app-launcher.ts",
    readyMarker: "Botyard is ready",
    botyard: true,
    fresh: () => Promise.resolve(freshPglite()),
  },
  {
    key: "postgres",
    name: "Botyard PostgreSQL",
    script: "app-launcher.ts",
    readyMarker: "Botyard is ready",
    botyard: true,
    fresh: () => freshPostgres(settings.adminUrl),
  },
];
const notes: string[] = [];
const targets = allTargets.filter((target) => settings.targets.includes(target.key));
if (targets.some((target) => target.key === "postgres")) {
  const problem = await postgresProblem(settings.adminUrl);
  if (problem !== undefined) {
    targets.splice(targets.findIndex((target) => target.key === "postgres"), 1);
    notes.push(`PostgreSQL skipped: ${new URL(settings.adminUrl).host} is unreachable (${problem}); set BENCH_DATABASE_URL.`);
    log(notes.at(-1) ?? "");
  }
}
const busyBefore = await otherCpuBusy();
if (busyBefore > 0.15) {
  notes.push(`before the run, other processes kept ${Math.round(busyBefore * 100)}% of the CPUs busy: the figures will be noisy.`);
  log(notes.at(-1) ?? "");
}

const began = performance.now();
const results: TargetResult[] = [];
for (const target of targets) results.push(await benchTarget(target));
const text = report(results, notes);
console.log(text);
const info = machine();
const busyAfter = await otherCpuBusy();
console.log(
  `\nMachine: ${info.cpus} x ${info.cpuModel}, ${info.memoryGiB} GiB, Node ${info.node}. CPUs busy with other work: ${Math.round(busyBefore * 100)}% before, ${Math.round(busyAfter * 100)}% after; load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}. The bench took ${Math.round((performance.now() - began) / 1000)} s.`,
);

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, "latest.json"),
  `${JSON.stringify({ at: new Date().toISOString(), machine: { ...info, otherCpuBusyBefore: busyBefore, otherCpuBusyAfter: busyAfter, loadAfter: loadavg() }, settings: { ...settings, adminUrl: new URL(settings.adminUrl).host }, results, notes }, null, 2)}\n`,
);
