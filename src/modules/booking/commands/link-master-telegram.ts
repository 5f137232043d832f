import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { rolesOf } from "../../../platform/auth/roles.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { masterView, telegramProblems } from "../queries/master-checks.ts";
import { masterRowOfBot } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";
import type { MasterView } from "../queries/salon-catalogue.ts";

/**
 * Admins link a master to their Telegram account (they then get notices of their bookings and
 * their day and week in the bot, once they hold the master role) or unlink it with `null`. A
 * person who holds the role already is told their schedule is theirs now; `holdsMasterRole`
 * says whether the panel should offer the role.
 */
export const linkMasterTelegram = defineCommand(
  "booking.master.link",
  async (scope: CommandScope<BookingTables>, input: { masterId: number; telegramId: number | null }): Promise<UseCaseOutcome<{ ok: true; master: MasterView; holdsMasterRole: boolean } | CatalogueRefusal>> => {
    const { trx, actor } = scope;
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const problems = await telegramProblems(trx, actor.botId, input.telegramId, row.id);
    if (problems.length > 0) return refusedFor(...problems);
    const before = await masterView(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ telegram_id: input.telegramId }).where("id", "=", row.id).execute();
    const master = await masterView(trx, actor.botId, row.id);
    const holdsMasterRole = input.telegramId !== null && (await rolesOf(trx, actor.botId, input.telegramId)).includes("master");
    if (holdsMasterRole && input.telegramId !== null && input.telegramId !== row.telegram_id) {
      await scope.tell(input.telegramId, {
        dedupeKey: `booking:master-linked:${row.id}:${input.telegramId}:${scope.now.getTime()}`,
        render: (_locale, t) => ({ text: t("booking-master-role-linked", { master: master.name }) }),
      });
    }
    return { result: { ok: true, master, holdsMasterRole }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
