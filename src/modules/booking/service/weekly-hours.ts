import type { Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { instantToZoned, type Weekday } from "../../../platform/domain/zoned-time.ts";
import { checkWeeklyHours, workingHoursOn, type WorkingInterval } from "../domain/schedule.ts";
import { holidaysOf, schedulesOf, type Tables } from "../repo.ts";
import { refusedFor, scheduleProblems, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { upcomingBookingsOf } from "./manage-masters.ts";
import { masterRowOfBot, masterViews, type MasterView } from "../queries/salon-catalogue.ts";
import type { StaffBooking } from "../queries/staff-calendar.ts";

type Trx = Transaction<Tables>;

export interface WeeklyHoursInput {
  masterId: number;
  /**
   * The whole week, by ISO weekday (1 = Monday): minutes after local midnight, several intervals
   * a day leave breaks between them; a day left out is a day off.
   */
  weekly: Partial<Record<number, readonly WorkingInterval[]>>;
  now: Date;
}

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
 * Admins replace a master's working week in one go. The engine offers the new hours at once;
 * bookings already made are never moved by it, and the answer lists those that now fall outside.
 */
export const setWeeklyHours = defineUseCase(
  "booking.master.hours",
  async (trx: Trx, actor: Actor, input: WeeklyHoursInput): Promise<UseCaseOutcome<WeeklyHoursOutcome>> => {
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const check = checkWeeklyHours(input.weekly);
    if (!check.ok) return refusedFor(...scheduleProblems(check.problems));
    const [before] = await masterViews(trx, actor.botId, row.id);
    await trx.deleteFrom("booking_weekly_hours").where("master_id", "=", row.id).execute();
    const rows = Object.entries(input.weekly).flatMap(([weekday, intervals]) =>
      (intervals ?? []).map((interval) => ({ master_id: row.id, weekday: Number(weekday) as Weekday, start_min: interval.start, end_min: interval.end })),
    );
    if (rows.length > 0) await trx.insertInto("booking_weekly_hours").values(rows).execute();
    const [master] = await masterViews(trx, actor.botId, row.id);
    if (master === undefined) throw new Error(`master ${row.id} vanished inside its own transaction`);

    const schedule = (await schedulesOf(trx, [row.id])).get(row.id);
    const holidays = await holidaysOf(trx, actor.botId);
    const upcoming = await upcomingBookingsOf(trx, actor.botId, row.id, input.now);
    const outsideHours = schedule === undefined ? [] : upcoming.filter((booking) => !fitsHours(booking, (date) => workingHoursOn(schedule, holidays, date)));
    return { result: { ok: true, master, outsideHours }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
