/**
 * Webhook delivery: POSTs queued updates to the bot's URL with the secret header, up to
 * max_connections at once, retrying failed deliveries with a short backoff (50 ms doubling to
 * 1 s) until they succeed, the webhook changes, or the emulator closes. A JSON reply with a
 * `method` field is executed as a Bot API call, as Telegram does.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { WebhookInfo } from "@grammyjs/types";
import { isAllowed } from "./bot-api.ts";
import type { BotRecord, Store, WebhookConfig } from "./state.ts";

export interface WebhookDeps {
  store: Store;
  closing: AbortSignal;
  logger: { warn(obj: object, msg?: string): void } | undefined;
  /** Executes a method returned in a webhook reply. */
  executeReply(bot: BotRecord, method: string, params: Record<string, unknown>): Promise<void>;
}

interface Delivery {
  config: WebhookConfig;
  workers: number;
  inflight: Set<number>;
  attempts: Map<number, { count: number; nextAt: number }>;
}

const DELIVERY_TIMEOUT_MS = 10_000;

function backoff(attempt: number): number {
  return Math.min(1000, 50 * 2 ** (attempt - 1));
}

/** Waits, or stops waiting when the signal aborts (never rejects). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}

export class Webhooks {
  private readonly deps: WebhookDeps;
  private readonly deliveries = new Map<number, Delivery>();
  private readonly running = new Set<Promise<void>>();

  constructor(deps: WebhookDeps) {
    this.deps = deps;
  }

  set(bot: BotRecord, config: WebhookConfig, dropPending: boolean): void {
    if (dropPending) bot.queue = [];
    bot.webhook = config;
    this.deliveries.set(bot.user.id, { config, workers: 0, inflight: new Set(), attempts: new Map() });
    this.kick(bot);
  }

  remove(bot: BotRecord, dropPending: boolean): void {
    if (dropPending) bot.queue = [];
    bot.webhook = undefined;
    this.deliveries.delete(bot.user.id);
  }

  info(bot: BotRecord): WebhookInfo {
    const w = bot.webhook;
    const pending = bot.queue.filter((u) => isAllowed(u, bot.allowedUpdates)).length;
    if (w === undefined) return { url: "", has_custom_certificate: false, pending_update_count: pending };
    return {
      url: w.url,
      has_custom_certificate: false,
      pending_update_count: pending,
      max_connections: w.maxConnections,
      ip_address: "127.0.0.1",
      ...(w.allowedUpdates !== undefined ? { allowed_updates: w.allowedUpdates as WebhookInfo["allowed_updates"] } : {}),
      ...(w.lastErrorDate !== undefined ? { last_error_date: w.lastErrorDate, last_error_message: w.lastErrorMessage ?? "" } : {}),
    };
  }

  /** Starts workers for queued updates, up to max_connections. */
  kick(bot: BotRecord): void {
    const d = this.deliveries.get(bot.user.id);
    if (d === undefined || bot.webhook !== d.config || this.deps.closing.aborted) return;
    bot.queue = bot.queue.filter((u) => isAllowed(u, bot.allowedUpdates));
    const waiting = bot.queue.filter((u) => !d.inflight.has(u.update_id)).length;
    const want = Math.min(d.config.maxConnections, waiting + d.inflight.size);
    while (d.workers < want) {
      d.workers++;
      const run = this.worker(bot, d)
        .catch((error: unknown) => this.deps.logger?.warn({ err: error }, "webhook worker failed"))
        .finally(() => {
          d.workers--;
          this.running.delete(run);
        });
      this.running.add(run);
    }
  }

  /** Waits for running deliveries to stop (after `closing` was aborted). */
  async closed(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private current(bot: BotRecord, d: Delivery): boolean {
    return !this.deps.closing.aborted && bot.webhook === d.config && this.deliveries.get(bot.user.id) === d;
  }

  private async worker(bot: BotRecord, d: Delivery): Promise<void> {
    while (this.current(bot, d)) {
      const update = bot.queue.find((u) => !d.inflight.has(u.update_id));
      if (update === undefined) return;
      if (!isAllowed(update, bot.allowedUpdates)) {
        bot.queue = bot.queue.filter((u) => u !== update);
        continue;
      }
      d.inflight.add(update.update_id);
      try {
        const attempt = d.attempts.get(update.update_id);
        const wait = attempt !== undefined ? attempt.nextAt - performance.now() : 0;
        if (wait > 0) await sleep(wait, this.deps.closing);
        if (!this.current(bot, d)) return;
        const error = await this.post(bot, d.config, update);
        if (error === undefined) {
          this.deps.store.stats.webhookDeliveries++;
          d.attempts.delete(update.update_id);
          bot.queue = bot.queue.filter((u) => u.update_id !== update.update_id);
        } else {
          if (this.deps.closing.aborted) return;
          this.deps.store.stats.webhookFailures++;
          const count = (attempt?.count ?? 0) + 1;
          d.attempts.set(update.update_id, { count, nextAt: performance.now() + backoff(count) });
          d.config.lastErrorDate = this.deps.store.nowSeconds();
          d.config.lastErrorMessage = error;
          this.deps.logger?.warn({ bot: bot.user.id, update_id: update.update_id, url: d.config.url, error }, "webhook delivery failed");
        }
      } finally {
        d.inflight.delete(update.update_id);
      }
    }
  }

  /** One delivery; returns an error message, or undefined on a 2xx. */
  private async post(bot: BotRecord, config: WebhookConfig, update: object): Promise<string | undefined> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (config.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = config.secretToken;
    let res: Response;
    let body: string;
    try {
      res = await fetch(config.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.deps.closing, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      body = await res.text();
    } catch (error) {
      return error instanceof Error ? `Connection failed: ${error.message}` : "Connection failed";
    }
    if (res.status < 200 || res.status > 299) return `Wrong response from the webhook: ${res.status} ${res.statusText}`;
    if ((res.headers.get("content-type") ?? "").includes("application/json") && body.trim() !== "") {
      try {
        const reply = JSON.parse(body) as Record<string, unknown>;
        if (typeof reply["method"] === "string") {
          const { method, ...params } = reply;
          await this.deps.executeReply(bot, method, params);
        }
      } catch (error) {
        this.deps.logger?.warn({ err: error }, "webhook reply could not be executed");
      }
    }
    return undefined;
  }
}
