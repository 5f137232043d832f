import type { Database } from "../db/database.ts";
import type { HealthReporter } from "../health/health-registry.ts";
import type { Translator } from "../i18n/translator.ts";
import type { EventTick } from "../jobs/scheduled-events.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { BotyardModule } from "../module.ts";
import { modulesEnabledIn } from "../settings/enabled-modules.ts";
import type { LiveSettings } from "../settings/live-settings.ts";
import { callRaw } from "../telegram/call-raw.ts";
import { menuFingerprints, publishCommandMenus } from "../telegram/command-menus.ts";
import { ensureWebhook } from "../telegram/ensure-webhook.ts";
import type { IntakeProgress } from "../telegram/intake-progress.ts";
import { electLeader } from "../telegram/leader.ts";
import { createOutboxSender, type OutboxSender } from "../telegram/outbox-sender.ts";
import { pollUpdates } from "../telegram/polling.ts";
import { webhookPath } from "../http/webhook.ts";
import type { PulseReading } from "./pulse.ts";
import type { RegisteredBot } from "./register-bots.ts";

export interface LeaderDutiesDeps {
  bots: readonly RegisteredBot[];
  database: Database;
  /** Webhook mode: where Telegram posts updates and the secret it sends; polling when undefined. */
  webhook: { publicUrl: string; secret: string } | undefined;
  outboxRateGlobal: number;
  eventTick: EventTick;
  settings: LiveSettings;
  translator: Translator;
  modules: readonly BotyardModule[];
  logger: Logger;
  metrics: Metrics;
  /** Where the leader's parts (the outbox sender, intake) say they are unwell, and well again. */
  health: HealthReporter;
  /** Where polling reports whether the updates it receives reach the inbox. */
  intakeProgress: IntakeProgress;
  /** An update was stored: the dispatcher should look. */
  onStored: (botId: string, chatKeys: readonly string[]) => void;
  /** How often the process's pulse reads what is waiting: events due before the next beat get a timer of their own. */
  pulseMs: number;
  clock: { now(): Date };
}

/** With the pulse waking it, the sender's own look for rows other replicas queued is only a backstop. */
const SENDER_BACKSTOP_MS = 30_000;

/**
 * What one replica does at a time for the whole deployment, while it holds the leadership
 * (PostgreSQL advisory lock; PGlite: always): intake (polling) or the webhook's registration, the
 * outbox sender, the event tick, and the command menus. A follower takes over when the leader dies.
 */
export class LeaderDuties {
  readonly #deps: LeaderDutiesDeps;
  readonly #stopping = new AbortController();
  #loop: Promise<void> | undefined;
  #sender: OutboxSender | undefined;
  readonly #intakeRunning = new Set<string>();
  #leading = false;
  #lastTelegramOk: string | undefined;

  constructor(deps: LeaderDutiesDeps) {
    this.#deps = deps;
  }

  get leading(): boolean {
    return this.#leading;
  }

  /** When Telegram last answered intake (ISO), for /readyz's body. */
  get lastTelegramOk(): string | undefined {
    return this.#lastTelegramOk;
  }

  /** Whether this replica's intake runs for every bot (always true for webhooks and followers). */
  get intakeHealthy(): boolean {
    return this.#deps.webhook !== undefined || !this.#leading || this.#intakeRunning.size === this.#deps.bots.length;
  }

  /** Handlers queued messages: the sender should look now rather than at its next poll. */
  wakeSender(): void {
    this.#sender?.wake();
  }

  #ticking: Promise<unknown> = Promise.resolve();

