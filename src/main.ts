import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Update, UserFromGetMe } from "@grammyjs/types";
import { Api, BotError, GrammyError } from "grammy";
import type { BotConfig, Config } from "./config.ts";
import { allModules } from "./modules/index.ts";
import { syncConfiguredOwners } from "./platform/auth/roles.ts";
import { PLATFORM_PERMISSIONS, Permissions } from "./platform/auth/permissions.ts";
import { LiveSettings } from "./platform/settings/live-settings.ts";
import { scheduleBackups } from "./platform/jobs/backup-job.ts";
import { createJobs } from "./platform/jobs/jobs.ts";
import { createEventTick } from "./platform/jobs/scheduled-events.ts";
import { pruneInbox } from "./platform/telegram/inbox.ts";
import { openDatabase, type Database } from "./platform/db/database.ts";
import { migrateToLatest, type Migrations } from "./platform/db/migrate.ts";
import { createServer } from "./platform/http/server.ts";
import type { GuardedRoute } from "./platform/http/route-guard.ts";
import { registerWebhook, webhookPath } from "./platform/http/webhook.ts";
import { Translator, type Catalogue } from "./platform/i18n/translator.ts";
import { platformCatalogues } from "./platform/i18n/catalogues.ts";
import type { Logger } from "./platform/log.ts";
import { createMetrics, type Metrics } from "./platform/metrics.ts";
import type { BotIdentity, BotyardModule, ModuleContext } from "./platform/module.ts";
import { platformFeatures } from "./platform/features.ts";
import { chooseLocale, createBot } from "./platform/telegram/create-bot.ts";
import { Dispatcher, type UpdateHandler } from "./platform/telegram/dispatcher.ts";
import { electLeader } from "./platform/telegram/leader.ts";
import { menuFingerprints, publishCommandMenus } from "./platform/telegram/command-menus.ts";
import { ensureWebhook } from "./platform/telegram/ensure-webhook.ts";
import { createOutboxSender, type OutboxSender } from "./platform/telegram/outbox-sender.ts";
import { pollUpdates } from "./platform/telegram/polling.ts";
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
  /** Drains within the shutdown budget and closes everything. */
  stop(reason: string): Promise<void>;
}

export interface RunOptions {
  logger: Logger;
  /** "Now" for time-bound events (reminders, holds); tests move it. */
  clock?: { now(): Date };
  /** Replaces the shipped modules (tests). */
  modules?: readonly BotyardModule[];
}

async function getMeWithRetry(api: Api, logger: Logger, signal: AbortSignal): Promise<UserFromGetMe> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.getMe();
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401) throw new Error("Telegram rejected the bot token (401)", { cause: error });
      if (signal.aborted) throw error;
      logger.warn({ err: error, attempt }, "getMe failed; retrying");
      await sleep(Math.min(30_000, 500 * 2 ** attempt), undefined, { signal });
    }
  }
}

/**
 * The composition root: config -> database -> migrations -> bots -> dispatcher -> HTTP, and the
 * leader's duties (intake, webhook, sending). Returns once the app is ready.
 */
