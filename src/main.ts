import type { Api } from "grammy";
import { BotError } from "grammy";
import { secretsOf, type Config } from "./config.ts";
import { allModules } from "./modules/index.ts";
import { LeaderDuties } from "./platform/app/leader-duties.ts";
import { buildModuleKernel, permissionsOf } from "./platform/app/module-context.ts";
import { registerBots } from "./platform/app/register-bots.ts";
import { readPulse, runPulse } from "./platform/app/pulse.ts";
import { openDatabase, type Database } from "./platform/db/database.ts";
import { migrateToLatest, type Migrations } from "./platform/db/migrate.ts";
import { startErrorTracking } from "./platform/errors/error-tracking.ts";
import { platformFeatures } from "./platform/features.ts";
import { createServer } from "./platform/http/server.ts";
import type { GuardedRoute } from "./platform/http/route-guard.ts";
import { registerWebhook } from "./platform/http/webhook.ts";
import { HealthRegistry } from "./platform/health/health-registry.ts";
import { platformCatalogues } from "./platform/i18n/catalogues.ts";
import { Translator } from "./platform/i18n/translator.ts";
import { scheduleFilePrune } from "./platform/files/prune-files.ts";
import { scheduleBackups } from "./platform/jobs/backup-job.ts";
import { createJobs } from "./platform/jobs/jobs.ts";
import { startModuleJobs } from "./platform/jobs/module-jobs.ts";
import { createLlm } from "./platform/llm/llm-client.ts";
import { instantToZoned } from "./platform/domain/zoned-time.ts";
import { createEventTick } from "./platform/jobs/scheduled-events.ts";
import type { Logger } from "./platform/log.ts";
import { createMetrics, type Metrics } from "./platform/metrics.ts";
import type { ApiContext, BotIdentity, BotyardModule, Clock, ModuleContext } from "./platform/module.ts";
import { modulesEnabledIn } from "./platform/settings/enabled-modules.ts";
import { LiveSettings } from "./platform/settings/live-settings.ts";
import { apologizer } from "./platform/telegram/apologize.ts";
import { createBot } from "./platform/telegram/create-bot.ts";
import { Dispatcher, type UpdateHandler } from "./platform/telegram/dispatcher.ts";
import { IntakeProgress } from "./platform/telegram/intake-progress.ts";
import { pruneInbox } from "./platform/telegram/inbox.ts";
import type { Sandbox } from "./sandbox/sandbox.ts";

export interface RunningApp {
  /** Where HTTP listens, like http://127.0.0.1:3000. */
  url: string;
  database: Database;
  metrics: Metrics;
  /** Sandbox mode only: the emulator playing Telegram. */
  sandbox: Sandbox | undefined;
  /** Every HTTP route with its declared access, so a test can walk them all through the guard. */
  routes: readonly GuardedRoute[];
  /** Runs a command in a transaction of its own, its effects included (start-up work like the console's sign-in link). */
  run: ModuleContext["run"];
  /**
   * Runs every event due by the clock now (after a tick in progress) and sends what they queued
   * at once; resolves with how many succeeded. Tests call it after moving the clock.
   */
  runDueEvents(): Promise<number>;
  /** Drains within the shutdown budget and closes everything. */
  stop(reason: string): Promise<void>;
}

export interface RunOptions {
  logger: Logger;
  /** "Now" for time-bound events (reminders, holds); tests move it. */
  clock?: Clock;
  /** Replaces the shipped modules (tests). */
  modules?: readonly BotyardModule[];
  /** The longest a due event waits to run, in ms (default 1000); tests pass a short one. */
  eventTickMs?: number;
  /** The longest before settings, texts and command menus edited on another replica are picked up, in ms (default 1000). */
  settingsPollMs?: number;
  /** How long a chat stays with a replica that stopped renewing its lease, in ms (default twice HANDLER_TIMEOUT_MS, at least 15 s). */
  chatLeaseMs?: number;
  /** Aborting it during start-up (a signal) stops start-up: runApp closes what it opened and rejects with StartupAbortedError. */
  signal?: AbortSignal;
}

