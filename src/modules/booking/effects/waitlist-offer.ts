import { sql } from "kysely";
import type { CommandScope } from "../../../platform/commands/command.ts";
import { instantToZoned } from "../../../platform/domain/zoned-time.ts";
import { decideBooking } from "../domain/decide-booking.ts";
import { blockedBy } from "../domain/occupancy.ts";
import { waitlistMatches } from "../domain/waitlist.ts";
import { botRules } from "../queries/rules.ts";
import { insertOccupancy } from "./occupancy.ts";
import { occupanciesOf } from "../queries/offerings.ts";
import { upcomingBookingCount } from "../queries/clients.ts";
import { type BookingTables } from "../tables.ts";
import { aroundVisit, loadOffer, requestOf } from "../queries/offer.ts";
import { underSavepoint } from "./places.ts";
import { OFFER_EXPIRY_EVENT, SLOT_FREED_EVENT } from "../domain/waitlist.ts";
import { offerSkipButton, offerTakeButton } from "../callbacks.ts";
import { tellClient } from "./client-notice.ts";

type Scope = CommandScope<BookingTables>;

const MINUTE_MS = 60_000;

const offerKey = (entryId: number) => `booking-waitlist:${entryId}:offer`;

/**
 * Tells the waitlist that a master's slot starting at `start` is free again: the next tick offers
 * it to the first in line (`booking.waitlist.offer`). `freedBy` names what freed it, so a retry
 * schedules nothing twice.
 */
export async function slotFreed(scope: Scope, freed: { masterId: number; start: Date; freedBy: string }): Promise<void> {
  await scope.schedule(SLOT_FREED_EVENT, {
    dedupeKey: `${freed.freedBy}:freed`,
    payload: { masterId: freed.masterId, start: freed.start.toISOString() },
    dueAt: scope.now,
  });
}

/**
 * Offers a master's freed slot to the first in line whose wish it meets (day, time, master,
 * service) and whom the rule engine lets book it: an `offer` occupancy holds it for the bot's
 * hold minutes, so nobody else can book it meanwhile, and the client gets "Book it" / "No
 * thanks". Returns the entry offered to, if any.
 */
export async function offerFreedSlot(scope: Scope, freed: { masterId: number; start: Date }): Promise<number | undefined> {
  const { trx, actor, now } = scope;
  const master = await trx
    .selectFrom("booking_master")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select(["booking_master.location_id", "booking_location.time_zone"])
    .where("booking_master.id", "=", freed.masterId)
    .where("booking_master.bot_id", "=", actor.botId)
    .executeTakeFirst();
  if (master === undefined || freed.start.getTime() <= now.getTime()) return undefined;
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
    const intent = { kind: "new" as const, clientActiveBookings: await upcomingBookingCount(trx, entry.client_id, now) };
    if (!decideBooking(requestOf(offer, occupancies, now, intent, freed.start)).ok) continue;
    const expiresAt = new Date(now.getTime() + holdMin * MINUTE_MS);
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
    await scope.schedule(OFFER_EXPIRY_EVENT, { dedupeKey: offerKey(entry.id), payload: { entryId: entry.id }, dueAt: expiresAt });
    const visit = { client_id: entry.client_id, service_id: entry.service_id, master_id: freed.masterId, location_id: master.location_id, starts_at: freed.start };
    await tellClient(scope, visit, {
      dedupeKey: offerKey(entry.id),
      key: "booking-waitlist-offer",
      args: () => ({ minutes: holdMin }),
      buttons: (t) => [
        [
          { text: t("booking-waitlist-take"), callback_data: offerTakeButton.data({ entryId: entry.id }) },
          { text: t("booking-waitlist-skip"), callback_data: offerSkipButton.data({ entryId: entry.id }) },
        ],
      ],
    });
    return entry.id;
  }
  return undefined;
}

/** A waitlist entry, locked, when it is the actor's (a client) or any of the bot's (a job). */
export async function offeredEntry(scope: Scope, entryId: number) {
  const entry = await scope.trx
    .selectFrom("booking_waitlist")
    .innerJoin("booking_client", "booking_client.id", "booking_waitlist.client_id")
    .selectAll("booking_waitlist")
    .select(["booking_client.telegram_id", "booking_client.name"])
    .where("booking_waitlist.id", "=", entryId)
    .where("booking_waitlist.bot_id", "=", scope.actor.botId)
    .forUpdate()
    .executeTakeFirst();
  if (entry === undefined || (scope.actor.personId !== null && entry.telegram_id !== scope.actor.personId)) return undefined;
  return entry;
}

/** Finishes an entry: its offer's hold released and its expiry removed. */
export async function endOffer(scope: Scope, entry: { id: number; offer_occupancy_id: number | null }, status: "booked" | "declined" | "expired" | "withdrawn"): Promise<void> {
  if (entry.offer_occupancy_id !== null) {
    await scope.trx.updateTable("booking_occupancy").set({ active: false, released_at: scope.now }).where("id", "=", entry.offer_occupancy_id).where("active", "=", true).execute();
  }
  await scope.trx
    .updateTable("booking_waitlist")
    .set({ status, offer_occupancy_id: null, offer_expires_at: null, booking_id: null, updated_at: sql`now()` })
    .where("id", "=", entry.id)
    .execute();
  await scope.unschedule(offerKey(entry.id));
}
