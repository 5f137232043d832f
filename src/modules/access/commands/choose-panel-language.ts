import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { PANEL_LOCALES } from "../../../platform/i18n/panel-catalogues.ts";
import type { AccessTables } from "../tables.ts";

export type PanelLanguageResult = { ok: true; language: string } | Refusal<"unknown-language" | "unmet">;

/**
 * Remembers the language the actor wants the panel in (one of the panel's languages). An owner
 * configured by id who never wrote to the bot is not yet a member, so there is nowhere to keep it.
 */
export const choosePanelLanguage = defineCommand("access.panel-language.choose", async (scope: CommandScope<AccessTables>, input: { language: string }) => {
  const { actor, trx } = scope;
  const personId = actor.personId;
  if (personId === null) return { result: refusal("unmet") as PanelLanguageResult, audit: null };
  if (!PANEL_LOCALES.includes(input.language)) return { result: refusal("unknown-language") as PanelLanguageResult, audit: null };
  const before = await trx
    .selectFrom("bot_member")
    .select("panel_language")
    .where("bot_id", "=", actor.botId)
    .where("telegram_id", "=", personId)
    .executeTakeFirst();
  if (before === undefined) return { result: refusal("unmet") as PanelLanguageResult, audit: null };
  await trx.updateTable("bot_member").set({ panel_language: input.language }).where("bot_id", "=", actor.botId).where("telegram_id", "=", personId).execute();
  return {
    result: { ok: true, language: input.language } as PanelLanguageResult,
    audit: { objectType: "bot_member", objectId: personId, before: { panelLanguage: before.panel_language }, after: { panelLanguage: input.language } },
  };
});
