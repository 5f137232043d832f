import type { Transaction } from "kysely";
import { holdersOfRoles, tellOne } from "../commands/tell-holders.ts";
import type { PlatformTables } from "../db/schema.ts";
import { escapeHtml } from "../domain/html.ts";
import type { Translator } from "../i18n/translator.ts";
import { currentSettings } from "../settings/live-settings.ts";
import type { ProblemKind } from "./problem.ts";

/** An incident as its notices tell it. */
export interface IncidentToTell {
  id: number;
  kind: ProblemKind;
  /** Whose owners are told; null for the whole deployment. */
  botId: string | null;
  /** The dead letters' queue. */
  queue?: string;
  detail: string;
}

/**
 * Queues, in the caller's transaction, the incident's notice (`opened`) or its all-clear
 * (`recovered`) to the owners of its bot, or for the deployment to every bot's owners, each
 * person once (through the first of `botIds` they own), in their language. Keyed by the
 * incident and the person, so a repeat queues nothing twice. Returns how many were told.
 */
export async function tellOwners(
  trx: Transaction<PlatformTables>,
  deps: { translator: Translator; botIds: readonly string[] },
  incident: IncidentToTell,
  moment: "opened" | "recovered",
): Promise<number> {
  const botIds = incident.botId === null ? deps.botIds : deps.botIds.filter((botId) => botId === incident.botId);
  if (botIds.length === 0) return 0;
  const bots = await trx.selectFrom("bot").select(["id", "username", "settings"]).where("id", "in", [...botIds]).execute();
  const told = new Set<number>();
  for (const botId of botIds) {
    const bot = bots.find((row) => row.id === botId);
    if (bot === undefined) continue;
    const languages = currentSettings(bot.settings).languages;
    const owners = await holdersOfRoles(trx, { languagesOf: () => languages }, botId, ["owner"]);
    const args = { bot: escapeHtml(bot.username === null ? botId : `@${bot.username}`), queue: escapeHtml(incident.queue ?? ""), detail: escapeHtml(incident.detail) };
    for (const owner of owners) {
      if (told.has(owner.telegramId)) continue;
      told.add(owner.telegramId);
      const notice = { dedupeKey: `health:${incident.id}:${moment}`, render: (_locale: unknown, t: (key: string, args?: Record<string, string>) => string) => ({ text: t(`health-${moment}-${incident.kind}`, args) }) };
      await tellOne(trx, deps, botId, owner, notice, `${notice.dedupeKey}:to:${owner.telegramId}`);
    }
  }
  return told.size;
}
