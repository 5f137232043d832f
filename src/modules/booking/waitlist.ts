import { sql, type Transaction } from "kysely";
import { withSavepoint } from "../../platform/db/savepoint.ts";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../platform/audit/use-case.ts";
import { addDays, instantToZoned, isPlainDate, type PlainDate } from "../../platform/domain/zoned-time.ts";
import { cancelEvent, scheduleEvent } from "../../platform/jobs/scheduled-events.ts";
import type { EventHandler } from "../../platform/module.ts";
import { clientView, queueMessage, type Messenger } from "./client-notice.ts";
import { decideBooking } from "./domain/decide-booking.ts";
import { blockedBy } from "./domain/occupancy.ts";
import { waitlistMatches } from "./domain/waitlist.ts";
import { botRules, insertOccupancy, lockClient, occupanciesOf, upcomingBookingCount, type Tables } from "./repo.ts";
import { waitlistWishIsFull } from "./service/availability.ts";
import { bookForClient } from "./service/book.ts";
import { waitlistOfClient } from "./service/client-waitlist.ts";
import { clientForTelegram } from "./service/clients.ts";
import { aroundVisit, loadOffer, requestOf } from "./service/offer.ts";
import type { BookingOutcome } from "./service/outcome.ts";
import { underSavepoint } from "./service/places.ts";

type Trx = Transaction<Tables>;

const MINUTE_MS = 60_000;

/** Scheduled event kinds: a slot was freed (offer it), and an offer ran out (offer it to the next). */
export const SLOT_FREED_EVENT = "booking.slot-freed";
export const OFFER_EXPIRY_EVENT = "booking.waitlist-offer-expiry";

/** Callback data of an offer's buttons: `bkw:take:<entry id>`, `bkw:skip:<entry id>`. */
export const OFFER_TAKE = "bkw:take:";
export const OFFER_SKIP = "bkw:skip:";

const offerKey = (entryId: number) => `booking-waitlist:${entryId}:offer`;

/**
 * Tells the waitlist that a master's slot starting at `start` is free again, in the caller's
 * transaction: the next tick offers it to the first in line (with the messenger's texts).
 * `freedBy` names what freed it, so a retry schedules nothing twice.
 */
export async function slotFreed(trx: Trx, freed: { botId: string; masterId: number; start: Date; now: Date; freedBy: string }): Promise<void> {
  await scheduleEvent(trx, {
    botId: freed.botId,
    kind: SLOT_FREED_EVENT,
    dedupeKey: `${freed.freedBy}:freed`,
    payload: { masterId: freed.masterId, start: freed.start.toISOString() },
    dueAt: freed.now,
  });
}

export interface JoinInput {
  serviceId: number;
  /** Null: any master who offers the service. */
  masterId: number | null;
  date: PlainDate;
  /** Minutes after local midnight of the one slot wished for; null: any time that day. */
  timeMin: number | null;
  name: string;
  now: Date;
}

export type JoinOutcome =
  | { ok: true; entryId: number; already: boolean }
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
 * (or the slot) must be full now, and a client may hold {@link MAX_LIVE_WAITLIST_ENTRIES}.
 */
export const joinWaitlist = defineUseCase("booking.waitlist.join", async (trx: Trx, actor: Actor, input: JoinInput): Promise<UseCaseOutcome<JoinOutcome>> => {
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
  const today = instantToZoned(input.now, offering.time_zone).date;
  if (input.date < today) return { result: { ok: false, reason: "in-the-past" }, audit: null };
  if (input.date > addDays(today, bot.rules.horizonDays)) return { result: { ok: false, reason: "beyond-horizon" }, audit: null };
  const wish = { botId: actor.botId, serviceId: input.serviceId, ...(input.masterId === null ? {} : { masterId: input.masterId }), now: input.now, date: input.date, timeMin: input.timeMin };
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
  if (same !== undefined) return { result: { ok: true, entryId: same.id, already: true }, audit: null };
  const live = await waitlistOfClient(trx, actor.botId, actor.personId, input.now);
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
      created_at: input.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    result: { ok: true, entryId: id, already: false },
    audit: { objectType: "booking_waitlist", objectId: id, after: { serviceId: input.serviceId, masterId: input.masterId, date: input.date, timeMin: input.timeMin } },
  };
});

