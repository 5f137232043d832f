import type { Transaction } from "kysely";
import type { Actor, UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import type { CommandScope } from "../../../platform/commands/command.ts";
import { clientMayBookMore, decideBooking, type BookingDecision, type BookingIntent } from "../domain/decide-booking.ts";
import { clientByTelegram, clientOf, lockClient, upcomingBookingCount } from "../queries/clients.ts";
import { insertHistory } from "./history.ts";
import { lockClassSession } from "../queries/bookings.ts";
import { occupanciesOf } from "../queries/offerings.ts";
import { type BookingRow, type BookingTables, type ClientRow, type Tables } from "../tables.ts";
import { isE164Phone } from "../../../platform/domain/phone.ts";
import { typedPhone } from "../queries/typed-phone.ts";
import { clientForPhone, clientForTelegram } from "./clients.ts";
import { aroundVisit, loadOffer, requestOf, type LoadedOffer } from "../queries/offer.ts";
import { refused, refusedAt, type BookingOutcome, type WriteHooks } from "../queries/outcome.ts";
import { occupyForBooking, takeClassSeat, underSavepoint, WriteRefused } from "./places.ts";
import { presentBooking } from "../views.ts";
import { scheduleHold } from "./payment-hold.ts";
import { scheduleReminders } from "./reminders.ts";

type Trx = Transaction<Tables>;
type Scope = CommandScope<BookingTables>;

const MINUTE_MS = 60_000;
/** Another transaction may create the same client or class session first; then the steps run again. */
const ATTEMPTS = 3;

/** A client booking for themselves: the acting person is the client. */
export interface BookInput extends WriteHooks {
  masterId: number;
  serviceId: number;
  /** The start the client picked. The engine checks it again here; a button's time is never trusted. */
  start: Date;
  /** The client's name, and their phone in E.164 once they shared it. */
  name: string;
  phone?: string;
}

/** Staff booking on a client's behalf: a known client, or a phone (a walk-in, a phone call). */
export interface AdminBookInput extends WriteHooks {
  masterId: number;
  serviceId: number;
  start: Date;
  client: { clientId: number } | { phone: string; name: string };
}

type Booker = { kind: "client"; telegramId: number; name: string; phone?: string } | { kind: "staff"; client: AdminBookInput["client"] };

interface Placement {
  offer: LoadedOffer;
  start: Date;
  now: Date;
}

/**
 * A client books a visit (the `booking.book` command, and a waitlist offer taken). The engine
 * decides again inside this transaction with fresh occupancies; the occupancy row under the
 * exclusion constraint settles a race, and the loser gets `taken` with the next free times
 * instead of an error. A service with prepayment makes a `pending` booking whose slot is held
 * until `hold_expires_at`. Reminders (or the hold's invoice and expiry) are scheduled; notices
 * are the caller's.
 */
export async function bookForClient(scope: Scope, input: BookInput): Promise<UseCaseOutcome<BookingOutcome>> {
  const { actor } = scope;
  if (actor.personId === null) throw new Error("a client books for themselves: the actor must be a person");
  const name = input.name.trim();
  if (name === "") return refused("name-missing");
  if (input.phone !== undefined && !isE164Phone(input.phone)) return refused("phone-invalid");
  return placeBooking(scope, { kind: "client", telegramId: actor.personId, name, ...(input.phone === undefined ? {} : { phone: input.phone }) }, input);
}

/**
 * Staff book for a client: past the notice, the horizon, the client's limit and the slot grid,
 * but never outside working hours, in the past, or over another booking. The booking is
 * confirmed at once (no prepayment hold).
 */
export async function bookForStaff(scope: Scope, input: AdminBookInput): Promise<UseCaseOutcome<BookingOutcome>> {
  const { client } = input;
  if ("phone" in client) {
    const phone = await typedPhone(scope.trx, scope.actor.botId, { masterId: input.masterId }, client.phone);
    if (phone === undefined) return refused("phone-invalid");
    if (client.name.trim() === "") return refused("name-missing");
    return placeBooking(scope, { kind: "staff", client: { name: client.name, phone } }, input);
  }
  const known = await clientOf(scope.trx, client.clientId);
  if (known === undefined || known.bot_id !== scope.actor.botId || known.merged_into !== null) return refused("client-unknown");
  return placeBooking(scope, { kind: "staff", client }, input);
}

async function placeBooking(scope: Scope, booker: Booker, input: { masterId: number; serviceId: number; start: Date } & WriteHooks): Promise<UseCaseOutcome<BookingOutcome>> {
  const { trx, actor, now } = scope;
  const { start } = input;
  const offer = await loadOffer(trx, actor.botId, input.masterId, input.serviceId);
  if (offer === undefined) return refused("not-offered");
  for (let attempt = 1; ; attempt++) {
    let intent: BookingIntent = { kind: "admin" };
    if (booker.kind === "client") {
      const existing = await clientByTelegram(trx, actor.botId, booker.telegramId);
      const locked = existing === undefined ? undefined : await lockClient(trx, existing.id);
      intent = { kind: "new", clientActiveBookings: locked === undefined ? 0 : await upcomingBookingCount(trx, locked.id, now) };
    }
    const session = offer.service.capacity > 1 ? await lockClassSession(trx, input.masterId, input.serviceId, start) : undefined;
    const occupancies = await occupanciesOf(trx, [input.masterId], aroundVisit(start));
    const decision = decideBooking(requestOf(offer, occupancies, now, intent, start));
    if (!decision.ok) return refusedAt(trx, decision.reason, { offer, intent, start, now });
    await input.onDecided?.(trx);

    const written = await underSavepoint(trx, async () => {
      const client = await bookingClient(trx, actor, booker);
      if (booker.kind === "client" && !clientMayBookMore(await upcomingBookingCount(trx, client.id, now), offer.rules)) {
        // A walk-in record just linked, or a first booking made at the same moment, may bring bookings of its own.
        throw new WriteRefused("client-limit");
      }
      return writeBooking(scope, { offer, start, now }, { decision, session, client, hold: booker.kind === "client" });
    });
    if (written.ok) {
      const booking = presentBooking(written.value);
      return { result: { ok: true, booking }, audit: { objectType: "booking", objectId: booking.id, after: booking } };
    }
    if (written.reason === "retry" && attempt < ATTEMPTS) continue;
    if (written.reason === "retry") throw new Error("booking: the same client or class session kept being created concurrently");
    return refusedAt(trx, written.reason as "taken" | "full" | "client-limit", { offer, intent, start, now });
  }
}

async function bookingClient(trx: Trx, actor: Actor, booker: Booker): Promise<ClientRow> {
  if (booker.kind === "client") return clientForTelegram(trx, actor.botId, booker);
  if ("phone" in booker.client) return clientForPhone(trx, actor.botId, { phone: booker.client.phone, name: booker.client.name.trim() });
  const known = await lockClient(trx, booker.client.clientId);
  if (known === undefined) throw new Error(`booking client ${booker.client.clientId} vanished`);
  return known;
}

async function writeBooking(
  scope: Scope,
  placement: Placement,
  what: {
    decision: Extract<BookingDecision, { ok: true }>;
    session: Awaited<ReturnType<typeof lockClassSession>>;
    client: ClientRow;
    /** Whether a prepayment service holds the slot until paid (clients) or is confirmed at once (staff). */
    hold: boolean;
  },
): Promise<BookingRow> {
  const { trx, actor } = scope;
  const { offer, now } = placement;
  const { decision, client } = what;
  const { service } = offer;
  const masterId = offer.offering.masterId;
  const prepayment = what.hold ? service.prepayment : undefined;
  const holdExpiresAt = prepayment === undefined ? null : new Date(now.getTime() + prepayment.holdMin * MINUTE_MS);
  const classSessionId =
    decision.occupancy.kind === "class"
      ? await takeClassSeat(trx, { botId: actor.botId, masterId, serviceId: Number(service.id), decision, session: what.session })
      : null;
  const status = holdExpiresAt === null ? "confirmed" : "pending";
  const row = await trx
    .insertInto("booking")
    .values({
      bot_id: actor.botId,
      client_id: client.id,
      master_id: masterId,
      service_id: Number(service.id),
      location_id: offer.offering.locationId,
      class_session_id: classSessionId,
      starts_at: decision.visit.start,
      ends_at: decision.visit.end,
      status,
      cancelled_by: null,
      price_minor: service.priceMinor,
      currency: service.currency,
      duration_min: service.durationMin,
      prepayment_minor: prepayment?.amountMinor ?? null,
      hold_expires_at: holdExpiresAt,
      created_by: actor.personId,
      created_via: actor.source,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (classSessionId === null) await occupyForBooking(trx, { botId: actor.botId, masterId, range: decision.occupancy, bookingId: row.id, holdExpiresAt });
  await insertHistory(trx, {
    booking_id: row.id,
    event: "booked",
    from_status: null,
    to_status: status,
    from_starts_at: null,
    to_starts_at: row.starts_at,
    from_ends_at: null,
    to_ends_at: row.ends_at,
    from_master_id: null,
    to_master_id: masterId,
    actor_id: actor.personId,
    source: actor.source,
    at: now,
  });
  await scheduleReminders(scope, row);
  await scheduleHold(scope, row);
  return row;
}