export async function runApp(config: Config, options: RunOptions): Promise<RunningApp> {
  const { logger } = options;
  const started = performance.now();
  const metrics = createMetrics();
  const stopping = new AbortController();
  const modules = options.modules ?? allModules;
  const clock = options.clock ?? { now: () => new Date() };

  const database = await openDatabase(config.database);
  const cleanups: (() => Promise<void>)[] = [() => database.close()];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.error({ err: error }, "cleanup failed"));
  };
  try {
    const moduleMigrations: Migrations = Object.fromEntries([...platformFeatures, ...modules].flatMap((module) => Object.entries(module.migrations ?? {})));
    const applied = await migrateToLatest(database.db, moduleMigrations);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");

    const catalogues: Catalogue[] = [...platformCatalogues(), ...[...platformFeatures, ...modules].flatMap((module) => module.catalogues ?? [])];
    const translator = new Translator(catalogues);
    const permissions = new Permissions([PLATFORM_PERMISSIONS, ...[...platformFeatures, ...modules].map((module) => module.permissions ?? {})]);
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

    const handlers = new Map<string, UpdateHandler>();
    const apis = new Map<string, Api>();
    const bots: { config: BotConfig; api: Api; botInfo: UserFromGetMe }[] = [];
    let url = "";
    const publicUrl = () => config.env.PUBLIC_URL?.replace(/\/$/, "") ?? url;
    for (const botConfig of config.bots) {
      const api = new Api(botConfig.token, apiRoot === undefined ? {} : { apiRoot });
      const botInfo = await getMeWithRetry(api, logger, stopping.signal);
      await database.db
        .insertInto("bot")
        .values({
          id: botConfig.id,
          telegram_id: botInfo.id,
          username: botInfo.username,
          settings: JSON.stringify({ timeZone: botConfig.timeZone, languages: botConfig.languages, modules: botConfig.modules ?? null }),
        })
        .onConflict((conflict) => conflict.column("id").doUpdateSet({ telegram_id: botInfo.id, username: botInfo.username }))
        .execute();
      // Until an admin edits them in the panel, the config file's settings win.
      await database.db
        .updateTable("bot")
        .set({ settings: JSON.stringify({ timeZone: botConfig.timeZone, languages: botConfig.languages, modules: botConfig.modules ?? null }) })
        .where("id", "=", botConfig.id)
        .where("settings_edited_at", "is", null)
        .execute();
      const owners = sandbox === undefined ? botConfig.owners : [...botConfig.owners, sandbox.owner.id];
      await syncConfiguredOwners(database.db, botConfig.id, owners);
      const bot = createBot({
        config: botConfig,
        botInfo,
        apiRoot,
        database,
        translator,
        modules,
        settings,
        permissions,
        publicUrl,
        clock,
        ...(config.env.PAYMENT_PROVIDER_TOKEN === undefined ? {} : { paymentProviderToken: config.env.PAYMENT_PROVIDER_TOKEN }),
        logger,
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
      bots.push({ config: botConfig, api, botInfo });
    }

    await settings.refresh();
    for (const module of modules) {
      const botIds = config.bots.filter((bot) => modulesEnabledIn(settings.of(bot.id).modules, modules).includes(module)).map((bot) => bot.id);
      await module.onStart?.({ database, logger, botIds, sandbox: sandbox === undefined ? undefined : { ownerTelegramId: sandbox.owner.id } });
    }

    const apologize = async (botId: string, update: Update) => {
      const api = apis.get(botId);
      const botConfig = config.bots.find((bot) => bot.id === botId);
      const from = update.message?.from ?? update.callback_query?.from;
      const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
      if (api === undefined || botConfig === undefined || from === undefined) return;
      const member = await database.db
        .selectFrom("bot_member")
        .select("language")
        .where("bot_id", "=", botId)
        .where("telegram_id", "=", from.id)
        .executeTakeFirst()
        .catch(() => undefined);
      const locale = chooseLocale(member?.language, from.language_code, settings.of(botId).languages);
      const text = translator.translate(botId, locale, "error-apology");
      try {
        if (update.callback_query !== undefined) await api.answerCallbackQuery(update.callback_query.id, { text });
        else if (chatId !== undefined) await api.sendMessage(chatId, text);
      } catch (error) {
        logger.warn({ err: error }, "could not apologise for a failed update");
      }
    };

    // The leader's sender; handlers queue notifications, so each finished update nudges it.
    let outboxSender: OutboxSender | undefined;
    const dispatcher = new Dispatcher({
      database,
      handlers,
      apologize,
      logger,
      metrics,
      handlerTimeoutMs: config.env.HANDLER_TIMEOUT_MS,
      onFinished: () => outboxSender?.wake(),
    });
    const jobs = createJobs({ database, logger, metrics });
    await jobs.start();
    cleanups.push(() => jobs.stop(config.env.SHUTDOWN_TIMEOUT_MS));
    await scheduleBackups(jobs, {
      database,
      dir: resolve(config.env.BACKUP_DIR),
      retentionDays: config.env.BACKUP_RETENTION_DAYS,
      logger,
    });
    await jobs.createQueue(INBOX_PRUNE_QUEUE, { retryLimit: 1 });
    await jobs.work(INBOX_PRUNE_QUEUE, async () => {
      const pruned = await pruneInbox(database.db, config.env.INBOX_RETENTION_DAYS);
      logger.info({ pruned }, "old inbox rows pruned");
    });
    await jobs.schedule(INBOX_PRUNE_QUEUE, "17 * * * *");
    const eventContext: ModuleContext = {
      database,
      translator,
      logger,
      settings,
      permissions,
      publicUrl,
      clock,
      ...(config.env.PAYMENT_PROVIDER_TOKEN === undefined ? {} : { paymentProviderToken: config.env.PAYMENT_PROVIDER_TOKEN }),
    };
    const eventTick = createEventTick({
      database,
      clock,
      handlers: Object.fromEntries(
        [...platformFeatures, ...modules].flatMap((module) => {
          const events = typeof module.events === "function" ? module.events(eventContext) : module.events;
          return Object.entries(events ?? {});
        }),
      ),
      logger,
    });

    if (database.kind === "pglite") await dispatcher.releaseAllLeases();
    dispatcher.start();
    cleanups.push(() => dispatcher.stop(config.env.SHUTDOWN_TIMEOUT_MS));

    let leading = false;
    const intakeRunning = new Set<string>();
    let lastTelegramOk: string | undefined;

    const server = await createServer({
      trustProxy: parseTrustProxy(config.env.TRUST_PROXY),
      permissions,
      database,
      metrics,
      logger,
      readiness: {
        checks: () => ({
          dispatcher: dispatcher.running,
          intake: config.webhook !== undefined || !leading || intakeRunning.size === bots.length,
        }),
        telegram: () => ({ leader: leading, mode: config.webhook === undefined ? "polling" : "webhook", lastOkAt: lastTelegramOk }),
      },
    });
    if (config.webhook !== undefined) {
      registerWebhook(server, {
        botIds: config.bots.map((bot) => bot.id),
        secret: config.webhook.secret,
        database,
        metrics,
        onStored: () => dispatcher.wake(),
      });
    }
    sandbox?.mount(server);
    const identities: BotIdentity[] = bots.map((bot) => ({ id: bot.config.id, username: bot.botInfo.username, token: bot.config.token }));
    const apiContext = {
      database,
      translator,
      logger,
      settings,
      permissions,
      modules,
      bots: identities,
      publicUrl,
      clock,
      jobs,
      backupDir: resolve(config.env.BACKUP_DIR),
    };
    for (const module of [...platformFeatures, ...modules]) await module.api?.(server, apiContext);
    url = await server.listen({ port: config.env.PORT, host: config.env.HOST });
    // Every replica follows settings and texts edited on any other.
    const settingsFollowing = runEvery(SETTINGS_POLL_MS, stopping.signal, () => settings.refresh(), logger);
    cleanups.push(async () => {
      stopping.abort();
      await settingsFollowing;
    });
    // Closing HTTP first stops webhook intake before the dispatcher drains.
    cleanups.push(async () => {
      await server.close();
    });

    // The leader's duties, taken over by a follower when the leader dies.
    const lead = async () => {
      while (!stopping.signal.aborted) {
        const leadership = electLeader(config.database, logger);
        const onStop = () => void leadership.release();
        stopping.signal.addEventListener("abort", onStop, { once: true });
        try {
          await leadership.acquired;
        } catch {
          return;
        }
        leading = true;
        logger.info("leading: intake and sending run in this process");
        const duties = AbortSignal.any([stopping.signal, leadership.lost]);
        const sender = createOutboxSender({
          database,
          botIds: bots.map((bot) => bot.config.id),
          callApi: (botId, method, payload, signal) => callRaw(apis.get(botId), method, payload, signal),
          limits: { globalPerSecond: config.env.OUTBOX_RATE_GLOBAL },
          logger,
          metrics,
        });
        sender.start();
        outboxSender = sender;
        const work: Promise<void>[] = [runEvery(EVENT_TICK_MS, duties, () => eventTick.tick(), logger)];
        // Menus follow roles and settings: republished whenever either moves.
        const publishedMenus = new Map<string, string>();
        const publishMenus = async () => {
          const fingerprints = await menuFingerprints(database.db);
          for (const bot of bots) {
            const fingerprint = fingerprints.get(bot.config.id);
            if (fingerprint === undefined || publishedMenus.get(bot.config.id) === fingerprint) continue;
            await settings.refresh();
            await publishCommandMenus({
              botId: bot.config.id,
              api: bot.api,
              db: database.db,
              modules: modulesEnabledIn(settings.of(bot.config.id).modules, modules),
              translator,
              languages: settings.of(bot.config.id).languages,
            });
            publishedMenus.set(bot.config.id, fingerprint);
            sender.wake();
          }
        };
        work.push(runEvery(SETTINGS_POLL_MS, duties, publishMenus, logger));
        for (const bot of bots) {
          if (config.webhook !== undefined) {
            work.push(ensureWebhook(bot.api, `${config.webhook.publicUrl}${webhookPath(bot.config.id)}`, config.webhook.secret, logger));
            continue;
          }
          intakeRunning.add(bot.config.id);
          work.push(
            pollUpdates({
              botId: bot.config.id,
              api: bot.api,
              database,
              signal: duties,
              logger,
              metrics,
              onStored: () => {
                lastTelegramOk = new Date().toISOString();
                dispatcher.wake();
              },
            }).finally(() => intakeRunning.delete(bot.config.id)),
          );
        }
        await Promise.all(work);
        await new Promise<void>((resolve) => {
          if (duties.aborted) resolve();
          else duties.addEventListener("abort", () => resolve(), { once: true });
        });
        leading = false;
        outboxSender = undefined;
        await sender.stop();
        stopping.signal.removeEventListener("abort", onStop);
        await leadership.release();
      }
    };
    const leaderLoop = lead();
    cleanups.push(async () => {
      stopping.abort();
      await leaderLoop;
    });

    logger.info(
      { url, sandbox: config.sandbox, database: database.kind, startupMs: Math.round(performance.now() - started) },
      "Botyard is ready",
    );
    let stopped: Promise<void> | undefined;
    return {
      url,
      database,
      metrics,
      sandbox,
      routes: server.guardedRoutes,
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
    stopping.abort();
    await closeAll();
    throw error;
  }
}

function parseTrustProxy(value: string): boolean | number {
  return value === "true" ? true : value === "false" ? false : Number(value);
}

function modulesEnabledIn(enabled: string[] | null, modules: readonly BotyardModule[]): readonly BotyardModule[] {
  return enabled === null ? modules : modules.filter((module) => enabled.includes(module.name));
}

const EVENT_TICK_MS = 1000;
const SETTINGS_POLL_MS = 2000;
const INBOX_PRUNE_QUEUE = "botyard-inbox-prune";

/** Runs `work` every `intervalMs` until the signal aborts; a failure is logged and the loop goes on. */
async function runEvery(intervalMs: number, signal: AbortSignal, work: () => Promise<unknown>, logger: Logger): Promise<void> {
  while (!signal.aborted) {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error }, "periodic work failed");
    }
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
  }
}

/** Any Bot API method by name, as the outbox stores it. */
async function callRaw(api: Api | undefined, method: string, payload: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
  if (api === undefined) throw new Error("no such bot");
  const raw = api.raw as unknown as Record<string, (payload: unknown, signal?: AbortSignal) => Promise<unknown>>;
  const call = raw[method];
  if (call === undefined) throw new Error(`unknown Bot API method ${method}`);
  return call(payload, signal);
}