/**
 * Offers a master's freed slot to the first in line whose wish it meets (day, time, master,
 * service) and whom the rule engine lets book it: an `offer` occupancy holds it for the bot's
 * hold minutes, so nobody else can book it meanwhile, and the client gets "Book it" / "No
 * thanks". Returns the entry offered to, if any. Part of the caller's use case.
 */
export async function offerFreedSlot(trx: Trx, actor: Actor, freed: { messenger: Messenger; masterId: number; start: Date; now: Date }): Promise<number | undefined> {
  const master = await trx
    .selectFrom("booking_master")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select(["booking_master.location_id", "booking_location.time_zone"])
    .where("booking_master.id", "=", freed.masterId)
    .where("booking_master.bot_id", "=", actor.botId)
    .executeTakeFirst();
  if (master === undefined || freed.start.getTime() <= freed.now.getTime()) return undefined;
  const local = instantToZoned(freed.start, master.time_zone);
  const waiting = await trx
    .selectFrom("booking_waitlist")
    .select(["id", "client_id", "service_id", "master_id", sql<string>`date::text`.as("date"), "time_min"])
    .where("bot_id", "=", actor.botId)
    .where("status", "=", "waiting")
    .where("date", "=", local.date)
    .orderBy("id")
    .forUpdate()
    .execute();
  const { holdMin } = await botRules(trx, actor.botId);
  for (const entry of waiting) {
    if (!waitlistMatches({ date: entry.date, timeMin: entry.time_min, masterId: entry.master_id }, { date: local.date, minutes: local.minutes, masterId: freed.masterId })) continue;
    const offer = await loadOffer(trx, actor.botId, freed.masterId, entry.service_id);
    if (offer === undefined || offer.service.capacity > 1) continue;
    const client = await trx.selectFrom("booking_client").select("telegram_id").where("id", "=", entry.client_id).executeTakeFirst();
    if (client?.telegram_id == null) continue;
    const occupancies = await occupanciesOf(trx, [freed.masterId], aroundVisit(freed.start));
    const intent = { kind: "new" as const, clientActiveBookings: await upcomingBookingCount(trx, entry.client_id, freed.now) };
    if (!decideBooking(requestOf(offer, occupancies, freed.now, intent, freed.start)).ok) continue;
    const expiresAt = new Date(freed.now.getTime() + holdMin * MINUTE_MS);
    const held = await underSavepoint(trx, () =>
      insertOccupancy(trx, {
        botId: actor.botId,
        masterId: freed.masterId,
        range: blockedBy(freed.start, offer.service),
        kind: "offer",
        bookingId: null,
        classSessionId: null,
        expiresAt,
      }),
    );
    if (!held.ok) return undefined;
    await trx
      .updateTable("booking_waitlist")
      .set({ status: "offered", offered_start: freed.start, offered_master_id: freed.masterId, offer_occupancy_id: held.value, offer_expires_at: expiresAt, updated_at: sql`now()` })
      .where("id", "=", entry.id)
      .execute();
    await scheduleEvent(trx, { botId: actor.botId, kind: OFFER_EXPIRY_EVENT, dedupeKey: offerKey(entry.id), payload: { entryId: entry.id }, dueAt: expiresAt });
    const view = await clientView(trx, freed.messenger, {
      bot_id: actor.botId,
      client_id: entry.client_id,
      service_id: entry.service_id,
      master_id: freed.masterId,
      location_id: master.location_id,
      starts_at: freed.start,
    });
    if (view !== undefined) {
      await queueMessage(trx, {
        botId: actor.botId,
        chatId: view.telegramId,
        text: view.t("booking-waitlist-offer", { minutes: holdMin }),
        dedupeKey: offerKey(entry.id),
        buttons: [
          [
            { text: view.t("booking-waitlist-take"), callback_data: `${OFFER_TAKE}${entry.id}` },
            { text: view.t("booking-waitlist-skip"), callback_data: `${OFFER_SKIP}${entry.id}` },
          ],
        ],
      });
    }
    return entry.id;
  }
  return undefined;
}

