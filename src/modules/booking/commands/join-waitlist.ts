import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { addDays, instantToZoned, isPlainDate, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { botRules } from "../queries/rules.ts";
import { lockClient } from "../queries/clients.ts";
import { type BookingTables } from "../tables.ts";
import { waitlistWishIsFull } from "../queries/availability.ts";
import { waitlistOfClient } from "../queries/client-waitlist.ts";
import { clientForTelegram } from "../effects/clients.ts";
import { placeInLine } from "../queries/place-in-line.ts";

export interface JoinInput {
  serviceId: number;
  /** Null: any master who offers the service. */
  masterId: number | null;
  date: PlainDate;
  /** Minutes after local midnight of the one slot wished for; null: any time that day. */
  timeMin: number | null;
  name: string;
}

export type JoinOutcome =
  | { ok: true; entryId: number; already: boolean; place: number }
  | { ok: false; reason: "not-offered" | "date-invalid" | "in-the-past" | "beyond-horizon" | "not-full" | "too-many" };

/**
 * How many live entries (waiting or holding an offer, today or later) one client may have. Each
 * entry can take a freed slot before anyone else sees it, so a client queueing on every day would
 * hold the salon's cancellations for themselves; three still lets someone wait for a few days.
 */
export const MAX_LIVE_WAITLIST_ENTRIES = 3;

/**
 * A client queues for a full day or one slot of a service (with one master or any). Asking for
 * the same wish twice keeps the first place in line. The button's data can be forged, so the day
 * (or the slot) must be full now, and a client may hold {@link MAX_LIVE_WAITLIST_ENTRIES}. The
 * outcome tells their place in line (1 is first).
 */
export const joinWaitlist = defineCommand("booking.waitlist.join", async (scope: CommandScope<BookingTables>, input: JoinInput): Promise<UseCaseOutcome<JoinOutcome>> => {
  const { trx, actor, now } = scope;
  if (actor.personId === null) throw new Error("a client queues for themselves: the actor must be a person");
  if (!isPlainDate(input.date) || (input.timeMin !== null && !(Number.isInteger(input.timeMin) && input.timeMin >= 0 && input.timeMin < 1440))) {
    return { result: { ok: false, reason: "date-invalid" }, audit: null };
  }
  const bot = await botRules(trx, actor.botId);
  const offerings = await trx
    .selectFrom("booking_master_service")
    .innerJoin("booking_master", "booking_master.id", "booking_master_service.master_id")
    .innerJoin("booking_service", "booking_service.id", "booking_master_service.service_id")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select(["booking_master.id", "booking_location.time_zone"])
    .where("booking_service.id", "=", input.serviceId)
    .where("booking_service.bot_id", "=", actor.botId)
    .where("booking_service.active", "=", true)
    .where("booking_service.capacity", "=", 1)
    .where("booking_master.active", "=", true)
    .execute();
  const offering = offerings.find((row) => input.masterId === null || row.id === input.masterId);
  if (offering === undefined) return { result: { ok: false, reason: "not-offered" }, audit: null };
  const today = instantToZoned(now, offering.time_zone).date;
  if (input.date < today) return { result: { ok: false, reason: "in-the-past" }, audit: null };
  if (input.date > addDays(today, bot.rules.horizonDays)) return { result: { ok: false, reason: "beyond-horizon" }, audit: null };
  const wish = { botId: actor.botId, serviceId: input.serviceId, ...(input.masterId === null ? {} : { masterId: input.masterId }), now: now, date: input.date, timeMin: input.timeMin };
  if (!(await waitlistWishIsFull(trx, wish))) return { result: { ok: false, reason: "not-full" }, audit: null };

  const client = await clientForTelegram(trx, actor.botId, { telegramId: actor.personId, name: input.name.trim() || String(actor.personId) });
  // One join of a client at a time, so two quick presses can neither both pass the cap nor queue the same wish twice.
  await lockClient(trx, client.id);
  const same = await trx
    .selectFrom("booking_waitlist")
    .select("id")
    .where("client_id", "=", client.id)
    .where("service_id", "=", input.serviceId)
    .where("date", "=", input.date)
    .where("status", "in", ["waiting", "offered"])
    .where((eb) => (input.masterId === null ? eb("master_id", "is", null) : eb("master_id", "=", input.masterId)))
    .where((eb) => (input.timeMin === null ? eb("time_min", "is", null) : eb("time_min", "=", input.timeMin)))
    .executeTakeFirst();
  if (same !== undefined) return { result: { ok: true, entryId: same.id, already: true, place: await placeInLine(trx, actor.botId, same.id) }, audit: null };
  const live = await waitlistOfClient(trx, actor.botId, actor.personId, now);
  if (live.length >= MAX_LIVE_WAITLIST_ENTRIES) return { result: { ok: false, reason: "too-many" }, audit: null };
  const { id } = await trx
    .insertInto("booking_waitlist")
    .values({
      bot_id: actor.botId,
      client_id: client.id,
      service_id: input.serviceId,
      master_id: input.masterId,
      date: input.date,
      time_min: input.timeMin,
      status: "waiting",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    result: { ok: true, entryId: id, already: false, place: await placeInLine(trx, actor.botId, id) },
    audit: { objectType: "booking_waitlist", objectId: id, after: { serviceId: input.serviceId, masterId: input.masterId, date: input.date, timeMin: input.timeMin } },
  };
});
