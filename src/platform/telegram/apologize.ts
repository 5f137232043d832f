import type { Update } from "@grammyjs/types";
import type { Api } from "grammy";
import type { Kysely } from "kysely";
import { chosenLanguage } from "../auth/people.ts";
import type { PlatformTables } from "../db/schema.ts";
import { chooseLocale } from "../i18n/choose-locale.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import type { LiveSettings } from "../settings/live-settings.ts";

/** Tells the sender of an update that failed, in their language, that something went wrong; never throws. */
export function apologizer(deps: { apis: ReadonlyMap<string, Api>; db: Kysely<PlatformTables>; settings: LiveSettings; translator: Translator; logger: Logger }) {
  return async (botId: string, update: Update): Promise<void> => {
    const api = deps.apis.get(botId);
    const from = update.message?.from ?? update.callback_query?.from;
    const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
    if (api === undefined || from === undefined) return;
    const chosen = await chosenLanguage(deps.db, botId, from.id).catch(() => null);
    const text = deps.translator.translate(botId, chooseLocale(chosen, from.language_code, deps.settings.of(botId).languages), "error-apology");
    try {
      if (update.callback_query !== undefined) await api.answerCallbackQuery(update.callback_query.id, { text });
      else if (chatId !== undefined) await api.sendMessage(chatId, text);
    } catch (error) {
      deps.logger.warn({ err: error }, "could not apologise for a failed update");
    }
  };
}
