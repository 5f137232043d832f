import type { Update, UserFromGetMe } from "@grammyjs/types";
import { BotError, type Bot } from "grammy";
import { buildModuleKernel, permissionsOf } from "../../src/platform/app/module-context.ts";
import type { CommandRuntime } from "../../src/platform/commands/command-runtime.ts";
import type { Database } from "../../src/platform/db/database.ts";
import { platformCatalogues } from "../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../src/platform/i18n/translator.ts";
import { createEventTick } from "../../src/platform/jobs/scheduled-events.ts";
import { createLogger } from "../../src/platform/log.ts";
import { createMetrics } from "../../src/platform/metrics.ts";
import type { BotyardModule, ModuleContext } from "../../src/platform/module.ts";
import { LiveSettings } from "../../src/platform/settings/live-settings.ts";
import type { BotyardContext } from "../../src/platform/telegram/context.ts";
import { createBot } from "../../src/platform/telegram/create-bot.ts";
import { chatKeyOf } from "../../src/platform/telegram/chat-key.ts";
import { UpdateJournal, updateScope } from "../../src/platform/telegram/update-journal.ts";

/** A Bot API call a handler made, with what it sent. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface HarnessPerson {
  id: number;
  first_name: string;
  language_code?: string;
  /** Roles of the person in the bot (`owner`, `admin`, a module's). */
  roles?: readonly string[];
}

export interface HarnessOptions {
  database: Database;
  modules: readonly BotyardModule[];
  /** The platform's features (broadcasts, texts, ...) too; off by default, a module's handlers rarely need them. */
  features?: readonly BotyardModule[];
  botId?: string;
  /** The modules the bot's settings enable by name (opt-in ones need it); absent: every module but the opt-in ones. */
  enabledModules?: readonly string[];
  languages?: readonly ("en" | "ru")[];
  timeZone?: string;
  people?: readonly HarnessPerson[];
  /** "Now" of commands and events; tests move `clock.at`. */
  clock?: { at: Date; now(): Date };
  /** What the fake Bot API answers a call with, where the default (a message, or true) will not do (getChatMember); undefined keeps the default. */
  answer?: (method: string, payload: Record<string, unknown>) => unknown;
}

/** One person talking to the bot in their private chat. */
export interface HarnessUser {
  readonly id: number;
  /** Sends a text (a leading /command gets its bot_command entity); resolves to the calls the handlers made. */
  send(text: string): Promise<ApiCall[]>;
  /** Presses an inline button with this callback data, on a message of the bot's. */
  press(data: string, messageId?: number): Promise<ApiCall[]>;
  /** Shares a contact (the reply keyboard's request_contact button). */
  shareContact(phoneNumber: string): Promise<ApiCall[]>;
}

export interface BotHarness {
  readonly botId: string;
  readonly bot: Bot<BotyardContext>;
  readonly context: ModuleContext;
  readonly runtime: CommandRuntime;
  readonly clock: { at: Date; now(): Date };
  /** Every call the handlers made so far, in order. */
  readonly calls: ApiCall[];
  user(person: HarnessPerson): HarnessUser;
  /** Handles one raw update as the dispatcher would; resolves to its calls. */
  handle(update: Omit<Update, "update_id">): Promise<ApiCall[]>;
  /** Runs every scheduled event due by the clock now. */
  runDueEvents(): Promise<number>;
  /** What commands queued for the outbox to send, oldest first. */
  outbox(): Promise<{ chat_id: number; method: string; payload: Record<string, unknown> }[]>;
}

const BOT_INFO: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: "Harness",
  username: "harness_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** What the fake Bot API answers: a message for what sends one, true for the rest. */
function answerTo(method: string, payload: Record<string, unknown>, messageId: number): unknown {
  if (/^send/.test(method) || method === "copyMessage") {
    const chat = { id: Number(payload.chat_id), type: "private" };
    return { message_id: messageId, date: 1_700_000_000, chat, ...(typeof payload.text === "string" ? { text: payload.text } : {}) };
  }
  return true;
}

/**
 * The bot of some modules over a real database, without the app, the emulator or polling, the
 * way grammY's own tests drive a bot: `botInfo` is given, and an API transformer records every
 * call and answers it. Each update runs under an update journal of its own inbox row, as the
 * dispatcher runs it, so `ctx.commit`, `ctx.run` and replies behave as in production.
 *
 * @example
 * const harness = await botHarness({ database, modules: [feedbackModule], people: [{ id: 501, first_name: "Ann" }] });
 * const calls = await harness.user({ id: 501, first_name: "Ann" }).send("/feedback");
 */