/** A waitlist entry, locked, when it is the actor's (a client) or any of the bot's (a job). */
async function offeredEntry(trx: Trx, actor: Actor, entryId: number) {
  const entry = await trx
    .selectFrom("booking_waitlist")
    .innerJoin("booking_client", "booking_client.id", "booking_waitlist.client_id")
    .selectAll("booking_waitlist")
    .select(["booking_client.telegram_id", "booking_client.name"])
    .where("booking_waitlist.id", "=", entryId)
    .where("booking_waitlist.bot_id", "=", actor.botId)
    .forUpdate()
    .executeTakeFirst();
  if (entry === undefined || (actor.personId !== null && entry.telegram_id !== actor.personId)) return undefined;
  return entry;
}

async function endOffer(trx: Trx, entry: { id: number; offer_occupancy_id: number | null }, status: "booked" | "declined" | "expired" | "withdrawn", now: Date, bookingId?: number) {
  if (entry.offer_occupancy_id !== null) {
    await trx.updateTable("booking_occupancy").set({ active: false, released_at: now }).where("id", "=", entry.offer_occupancy_id).where("active", "=", true).execute();
  }
  await trx
    .updateTable("booking_waitlist")
    .set({ status, offer_occupancy_id: null, offer_expires_at: null, booking_id: bookingId ?? null, updated_at: sql`now()` })
    .where("id", "=", entry.id)
    .execute();
  await cancelEvent(trx, offerKey(entry.id));
}

export type AcceptOutcome = BookingOutcome | { ok: false; reason: "offer-gone" };

/**
 * The client takes the slot offered to them: the offer's hold becomes their booking in this one
 * transaction (the rule engine checks it again; a prepayment service makes it pending with its
 * own hold). An offer that ran out, or was answered before, is `offer-gone`.
 */
export const acceptOffer = defineUseCase(
  "booking.waitlist.accept",
  async (trx: Trx, actor: Actor, input: { entryId: number; now: Date }): Promise<UseCaseOutcome<AcceptOutcome>> => {
    const entry = await offeredEntry(trx, actor, input.entryId);
    if (entry?.status !== "offered" || entry.offered_start === null || entry.offered_master_id === null || entry.offer_expires_at === null) {
      return { result: { ok: false, reason: "offer-gone" }, audit: null };
    }
    if (entry.offer_expires_at.getTime() <= input.now.getTime()) return { result: { ok: false, reason: "offer-gone" }, audit: null };
    const { masterId, start } = { masterId: entry.offered_master_id, start: entry.offered_start };
    // Ending the offer and booking stand or fall together: a refused booking leaves the offer as it was.
    const booked = await withSavepoint(
      trx,
      async () => {
        await endOffer(trx, entry, "booked", input.now);
        return bookForClient(trx, actor, { masterId, serviceId: entry.service_id, start, now: input.now, name: entry.name });
      },
      (attempt) => attempt.result.ok,
    );
    if (!booked.result.ok) return { result: booked.result, audit: null };
    const booking = booked.result.booking;
    await trx.updateTable("booking_waitlist").set({ booking_id: booking.id }).where("id", "=", entry.id).execute();
    return { result: booked.result, audit: { objectType: "booking", objectId: booking.id, after: { ...booking, waitlistEntry: entry.id } } };
  },
);

/**
 * The client says "No thanks" (`declined`), or the offer ran out (`expired`, a job): the hold
 * ends and the slot goes to the next in line. The entry is finished either way.
 */
export const passOnOffer = defineUseCase(
  "booking.waitlist.pass",
  async (trx: Trx, actor: Actor, input: { entryId: number; messenger: Messenger; why: "declined" | "expired" }): Promise<UseCaseOutcome<{ ok: boolean; nextEntry?: number }>> => {
    const now = input.messenger.now();
    const entry = await offeredEntry(trx, actor, input.entryId);
    if (entry?.status !== "offered" || entry.offered_start === null || entry.offered_master_id === null || entry.offer_expires_at === null) {
      return { result: { ok: false }, audit: null };
    }
    if (input.why === "expired" && entry.offer_expires_at.getTime() > now.getTime()) return { result: { ok: false }, audit: null };
    await endOffer(trx, entry, input.why, now);
    const nextEntry = await offerFreedSlot(trx, actor, { messenger: input.messenger, masterId: entry.offered_master_id, start: entry.offered_start, now });
    return {
      result: { ok: true, ...(nextEntry === undefined ? {} : { nextEntry }) },
      audit: { objectType: "booking_waitlist", objectId: entry.id, before: { status: "offered" }, after: { status: input.why, nextEntry: nextEntry ?? null } },
    };
  },
);

