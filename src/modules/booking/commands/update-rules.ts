import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { MAX_HOLD_MIN } from "../domain/catalogue.ts";
import { checkReminderOffsets, checkRules, type BookingRules } from "../domain/rules.ts";
import type { BookingTables } from "../tables.ts";
import { refusedFor, rulesProblems, type CatalogueProblem, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { rulesView, type RulesView } from "../queries/salon-catalogue.ts";

/** Any of the bot's rules; those left out stay as they are. */
export type RulesChanges = Partial<BookingRules> & { reminderOffsetsMin?: readonly number[]; holdMin?: number };

export type RulesOutcome = { ok: true; rules: RulesView } | CatalogueRefusal;

/**
 * Admins change the bot's booking rules: notice, horizon, cancel and reschedule windows, moves per
 * booking, bookings per client, reminder offsets and how long an unpaid prepayment holds its slot.
 * The engine applies them from the next question on (a service's own overrides still win). New
 * reminder offsets apply to bookings made or moved from now on.
 */
export const updateRules = defineCommand("booking.rules.update", async (scope: CommandScope<BookingTables>, input: RulesChanges): Promise<UseCaseOutcome<RulesOutcome>> => {
  const { trx, actor } = scope;
  const before = await rulesView(trx, actor.botId);
  const after: RulesView = {
    ...before,
    ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
    reminderOffsetsMin: [...(input.reminderOffsetsMin ?? before.reminderOffsetsMin)].sort((a, b) => b - a),
  };
  const problems: CatalogueProblem[] = [];
  const rules = checkRules(after);
  if (!rules.ok) problems.push(...rulesProblems(rules.problems));
  if (!checkReminderOffsets(after.reminderOffsetsMin).ok) problems.push({ problem: "reminders-invalid" });
  if (!(Number.isInteger(after.holdMin) && after.holdMin >= 1 && after.holdMin <= MAX_HOLD_MIN)) problems.push({ problem: "hold-invalid" });
  if (problems.length > 0) return refusedFor(...problems);
  const columns = {
    min_notice_min: after.minNoticeMin,
    horizon_days: after.horizonDays,
    cancel_window_min: after.cancelWindowMin,
    reschedule_window_min: after.rescheduleWindowMin,
    max_reschedules: after.maxReschedules,
    max_active_per_client: after.maxActivePerClient,
    reminder_offsets_min: after.reminderOffsetsMin,
    hold_min: after.holdMin,
    updated_at: scope.now,
  };
  await trx
    .insertInto("booking_rules")
    .values({ bot_id: actor.botId, ...columns })
    .onConflict((conflict) => conflict.column("bot_id").doUpdateSet(columns))
    .execute();
  const saved = await rulesView(trx, actor.botId);
  return { result: { ok: true, rules: saved }, audit: { objectType: "booking_rules", objectId: actor.botId, before, after: saved } };
});