export async function botHarness(options: HarnessOptions): Promise<BotHarness> {
  const { database } = options;
  const db = database.db;
  const botId = options.botId ?? "main";
  const clock: { at: Date; now(): Date } = options.clock ?? { at: new Date("2026-12-01T10:00:00Z"), now: () => clock.at };
  const features = options.features ?? [];
  const installed = [...features, ...options.modules];
  await db
    .insertInto("bot")
    .values({ id: botId, telegram_id: BOT_INFO.id, username: BOT_INFO.username, settings: JSON.stringify({ timeZone: options.timeZone ?? "UTC", languages: options.languages ?? ["en", "ru"], modules: options.enabledModules ?? null }) })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
  for (const person of options.people ?? []) {
    await db.insertInto("person").values({ telegram_id: person.id, first_name: person.first_name, last_name: null, username: null, language_code: person.language_code ?? "en" }).onConflict((conflict) => conflict.column("telegram_id").doNothing()).execute();
    for (const role of person.roles ?? []) await db.insertInto("role").values({ bot_id: botId, telegram_id: person.id, role, granted_by: null }).execute();
  }
  const translator = new Translator([...platformCatalogues(), ...installed.flatMap((module) => module.catalogues ?? [])]);
  const settings = new LiveSettings(db, translator);
  await settings.refresh();
  const logger = createLogger({ level: "silent" });
  const kernel = buildModuleKernel({
    features,
    modules: options.modules,
    database,
    translator,
    logger,
    settings,
    permissions: permissionsOf(installed),
    publicUrl: () => "http://127.0.0.1:3000",
    clock,
    jobs: { send: () => Promise.resolve(null) },
    paymentProviderToken: undefined,
  });
  const bot = createBot({ botId, token: "7000001:harness", botInfo: BOT_INFO, apiRoot: undefined, modules: installed, context: kernel.context, metrics: createMetrics(), floodLimit: { count: 1000, windowMs: 1000 } });

  const calls: ApiCall[] = [];
  let messageIds = 1000;
  bot.api.config.use((_previous, method, payload) => {
    const sent = { method, payload: { ...(payload as Record<string, unknown>) } };
    calls.push(sent);
    return Promise.resolve({ ok: true as const, result: (options.answer?.(method, sent.payload) ?? answerTo(method, sent.payload, ++messageIds)) as never });
  });

  // A handler that keeps a secret out of the update's journal sends with an Api of its own (the
  // bot's client options, no transformers): its calls reach this fetch, recorded the same way.
  const bareFetch = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url instanceof Request ? url.url : url).split("/").at(-1) ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    calls.push({ method, payload });
    return Promise.resolve(new Response(JSON.stringify({ ok: true, result: answerTo(method, payload, ++messageIds) })));
  };
  Object.assign(bot.api.options ?? {}, { fetch: bareFetch });

  let updateIds = 0;
  const handle = async (update: Omit<Update, "update_id">): Promise<ApiCall[]> => {
    const updateId = ++updateIds;
    const full = { update_id: updateId, ...update };
    await db.insertInto("inbox").values({ bot_id: botId, update_id: updateId, chat_key: chatKeyOf(full), payload: JSON.stringify(full), status: "handling", attempts: 1, journal: "[]", received_at: new Date() }).execute();
    const first = calls.length;
    const journal = new UpdateJournal(database, botId, updateId, 1, []);
    await updateScope.run({ journal, signal: new AbortController().signal, deadlineAt: Date.now() + 10_000 }, () =>
      bot.handleUpdate(full).catch((error: unknown) => {
        throw error instanceof BotError ? error.error : error;
      }),
    );
    await db.updateTable("inbox").set({ status: "done", finished_at: new Date() }).where("bot_id", "=", botId).where("update_id", "=", updateId).execute();
    return calls.slice(first);
  };

  const tick = createEventTick({ database, clock, handlers: kernel.eventHandlers, logger });
  const date = () => Math.floor(clock.now().getTime() / 1000);
  return {
    botId,
    bot,
    context: kernel.context,
    runtime: kernel.runtime,
    clock,
    calls,
    handle,
    runDueEvents: () => tick.tick(),
    outbox: async () =>
      (await db.selectFrom("outbox").select(["chat_id", "method", "payload"]).where("bot_id", "=", botId).orderBy("id").execute()).map((row) => ({
        chat_id: row.chat_id,
        method: row.method,
        payload: row.payload,
      })),
    user(person) {
      const from = { id: person.id, is_bot: false, first_name: person.first_name, language_code: person.language_code ?? "en" };
      const chat = { id: person.id, type: "private" as const, first_name: person.first_name };
      let messages = 0;
      const message = (extra: Record<string, unknown>) => ({ message_id: ++messages, date: date(), chat, from, ...extra });
      return {
        id: person.id,
        send: (text) => {
          const command = /^\/\w+/.exec(text);
          return handle({ message: message({ text, ...(command === null ? {} : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }) }) });
        },
        press: (data, messageId = 1) =>
          handle({ callback_query: { id: `cq-${person.id}-${updateIds + 1}`, from, chat_instance: String(person.id), data, message: { message_id: messageId, date: date(), chat, from: { ...BOT_INFO }, text: "…" } } }),
        shareContact: (phoneNumber) => handle({ message: message({ contact: { phone_number: phoneNumber, first_name: person.first_name, user_id: person.id } }) }),
      };
    },
  };
}
