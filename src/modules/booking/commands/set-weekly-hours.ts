import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { instantToZoned, type Weekday } from "../../../platform/domain/zoned-time.ts";
import { refusedFor, scheduleProblems, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { checkWeeklyHours, workingHoursOn, type WorkingInterval } from "../domain/schedule.ts";
import { masterView } from "../queries/master-checks.ts";
import type { MasterView } from "../queries/salon-catalogue.ts";
import type { StaffBooking } from "../queries/staff-calendar.ts";
import { upcomingBookingsOf } from "../queries/upcoming-bookings.ts";
import { holidaysOf, schedulesOf } from "../queries/offerings.ts";
import { type BookingTables } from "../tables.ts";

/** A master's working week by ISO weekday (1 = Monday): minutes after local midnight, several intervals a day leave breaks between them; a day left out is a day off. */
export type WeeklyIntervals = Partial<Record<number, readonly WorkingInterval[]>>;

/**
 * The whole week in one go (the panel), or one weekday's intervals on top of the week as it
 * stands (the bot, where a day is typed at a time; none: a day off).
 */
export type WeeklyHoursInput = { masterId: number; weekly: WeeklyIntervals } | { masterId: number; weekday: number; intervals: readonly WorkingInterval[] };

/**
 * `outsideHours`: the master's bookings still to come that no longer fit their hours; they stand
 * until the admin moves or cancels them.
 */
export type WeeklyHoursOutcome = { ok: true; master: MasterView; outsideHours: StaffBooking[] } | CatalogueRefusal;

const MINUTE_MS = 60_000;

/** True when the visit lies inside one of the intervals of its day, on the location's clock. */
function fitsHours(booking: StaffBooking, intervalsOn: (date: string) => readonly WorkingInterval[]): boolean {
  const start = instantToZoned(new Date(booking.startsAt), booking.timeZone);
  const lengthMin = (new Date(booking.endsAt).getTime() - new Date(booking.startsAt).getTime()) / MINUTE_MS;
  return intervalsOn(start.date).some((interval) => interval.start <= start.minutes && start.minutes + lengthMin <= interval.end);
}

/**
 * Admins replace a master's working week, or one day of it. The master is locked before the week
 * is read, so two admins changing different weekdays at once both count. The engine offers the
 * new hours at once; bookings already made are never moved by it, and the answer lists those
 * that now fall outside.
 */
export const setWeeklyHours = defineCommand("booking.master.hours", async (scope: CommandScope<BookingTables>, input: WeeklyHoursInput): Promise<UseCaseOutcome<WeeklyHoursOutcome>> => {
  const { trx, actor } = scope;
  const row = await trx.selectFrom("booking_master").select("id").where("bot_id", "=", actor.botId).where("id", "=", input.masterId).forUpdate().executeTakeFirst();
  if (row === undefined) return refusedFor("master-unknown");
  const before = await masterView(trx, actor.botId, row.id);
  const weekly: WeeklyIntervals = "weekly" in input ? input.weekly : { ...before.weekly, [input.weekday]: input.intervals };
  if (!("weekly" in input) && input.intervals.length === 0) delete weekly[input.weekday];
  const check = checkWeeklyHours(weekly);
  if (!check.ok) return refusedFor(...scheduleProblems(check.problems));
  await trx.deleteFrom("booking_weekly_hours").where("master_id", "=", row.id).execute();
  const rows = Object.entries(weekly).flatMap(([weekday, intervals]) =>
    (intervals ?? []).map((interval) => ({ master_id: row.id, weekday: Number(weekday) as Weekday, start_min: interval.start, end_min: interval.end })),
  );
  if (rows.length > 0) await trx.insertInto("booking_weekly_hours").values(rows).execute();
  const master = await masterView(trx, actor.botId, row.id);

  const schedule = (await schedulesOf(trx, [row.id])).get(row.id);
  const holidays = await holidaysOf(trx, actor.botId);
  const upcoming = await upcomingBookingsOf(trx, actor.botId, row.id, scope.now);
  const outsideHours = schedule === undefined ? [] : upcoming.filter((booking) => !fitsHours(booking, (date) => workingHoursOn(schedule, holidays, date)));
  return { result: { ok: true, master, outsideHours }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
});