export type LeaveOutcome = { ok: true; nextEntry?: number } | { ok: false; reason: "waitlist-entry-gone" };

/**
 * The client leaves the waitlist: a waiting entry is withdrawn; one holding an offer also
 * releases the offer's hold, and the slot goes to the next in line. An entry that is not theirs
 * or already finished (booked, declined, expired, left) is `waitlist-entry-gone`.
 */
export const leaveWaitlist = defineUseCase(
  "booking.waitlist.leave",
  async (trx: Trx, actor: Actor, input: { entryId: number; messenger: Messenger }): Promise<UseCaseOutcome<LeaveOutcome>> => {
    if (actor.personId === null) throw new Error("a client leaves the waitlist themselves: the actor must be a person");
    const now = input.messenger.now();
    const entry = await offeredEntry(trx, actor, input.entryId);
    if (entry?.status !== "waiting" && entry?.status !== "offered") return { result: { ok: false, reason: "waitlist-entry-gone" }, audit: null };
    await endOffer(trx, entry, "withdrawn", now);
    const nextEntry =
      entry.status === "offered" && entry.offered_master_id !== null && entry.offered_start !== null
        ? await offerFreedSlot(trx, actor, { messenger: input.messenger, masterId: entry.offered_master_id, start: entry.offered_start, now })
        : undefined;
    return {
      result: { ok: true, ...(nextEntry === undefined ? {} : { nextEntry }) },
      audit: { objectType: "booking_waitlist", objectId: entry.id, before: { status: entry.status }, after: { status: "withdrawn", nextEntry: nextEntry ?? null } },
    };
  },
);

/**
 * A freed slot offered to the waitlist by a job (see {@link slotFreed}): one audit row when an
 * offer was made, none when nobody in line wanted it.
 */
export const offerSlot = defineUseCase(
  "booking.waitlist.offer",
  async (trx: Trx, actor: Actor, input: { messenger: Messenger; masterId: number; start: Date }): Promise<UseCaseOutcome<{ entryId?: number }>> => {
    const entryId = await offerFreedSlot(trx, actor, { messenger: input.messenger, masterId: input.masterId, start: input.start, now: input.messenger.now() });
    if (entryId === undefined) return { result: {}, audit: null };
    return { result: { entryId }, audit: { objectType: "booking_waitlist", objectId: entryId, after: { status: "offered", start: input.start.toISOString(), masterId: input.masterId } } };
  },
);

/** The client's place in line, for the confirmation they see: 1 is first. */
export async function placeInLine(trx: Trx, botId: string, entryId: number): Promise<number> {
  const entry = await trx.selectFrom("booking_waitlist").select([sql<string>`date::text`.as("date")]).where("id", "=", entryId).executeTakeFirstOrThrow();
  const row = await trx
    .selectFrom("booking_waitlist")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("date", "=", entry.date)
    .where("status", "=", "waiting")
    .where("id", "<=", entryId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The event handlers of freed slots and offers that ran out. */
export function waitlistHandlers(messenger: Messenger): Record<string, EventHandler> {
  const job = (botId: string): Actor => ({ botId, personId: null, source: "job" });
  return {
    [SLOT_FREED_EVENT]: async (trx, event) => {
      const payload = event.payload as { masterId: number; start: string };
      await offerSlot(trx, job(event.bot_id), { messenger, masterId: payload.masterId, start: new Date(payload.start) });
    },
    [OFFER_EXPIRY_EVENT]: async (trx, event) => {
      const payload = event.payload as { entryId: number };
      await passOnOffer(trx, job(event.bot_id), { entryId: payload.entryId, messenger, why: "expired" });
    },
  };
}
