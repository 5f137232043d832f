import { setTimeout as sleep } from "node:timers/promises";
import type { UserFromGetMe } from "@grammyjs/types";
import { Api, GrammyError } from "grammy";
import type { Kysely } from "kysely";
import type { BotConfig } from "../../config.ts";
import { syncConfiguredOwners } from "../auth/roles.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Logger } from "../log.ts";

/** A configured bot as Telegram knows it. */
export interface RegisteredBot {
  config: BotConfig;
  api: Api;
  botInfo: UserFromGetMe;
}

async function getMeWithRetry(api: Api, logger: Logger, signal: AbortSignal): Promise<UserFromGetMe> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The signal (the app stopping) ends a call in flight as well as the wait between calls.
      return await api.getMe(signal as Parameters<Api["getMe"]>[0]);
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401) throw new Error("Telegram rejected the bot token (401)", { cause: error });
      if (signal.aborted) throw error;
      logger.warn({ err: error, attempt }, "getMe failed; retrying");
      await sleep(Math.min(30_000, 500 * 2 ** attempt), undefined, { signal });
    }
  }
}

/**
 * Records a bot's tenant row (its Telegram identity and, until an admin edits them in the panel,
 * the config file's settings) and its configured owners.
 */
export async function recordBot(db: Kysely<PlatformTables>, config: BotConfig, botInfo: UserFromGetMe, owners: readonly number[]): Promise<void> {
  const settings = JSON.stringify({ timeZone: config.timeZone, languages: config.languages, modules: config.modules ?? null });
  await db
    .insertInto("bot")
    .values({ id: config.id, telegram_id: botInfo.id, username: botInfo.username, settings })
    .onConflict((conflict) => conflict.column("id").doUpdateSet({ telegram_id: botInfo.id, username: botInfo.username }))
    .execute();
  await db.updateTable("bot").set({ settings }).where("id", "=", config.id).where("settings_edited_at", "is", null).execute();
  await syncConfiguredOwners(db, config.id, owners);
}

/** Asks Telegram (or the emulator) who each configured bot is, retrying until it answers, and records them. */
export async function registerBots(deps: {
  bots: readonly BotConfig[];
  apiRoot: string | undefined;
  db: Kysely<PlatformTables>;
  /** Owners added to every bot's configured ones (the sandbox's simulated owner). */
  extraOwners: readonly number[];
  logger: Logger;
  signal: AbortSignal;
}): Promise<RegisteredBot[]> {
  const registered: RegisteredBot[] = [];
  for (const config of deps.bots) {
    const api = new Api(config.token, deps.apiRoot === undefined ? {} : { apiRoot: deps.apiRoot });
    const botInfo = await getMeWithRetry(api, deps.logger, deps.signal);
    await recordBot(deps.db, config, botInfo, [...config.owners, ...deps.extraOwners]);
    registered.push({ config, api, botInfo });
  }
  return registered;
}
