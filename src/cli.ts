// The `botyard` command: start | migrate | backup | restore | sandbox, with --help everywhere.
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, secretsOf, type Config } from "./config.ts";
import { BackupError, backupDatabase, pruneBackups, restoreDatabase } from "./platform/db/backup.ts";
import { DataDirLockedError } from "./platform/db/data-dir-lock.ts";
import { openDatabase } from "./platform/db/database.ts";
import { MigrationError, migrateToLatest, type Migrations } from "./platform/db/migrate.ts";
import { HealthRegistry } from "./platform/health/health-registry.ts";
import { platformCatalogues } from "./platform/i18n/catalogues.ts";
import { Translator } from "./platform/i18n/translator.ts";
import { createLogger, type Logger } from "./platform/log.ts";
import type { RunOptions } from "./main.ts";

/** Errors a person fixes from the message alone: printed without a stack trace. */
const PLAIN_ERRORS = [ConfigError, DataDirLockedError, MigrationError, BackupError];

class UsageError extends Error {
  override name = "UsageError";
}

/** Grace beyond SHUTDOWN_TIMEOUT_MS for closing the database and HTTP server after the drain. */
const SHUTDOWN_MARGIN_MS = 2000;

interface Command {
  summary: string;
  usage: string;
  details: string;
  options: Record<string, { type: "string" | "boolean"; short?: string }>;
  positionals: number;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], timing: Timing): Promise<number>;
}

const ENVIRONMENT_NOTE = `Configuration comes from the environment (see .env.example): DATABASE_URL selects PostgreSQL,
otherwise the embedded database lives in DATA_DIR (default ./data).`;

const commands: Record<string, Command> = {
  start: {
    summary: "Run the bots, the HTTP server and the background jobs",
    usage: "botyard start",
    details: `Applies pending migrations, then runs until SIGINT or SIGTERM. With no BOT_TOKEN and no
BOTYARD_CONFIG it runs in sandbox mode. On a signal it drains in-flight work within
SHUTDOWN_TIMEOUT_MS and exits; a second signal exits at once.`,
    options: {},
    positionals: 0,
    run: (_values, _positionals, timing) => serve(loadConfig(process.env), timing),
  },
  sandbox: {
    summary: "Run against the built-in Bot API emulator, whatever tokens are configured",
    usage: "botyard sandbox",
    details: `Like start, but Telegram is played by the emulator on loopback; the console prints the panel's
URL and a one-time owner login link. Nothing reaches the real Telegram.`,
    options: {},
    positionals: 0,
    run: (_values, _positionals, timing) => serve(loadConfig(process.env, { sandbox: true }), timing),
  },
  migrate: {
    summary: "Apply pending database migrations and exit",
    usage: "botyard migrate",
    details: `Applies the platform's and every module's pending migrations, each in its own transaction.
On the embedded database this fails while an app holds DATA_DIR: stop it first.`,
    options: {},
    positionals: 0,
    async run() {
      const config = loadConfig(process.env);
      const { allModules } = await import("./modules/index.ts");
      const migrations: Migrations = Object.fromEntries(allModules.flatMap((module) => Object.entries(module.migrations ?? {})));
      const database = await openDatabase(config.database);
      try {
        const applied = await migrateToLatest(database.db, migrations);
        console.log(applied.length === 0 ? "The database is up to date." : `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}`);
      } finally {
        await database.close();
      }
      return 0;
    },
  },
  backup: {
    summary: "Write a consistent backup of the database",
    usage: "botyard backup [--dir <directory>]",
    details: `Embedded database: a .tar.gz of the data directory (refused while an app holds DATA_DIR:
stop it first). PostgreSQL: pg_dump --format=custom into a .dump
file. Backups older than BACKUP_RETENTION_DAYS in the directory are then removed (the newest is
always kept).

Options:
  --dir <directory>   where to write (default BACKUP_DIR, or backups in DATA_DIR)`,
    options: { dir: { type: "string" } },
    positionals: 0,
    async run(values) {
      const config = loadConfig(process.env);
      const dir = typeof values.dir === "string" ? values.dir : config.backupDir;
      let file: string;
      let removed: string[];
      try {
        file = await backupDatabase(config.database, dir);
        removed = await pruneBackups(dir, config.env.BACKUP_RETENTION_DAYS);
      } catch (error) {
        // A running app holding DATA_DIR is a refusal to retry later, not a failed backup.
        if (!(error instanceof DataDirLockedError)) await reportBackupHealth(config, error);
        throw error;
      }
      console.log(`Backup written to ${file}`);
      for (const path of removed) console.log(`Removed old backup ${path}`);
      await reportBackupHealth(config, undefined);
      return 0;
    },
  },
  restore: {
    summary: "Replace the database's contents with a backup",
    usage: "botyard restore <file>",
    details: `Embedded database: refused while an app holds DATA_DIR; the current data is moved aside (the
path is printed) and the backup loaded. PostgreSQL: pg_restore --clean --if-exists --no-owner in
one transaction; stop every replica first.`,
    options: {},
    positionals: 1,
    async run(_values, positionals) {
      const [file] = positionals;
      if (file === undefined) throw new UsageError("restore needs the backup file: botyard restore <file>");
      const config = loadConfig(process.env);
      const { previous } = await restoreDatabase(file, config.database);
      console.log(`Restored ${file}`);
      if (previous !== undefined) console.log(`The data it replaced is kept in ${previous}`);
      return 0;
    },
  },
};