/** Start-up was stopped by `RunOptions.signal` before the app was ready. */
export class StartupAbortedError extends Error {
  override name = "StartupAbortedError";
}

const EVENT_TICK_MS = 1000;
/** How long stopping waits for errors still on their way to the error tracker. */
const SHUTDOWN_FLUSH_MS = 2000;
const SETTINGS_POLL_MS = 1000;
/** The dispatcher's own look for updates other replicas stored: a backstop, as the pulse wakes it. */
const DISPATCHER_BACKSTOP_MS = 30_000;
const INBOX_PRUNE_QUEUE = "botyard-inbox-prune";

/** The migrations an app with these modules applies: the platform features' and the modules' (the platform's own come with every run). */
export function migrationsOf(modules: readonly BotyardModule[]): Migrations {
  return Object.fromEntries([...platformFeatures, ...modules].flatMap((module) => Object.entries(module.migrations ?? {})));
}

/**
 * The composition root: config -> database -> migrations -> modules -> bots -> jobs ->
 * dispatcher -> HTTP -> the leader's duties. Returns once the app is ready.
 */
export async function runApp(config: Config, options: RunOptions): Promise<RunningApp> {
  const started = performance.now();
  const tracking = config.env.SENTRY_DSN === undefined ? undefined : await startErrorTracking({ dsn: config.env.SENTRY_DSN, secrets: secretsOf(config) });
  const logger = tracking?.watch(options.logger) ?? options.logger;
  const metrics = createMetrics();
  const stopping = new AbortController();
  // Start-up's waits (getMe retried while Telegram is unreachable) end when this aborts.
  const abortStartup = () => stopping.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", abortStartup, { once: true });
  const startupAborted = () => options.signal?.aborted === true;
  const modules = options.modules ?? allModules;
  const installed = [...platformFeatures, ...modules];
  const clock = options.clock ?? { now: () => new Date() };
  const eventTickMs = options.eventTickMs ?? EVENT_TICK_MS;
  const settingsPollMs = options.settingsPollMs ?? SETTINGS_POLL_MS;
  // One beat for everything that waits on the database: the shorter of the two promises.
  const pulseMs = Math.min(eventTickMs, settingsPollMs);
  // Declarations are checked before anything is opened: a role declared twice stops the app here.
  const permissions = permissionsOf(installed);

  const database = await openDatabase(config.database);
  const cleanups: (() => Promise<void>)[] = [() => database.close()];
  if (tracking !== undefined) cleanups.unshift(() => tracking.close(SHUTDOWN_FLUSH_MS));
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.error({ err: error }, "cleanup failed"));
  };
  try {
    const applied = await migrateToLatest(database.db, migrationsOf(modules));
    if (applied.length > 0) logger.info({ applied }, "migrations applied");

    const translator = new Translator([...platformCatalogues(), ...installed.flatMap((module) => module.catalogues ?? [])]);
    const settings = new LiveSettings(database.db, translator);

    let sandbox: Sandbox | undefined;
    let apiRoot = config.env.TELEGRAM_API_ROOT;
    if (config.sandbox) {
      // Loaded only in sandbox mode: with a real token the emulator is not even in memory.
      const { startSandbox } = await import("./sandbox/sandbox.ts");
      sandbox = await startSandbox(config, logger);
      cleanups.push(() => sandbox?.close() ?? Promise.resolve());
      apiRoot = sandbox.url;
    }

    const bots = await registerBots({ bots: config.bots, apiRoot, db: database.db, extraOwners: sandbox === undefined ? [] : [sandbox.owner.id], logger, signal: stopping.signal });
    if (startupAborted()) throw new StartupAbortedError("start-up stopped");
    await settings.refresh();

    const health = new HealthRegistry({ database, translator, botIds: config.bots.map((bot) => bot.id), logger });
    const jobs = createJobs({ database, logger, metrics });
    await jobs.start();
    cleanups.push(() => jobs.stop(config.env.SHUTDOWN_TIMEOUT_MS));

    let url = "";
    const kernel = buildModuleKernel({
      features: platformFeatures,
      modules,
      database,
      translator,
      logger,
      settings,
      permissions,
      publicUrl: () => config.env.PUBLIC_URL?.replace(/\/$/, "") ?? url,
      clock,
      jobs,
      paymentProviderToken: config.env.PAYMENT_PROVIDER_TOKEN,
    });
    const llm = createLlm({ settings: config.llm, db: database.db, clock, dayOf: (botId, at) => instantToZoned(at, settings.of(botId).timeZone).date, logger });
    await startModuleJobs({ jobs, modules: installed, context: kernel.context, llmOf: (module) => llm.forModule(module), botApi: (botId) => bots.find((bot) => bot.config.id === botId)?.api, metrics, logger, health });

    for (const module of modules) {
      const botIds = config.bots.filter((bot) => modulesEnabledIn(settings.of(bot.id).modules, modules).includes(module)).map((bot) => bot.id);
      await module.onStart?.({ database, logger, botIds, sandbox: sandbox === undefined ? undefined : { ownerTelegramId: sandbox.owner.id } });
    }

    const handlers = new Map<string, UpdateHandler>();
    const apis = new Map<string, Api>();
    for (const { config: botConfig, api, botInfo } of bots) {
      const bot = createBot({
        botId: botConfig.id,
        token: botConfig.token,
        botInfo,
        apiRoot,
        modules,
        context: kernel.context,
        metrics,
        floodLimit: config.userRateLimit,
      });
      handlers.set(botConfig.id, (update) =>
        // grammY wraps a handler's error with its whole context; the dispatcher wants the error.
        bot.handleUpdate(update).catch((error: unknown) => {
          throw error instanceof BotError ? error.error : error;
        }),
      );
      apis.set(botConfig.id, api);
    }

    await scheduleBackups(jobs, { database, dir: config.backupDir, retentionDays: config.env.BACKUP_RETENTION_DAYS, logger, health });
    await jobs.createQueue(INBOX_PRUNE_QUEUE, { retryLimit: 1 });
    await jobs.work(INBOX_PRUNE_QUEUE, async () => {
      const pruned = await pruneInbox(database.db, config.env.INBOX_RETENTION_DAYS);
      logger.info({ pruned }, "old inbox rows pruned");
    });
    await jobs.schedule(INBOX_PRUNE_QUEUE, "17 * * * *");
    await scheduleFilePrune(jobs, { database, clock, logger });

    // Intake starts with duties.start(), after the dispatcher below exists.
    const intakeProgress = new IntakeProgress(health);
    const duties = new LeaderDuties({
      bots,
      database,
      webhook: config.webhook,
      outboxRateGlobal: config.env.OUTBOX_RATE_GLOBAL,
      eventTick: createEventTick({ database, clock, handlers: kernel.eventHandlers, logger }),
      settings,
      translator,
      modules,
      logger,
      metrics,
      health,
      intakeProgress,
      onStored: (botId, chatKeys) => dispatcher.stored(botId, chatKeys),
      pulseMs,
      clock,
    });
    const dispatcher = new Dispatcher({
      database,
      handlers,
      apologize: apologizer({ apis, db: database.db, settings, translator, logger }),
      logger,
      metrics,
      handlerTimeoutMs: config.env.HANDLER_TIMEOUT_MS,
      ...(options.chatLeaseMs === undefined ? {} : { leaseMs: options.chatLeaseMs }),
      // Updates stored here start their chats at once; those another replica stored wake it
      // through the pulse. Its own look is a backstop.
      pollIntervalMs: DISPATCHER_BACKSTOP_MS,
      // An update that queued a message (a change, or a reply handed over) nudges the leader's sender.
      onQueued: () => duties.wakeSender(),
    });
    if (database.kind === "pglite") await dispatcher.releaseAllLeases();
    dispatcher.start();
    cleanups.push(() => dispatcher.stop(config.env.SHUTDOWN_TIMEOUT_MS));


    const server = await createServer({
      trustProxy: parseTrustProxy(config.env.TRUST_PROXY),
      permissions,
      translator,
      database,
      metrics,
      logger,
      readiness: {
        checks: () => ({ dispatcher: dispatcher.running, intake: duties.intakeHealthy && intakeProgress.healthy }),
        incidents: () => health.blockingIncidents(),
        telegram: () => ({ leader: duties.leading, mode: config.webhook === undefined ? "polling" : "webhook", lastOkAt: duties.lastTelegramOk }),
      },
    });
    if (config.webhook !== undefined) {
      registerWebhook(server, {
        botIds: config.bots.map((bot) => bot.id),
        secret: config.webhook.secret,
        database,
        metrics,
        logger,
        progress: intakeProgress,
        onStored: (botId, chatKeys) => dispatcher.stored(botId, chatKeys),
      });
    }
    sandbox?.mount(server);
    const identities: BotIdentity[] = bots.map((bot) => ({ id: bot.config.id, username: bot.botInfo.username, token: bot.config.token }));
    const apiContext: ApiContext = { ...kernel.context, modules, bots: identities, jobs, backupDir: config.backupDir, backupRetentionDays: config.env.BACKUP_RETENTION_DAYS };
    for (const module of installed) await module.api?.(server, apiContext);
    if (startupAborted()) throw new StartupAbortedError("start-up stopped");
    url = await server.listen({ port: config.env.PORT, host: config.env.HOST });
    // One timer for the process: every replica follows settings and texts edited on any other,
    // works the updates and jobs any replica stored; the leader's duties run what fell due.
    const botIds = config.bots.map((bot) => bot.id);
    const pulse = runPulse({
      intervalMs: pulseMs,
      signal: stopping.signal,
      read: () => readPulse(database.db, botIds),
      listeners: [
        (reading) => settings.follow(reading.bots),
        (reading) => jobs.wake(reading.readyQueues),
        // PGlite has no other replica: every update stored there started its chat already.
        (reading) => {
          if (reading.inboxWaiting && database.kind === "postgres") dispatcher.wake();
        },
        (reading) => duties.onPulse(reading),
      ],
      logger,
    });
    cleanups.push(async () => {
      stopping.abort();
      await pulse;
    });
    // Closing HTTP first stops webhook intake before the dispatcher drains.
    cleanups.push(async () => {
      await server.close();
    });

    duties.start();
    cleanups.push(() => duties.stop());

    options.signal?.removeEventListener("abort", abortStartup);
    logger.info({ url, sandbox: config.sandbox, database: database.kind, startupMs: Math.round(performance.now() - started) }, "Botyard is ready");
    let stopped: Promise<void> | undefined;
    return {
      url,
      database,
      metrics,
      sandbox,
      routes: server.guardedRoutes,
      run: kernel.context.run,
      runDueEvents: () => duties.runDueEvents(),
      stop(reason) {
        stopped ??= (async () => {
          logger.info({ reason }, "shutting down");
          stopping.abort();
          await closeAll();
        })();
        return stopped;
      },
    };
  } catch (error) {
    options.signal?.removeEventListener("abort", abortStartup);
    stopping.abort();
    await closeAll();
    if (startupAborted() && !(error instanceof StartupAbortedError)) throw new StartupAbortedError("start-up stopped", { cause: error });
    throw error;
  }
}

function parseTrustProxy(value: string): boolean | number {
  return value === "true" ? true : value === "false" ? false : Number(value);
}
