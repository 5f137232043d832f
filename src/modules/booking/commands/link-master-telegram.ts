import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { masterView, telegramProblems } from "../queries/master-checks.ts";
import { masterRowOfBot } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";
import type { MasterOutcome } from "./create-master.ts";

/**
 * Admins link a master to their Telegram account (they then get notices of their bookings and
 * their day and week in the bot, once they hold the master role) or unlink it with `null`.
 */
export const linkMasterTelegram = defineCommand(
  "booking.master.link",
  async (scope: CommandScope<BookingTables>, input: { masterId: number; telegramId: number | null }): Promise<UseCaseOutcome<MasterOutcome>> => {
    const { trx, actor } = scope;
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const problems = await telegramProblems(trx, actor.botId, input.telegramId, row.id);
    if (problems.length > 0) return refusedFor(...problems);
    const before = await masterView(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ telegram_id: input.telegramId }).where("id", "=", row.id).execute();
    const master = await masterView(trx, actor.botId, row.id);
    return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