  /**
   * Runs the events due now, after the tick in progress (ticks never overlap), and wakes the
   * sender for the messages they queued. The leader calls it when the pulse finds an event due; a call
   * from elsewhere (a test that moved the clock) is safe on any replica, as events are claimed
   * with `skip locked`.
   */
  runDueEvents(): Promise<number> {
    const run = this.#ticking.then(async () => {
      const succeeded = await this.#deps.eventTick.tick();
      if (succeeded > 0) this.wakeSender();
      return succeeded;
    });
    this.#ticking = run.catch(() => undefined);
    return run;
  }

  start(): void {
    this.#loop ??= this.#lead();
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#loop;
  }

  async #lead(): Promise<void> {
    const { database, logger } = this.#deps;
    const stopping = this.#stopping.signal;
    while (!stopping.aborted) {
      const leadership = electLeader(database.settings, logger);
      const onStop = () => void leadership.release();
      stopping.addEventListener("abort", onStop, { once: true });
      try {
        await leadership.acquired;
      } catch {
        return;
      }
      this.#leading = true;
      logger.info("leading: intake and sending run in this process");
      const duties = AbortSignal.any([stopping, leadership.lost]);
      const sender = this.#startSender();
      await Promise.all(this.#duties(duties, sender));
      await new Promise<void>((resolve) => {
        if (duties.aborted) resolve();
        else duties.addEventListener("abort", () => resolve(), { once: true });
      });
      this.#leading = false;
      this.#sender = undefined;
      await sender.stop();
      stopping.removeEventListener("abort", onStop);
      await leadership.release();
    }
  }

  #startSender(): OutboxSender {
    const { bots, database, logger, metrics } = this.#deps;
    const apis = new Map(bots.map((bot) => [bot.config.id, bot.api] as const));
    const sender = createOutboxSender({
      database,
      pollIntervalMs: SENDER_BACKSTOP_MS,
      botIds: bots.map((bot) => bot.config.id),
      callApi: (botId, method, payload, signal) => callRaw(apis.get(botId), method, payload, signal),
      limits: { globalPerSecond: this.#deps.outboxRateGlobal },
      health: this.#deps.health,
      logger,
      metrics,
    });
    sender.start();
    this.#sender = sender;
    return sender;
  }

  #duties(duties: AbortSignal, sender: OutboxSender): Promise<void>[] {
    const { bots, database, logger, webhook } = this.#deps;
    // Menus are published as leadership starts, as they were before any pulse; then as they move.
    const work: Promise<void>[] = [
      menuFingerprints(database.db)
        .then((fingerprints) => this.#publishMenus(sender, fingerprints))
        .catch((error: unknown) => logger.error({ err: error }, "command menus not published")),
    ];
    duties.addEventListener(
      "abort",
      () => {
        clearTimeout(this.#eventTimer);
        this.#eventTimerAt = Number.POSITIVE_INFINITY;
      },
      { once: true },
    );
    for (const bot of bots) {
      if (webhook !== undefined) {
        work.push(ensureWebhook(bot.api, `${webhook.publicUrl}${webhookPath(bot.config.id)}`, webhook.secret, logger));
        continue;
      }
      this.#intakeRunning.add(bot.config.id);
      work.push(
        pollUpdates({
          botId: bot.config.id,
          api: bot.api,
          database,
          signal: duties,
          logger,
          metrics: this.#deps.metrics,
          progress: this.#deps.intakeProgress,
          onStored: (chatKeys) => {
            this.#lastTelegramOk = new Date().toISOString();
            this.#deps.onStored(bot.config.id, chatKeys);
          },
        }).finally(() => this.#intakeRunning.delete(bot.config.id)),
      );
    }
    return work;
  }

  readonly #publishedMenus = new Map<string, string>();
  #eventTimer: NodeJS.Timeout | undefined;
  #eventTimerAt = Number.POSITIVE_INFINITY;
  #tickRunning = false;

  /**
   * The pulse's reading, on every replica: the leader runs the events due now (and sets a timer
   * for one due before the next beat), wakes the sender for rows due (queued on any replica), and
   * republishes the menus of bots whose roles or settings moved. A follower does nothing here.
   */
  async onPulse(reading: PulseReading): Promise<void> {
    const sender = this.#sender;
    if (!this.#leading || sender === undefined) return;
    const now = this.#deps.clock.now().getTime();
    const nextEvent = reading.nextEventAt?.getTime();
    if (nextEvent !== undefined && nextEvent <= now) this.#tickNow();
    else if (nextEvent !== undefined && nextEvent < now + this.#deps.pulseMs && nextEvent < this.#eventTimerAt) {
      clearTimeout(this.#eventTimer);
      this.#eventTimerAt = nextEvent;
      this.#eventTimer = setTimeout(() => {
        this.#eventTimerAt = Number.POSITIVE_INFINITY;
        this.#tickNow();
      }, nextEvent - now);
    }
    // The sender keeps real time (rows are stamped by the database's clock), not the app's clock a test moves.
    const nextOutbox = reading.nextOutboxAt?.getTime();
    if (nextOutbox !== undefined && nextOutbox <= Date.now()) sender.wake();
    await this.#publishMenus(sender, new Map([...reading.bots].map(([botId, bot]) => [botId, bot.menus])));
  }

  /** Starts a tick unless one is running (the pulse does not wait for it: a long batch would hold every other wake). */
  #tickNow(): void {
    if (this.#tickRunning) return;
    this.#tickRunning = true;
    this.runDueEvents()
      .catch((error: unknown) => this.#deps.logger.error({ err: error }, "due events failed"))
      .finally(() => (this.#tickRunning = false));
  }

  /** Menus follow roles and settings: republished whenever either moves. */
  #publishingMenus = false;

  async #publishMenus(sender: OutboxSender, fingerprints: ReadonlyMap<string, string>): Promise<void> {
    // One publication at a time: the next pulse sees what one in progress did not finish.
    if (this.#publishingMenus) return;
    this.#publishingMenus = true;
    try {
      await this.#publishMovedMenus(sender, fingerprints);
    } finally {
      this.#publishingMenus = false;
    }
  }

  async #publishMovedMenus(sender: OutboxSender, fingerprints: ReadonlyMap<string, string>): Promise<void> {
    const { database, settings } = this.#deps;
    for (const bot of this.#deps.bots) {
      const fingerprint = fingerprints.get(bot.config.id);
      if (fingerprint === undefined || this.#publishedMenus.get(bot.config.id) === fingerprint) continue;
      await settings.refresh();
      await publishCommandMenus({
        botId: bot.config.id,
        api: bot.api,
        db: database.db,
        modules: modulesEnabledIn(settings.of(bot.config.id).modules, this.#deps.modules),
        translator: this.#deps.translator,
        settings: settings.of(bot.config.id),
      });
      this.#publishedMenus.set(bot.config.id, fingerprint);
      sender.wake();
    }
  }
}