/**
 * Tells the app's health registry how a backup went: a failure is an incident the owners hear of
 * (queued now, sent by the running app's leader), a success closes one. Best effort: when the
 * database itself is what failed, the console's message is all there is.
 */
async function reportBackupHealth(config: Config, failure: unknown): Promise<void> {
  let database;
  try {
    database = await openDatabase(config.database);
  } catch {
    console.error("The backup's outcome could not be recorded for the owners: the database did not open.");
    return;
  }
  try {
    const health = new HealthRegistry({ database, translator: new Translator(platformCatalogues()), botIds: config.bots.map((bot) => bot.id), logger: createCliLogger(config) });
    if (failure === undefined) await health.recovered({ kind: "backup" });
    else await health.failing({ kind: "backup" }, failure instanceof Error ? failure.message : JSON.stringify(failure));
  } finally {
    await database.close();
  }
}

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}   ${command.summary}`);
  return `Botyard: production Telegram bots on one platform.

Usage: botyard <command> [options]

Commands:
${lines.join("\n")}

Run "botyard <command> --help" for a command's options.
${ENVIRONMENT_NOTE}
`;
}

function commandHelp(command: Command): string {
  return `${command.summary}.

Usage: ${command.usage}

${command.details}

${ENVIRONMENT_NOTE}
`;
}

function createCliLogger(config: Config): Logger {
  const level = process.env.LOG_LEVEL ?? "info";
  return createLogger({ level, pretty: process.stdout.isTTY, secrets: secretsOf(config) });
}

/**
 * Runs the app until a signal: the first SIGINT/SIGTERM stops it once (exit 0 when the drain
 * ends; during start-up it stops start-up, even while Telegram is unreachable), a second one or a
 * drain past the budget exits 1 at once.
 */
async function serve(config: Config, timing: Timing): Promise<number> {
  const logger = createCliLogger(config);
  const { runApp, StartupAbortedError } = await import("./main.ts");
  let app: { stop(reason: string): Promise<void> } | undefined = undefined;
  let signalled: string | undefined;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const startup = new AbortController();

  const exitPastBudget = () => {
    const budget = config.env.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS;
    return setTimeout(() => {
      logger.error({ budgetMs: budget }, "shutdown took longer than its budget; exiting");
      process.exit(1);
    }, budget);
  };
  const shutdown = (reason: string) => {
    const timer = exitPastBudget();
    app?.stop(reason).then(
      () => {
        clearTimeout(timer);
        finish(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, "shutdown failed");
        finish(1);
      },
    );
  };
  let startupBudget: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled !== undefined) {
      logger.warn({ signal }, "second signal; exiting without waiting");
      process.exit(1);
    }
    signalled = signal;
    if (app !== undefined) {
      shutdown(signal);
      return;
    }
    logger.info({ signal }, "stopping start-up");
    startupBudget = exitPastBudget();
    startup.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let running;
  try {
    running = await runApp(config, { ...timing, logger, signal: startup.signal });
  } catch (error) {
    if (error instanceof StartupAbortedError) {
      logger.info({ signal: signalled }, "start-up stopped; exiting");
      return 0;
    }
    if (isPlain(error)) throw error;
    // Logged, not printed: the logger keeps the bot token out of a network error's message.
    logger.fatal({ err: error }, "start-up failed");
    return 1;
  } finally {
    clearTimeout(startupBudget);
  }
  app = running;
  if (config.sandbox) {
    console.log(
      `\nSandbox mode: no bot token is set, so the built-in emulator plays Telegram.\n` +
        `Open the Playground: ${running.url}/playground\n`,
    );
    if (running.sandbox !== undefined && config.bots[0] !== undefined) {
      // The first way into the panel: a one-time link on the console, never a default password.
      const { issueConsoleSignInLink } = await import("./modules/access/commands/issue-console-sign-in-link.ts");
      const botId = config.bots[0].id;
      const publicUrl = config.env.PUBLIC_URL?.replace(/\/$/, "") ?? running.url;
      const ownerId = running.sandbox.owner.id;
      const link = await running.run({ botId, personId: null, source: "system" }, issueConsoleSignInLink, { telegramId: ownerId, panelUrl: publicUrl });
      console.log(`Owner sign-in link (one use, 10 minutes): ${link}\n`);
    }
  }
  if (signalled !== undefined) shutdown(signalled);
  return finished;
}

function isPlain(error: unknown): error is Error {
  return PLAIN_ERRORS.some((type) => error instanceof type) || error instanceof UsageError;
}

/** The app's intervals, for `start`: production's unless a test passes shorter ones. */
export type Timing = Pick<RunOptions, "eventTickMs" | "settingsPollMs" | "chatLeaseMs">;

export async function cli(argv: string[], timing: Timing = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands[topic];
    process.stdout.write(command !== undefined && topic !== undefined ? commandHelp(command) : overview());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: command.positionals > 0,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help === true) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  if (parsed.positionals.length > command.positionals) {
    process.stderr.write(`Too many arguments.\n\nUsage: ${command.usage}\n`);
    return 2;
  }
  try {
    return await command.run(parsed.values, parsed.positionals, timing);
  } catch (error) {
    if (isPlain(error)) {
      process.stderr.write(`${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

/** Runs the command line as the process's whole life, and exits with its code. */
export async function main(argv: string[], timing: Timing = {}): Promise<never> {
  try {
    const code = await cli(argv, timing);
    // The app's handles are closed; exit even if a library left a timer behind.
    process.exit(code);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}

if (import.meta.main) await main(process.argv.slice(2));
