import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { isPlainDate, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { Tables } from "../repo.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

type Trx = Transaction<Tables>;

/** The longest note staff may keep with a day off, a holiday or a block. */
export const MAX_REASON_LENGTH = 200;

/** Days `from` to `to` (both included, the location's calendar) that can be stored. */
export function daysAreValid(from: PlainDate, to: PlainDate): boolean {
  return isPlainDate(from) && isPlainDate(to) && from <= to;
}

/** The bot's master, locked so two time-off changes of one master queue up; undefined when it is not this bot's. */
export async function lockMaster(trx: Trx, botId: string, masterId: number) {
  return trx.selectFrom("booking_master").select(["id", "display_name"]).where("bot_id", "=", botId).where("id", "=", masterId).forUpdate().executeTakeFirst();
}

export interface AddDaysOffInput extends TimeOffInput {
  masterId: number;
  from: PlainDate;
  to: PlainDate;
  reason?: string | null;
}

/**
 * Gives a master days off or a vacation, both days included. While it hits live bookings it is
 * refused with the list; with a move or a cancel for each, they happen first, in the same
 * transaction (see `clearTheWay`).
 */
export const addDaysOff = defineUseCase("booking.days-off.add", async (trx: Trx, actor: Actor, input: AddDaysOffInput): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  if (!daysAreValid(input.from, input.to)) return timeOffRefused("days-invalid");
  if ((input.reason ?? "").length > MAX_REASON_LENGTH) return timeOffRefused("reason-too-long");
  if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
  const timeOff = { kind: "days-off" as const, masterId: String(input.masterId), days: { from: input.from, to: input.to } };
  const outcome = await clearTheWay(trx, actor, { ...input, timeOff }, () =>
    trx
      .insertInto("booking_day_off")
      .values({ master_id: input.masterId, from_date: input.from, to_date: input.to, reason: input.reason ?? null })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return audited(outcome, ({ id }) => ({ objectType: "booking_day_off", objectId: id, after: { masterId: input.masterId, from: input.from, to: input.to, reason: input.reason ?? null } }));
});

/** Takes a day off or vacation back (the row stays, marked removed): the master works those days again. */
export const removeDaysOff = defineUseCase(
  "booking.days-off.remove",
  async (trx: Trx, actor: Actor, input: { id: number; now: Date }): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
    const row = await trx
      .updateTable("booking_day_off")
      .set({ removed_at: input.now })
      .where("id", "=", input.id)
      .where("removed_at", "is", null)
      .where("master_id", "in", (eb) => eb.selectFrom("booking_master").select("id").where("bot_id", "=", actor.botId))
      .returning(["id", "master_id", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to"), "reason"])
      .executeTakeFirst();
    if (row === undefined) return timeOffRefused("not-found");
    return {
      result: { ok: true, value: { id: row.id }, moved: 0, cancelled: 0 },
      audit: { objectType: "booking_day_off", objectId: row.id, before: { masterId: row.master_id, from: row.from, to: row.to, reason: row.reason } },
    };
  },
);
