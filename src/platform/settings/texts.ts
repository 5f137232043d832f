import type { Kysely, Transaction } from "kysely";
import { defineUseCase } from "../audit/use-case.ts";
import type { PlatformTables } from "../db/schema.ts";
import { isLocale, type Locale, type Translator } from "../i18n/translator.ts";
import { bumpSettingsVersion } from "./live-settings.ts";
import { checkText, type TextProblem } from "./text-check.ts";

/** A text of the catalogue as the panel shows it: the shipped default and the bot's override. */
export interface TextEntry {
  key: string;
  /** The catalogue's Fluent source of the message's value. */
  default: string;
  /** The bot's own version, or null when it uses the default. */
  override: string | null;
  updatedAt: string | null;
}

/** Why a text was not saved. */
export type TextRefusal = TextProblem | { kind: "unknown-locale" } | { kind: "unknown-key" };

export interface OverrideTextInput {
  locale: string;
  key: string;
  text: string;
  /** The catalogue's source of the key in that locale (`Translator.source`); undefined when there is no such key. */
  defaultText: string | undefined;
}

export type OverrideTextResult =
  | { saved: true; text: string; /** Variables the default uses that the new text leaves out. */ unused: string[] }
  | { saved: false; refusal: TextRefusal };

/**
 * Replaces one catalogue text for the actor's bot. The text must be a Fluent message value
 * using only what the default is given (see checkText); every replica uses it from its next
 * update, as the bot's settings version moves.
 */
export const overrideText = defineUseCase("texts.override", async (trx: Transaction<PlatformTables>, actor, input: OverrideTextInput) => {
  const refused = (refusal: TextRefusal) => ({ result: { saved: false, refusal } as OverrideTextResult, audit: null });
  if (!isLocale(input.locale)) return refused({ kind: "unknown-locale" });
  if (input.defaultText === undefined) return refused({ kind: "unknown-key" });
  const check = checkText(input.text, input.defaultText);
  if (!check.ok) return refused(check.problem);

  const before = await currentOverride(trx, actor.botId, input.locale, input.key);
  await trx
    .insertInto("text_override")
    .values({ bot_id: actor.botId, locale: input.locale, key: input.key, text: check.text, updated_by: actor.personId })
    .onConflict((conflict) => conflict.columns(["bot_id", "locale", "key"]).doUpdateSet({ text: check.text, updated_by: actor.personId, updated_at: new Date() }))
    .execute();
  await bumpSettingsVersion(trx, actor.botId);
  return {
    result: { saved: true, text: check.text, unused: check.unused } as OverrideTextResult,
    audit: { objectType: "text", objectId: `${input.locale}:${input.key}`, before: { text: before ?? null }, after: { text: check.text } },
  };
});

/** Goes back to the catalogue's text for one key of the actor's bot; true when there was an override. */
export const resetText = defineUseCase("texts.reset", async (trx: Transaction<PlatformTables>, actor, input: { locale: string; key: string }) => {
  const removed = await trx
    .deleteFrom("text_override")
    .where("bot_id", "=", actor.botId)
    .where("locale", "=", input.locale)
    .where("key", "=", input.key)
    .returning("text")
    .executeTakeFirst();
  if (removed === undefined) return { result: false, audit: null };
  await bumpSettingsVersion(trx, actor.botId);
  return { result: true, audit: { objectType: "text", objectId: `${input.locale}:${input.key}`, before: { text: removed.text }, after: { text: null } } };
});

async function currentOverride(db: Kysely<PlatformTables>, botId: string, locale: Locale, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("text_override").select("text").where("bot_id", "=", botId).where("locale", "=", locale).where("key", "=", key).executeTakeFirst();
  return row?.text;
}

/**
 * Every text of a locale with its default and the bot's override, in catalogue order (so a
 * module's texts stay together). `search` keeps those
 * whose key, default or override contains it, ignoring case.
 */
export async function textsOf(db: Kysely<PlatformTables>, translator: Translator, botId: string, locale: Locale, search = ""): Promise<TextEntry[]> {
  const overrides = await db.selectFrom("text_override").select(["key", "text", "updated_at"]).where("bot_id", "=", botId).where("locale", "=", locale).execute();
  const byKey = new Map(overrides.map((row) => [row.key, row]));
  const needle = search.trim().toLowerCase();
  return translator
    .keys(locale)
    .flatMap((key) => {
      const source = translator.source(locale, key);
      if (source === undefined) return [];
      const override = byKey.get(key);
      return [{ key, default: source, override: override?.text ?? null, updatedAt: override === undefined ? null : new Date(override.updated_at).toISOString() }];
    })
    .filter((entry) => needle === "" || [entry.key, entry.default, entry.override ?? ""].some((field) => field.toLowerCase().includes(needle)));
}
