import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { ApiContext } from "../../../platform/module.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { BOOKING_PRODID, calendarOf, eventOf } from "../domain/ical.ts";
import { resolveFeedToken } from "../feed-tokens.ts";
import type { Tables } from "../tables.ts";
import { feedBookings, masterOfPerson, rolesOfPerson } from "../queries/staff-calendar.ts";

/** How far back a feed reaches: past visits, and cancellations calendar apps must still learn of. */
const FEED_PAST_MS = 30 * 86_400_000;
/** How often a subscribed calendar app is asked to fetch again. */
const FEED_REFRESH_MIN = 30;

/**
 * A master's iCal feed at their secret address, fetched by their calendar app without signing
 * in. It answers 404 alike for an unknown, replaced or revoked secret, and for a person who no
 * longer holds the master's permission or record: the address itself tells nothing.
 */
export function feedRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;

  app.get<{ Params: { file: string } }>("/api/booking/feed/:file", { config: { access: "public" } }, async (request, reply) => {
    const secret = /^([A-Za-z0-9_-]{16,200})\.ics$/.exec(request.params.file)?.[1];
    const owner = secret === undefined ? undefined : await resolveFeedToken(context.database.db, secret);
    const master = owner === undefined ? undefined : await masterOfPerson(db, owner.botId, owner.telegramId);
    const allowed = owner !== undefined && context.permissions.allows(await rolesOfPerson(db, owner.botId, owner.telegramId), "booking.own-day");
    if (owner === undefined || master === undefined || !allowed) return reply.code(404).type("text/plain; charset=utf-8").send("Not found");

    const now = context.clock.now();
    const locale = context.settings.of(owner.botId).languages[0] ?? "en";
    const t = (key: string, args: Record<string, string>) => context.translator.translate(owner.botId, locale, key, args);
    const bookings = await feedBookings(db, owner.botId, master.id, new Date(now.getTime() - FEED_PAST_MS));
    const events = bookings.map((booking) =>
      eventOf({
        bookingId: String(booking.id),
        botId: owner.botId,
        start: new Date(booking.startsAt),
        end: new Date(booking.endsAt),
        status: booking.status,
        sequence: booking.sequence,
        serviceName: booking.serviceName,
        masterName: booking.clientName,
        ...(booking.address === null ? {} : { address: booking.address }),
        description: t("booking-staff-feed-description", {
          client: booking.clientName,
          phone: booking.clientPhone ?? "—",
          price: formatMoney(booking.priceMinor, booking.currency, locale),
        }),
        revisedAt: new Date(booking.updatedAt),
      }),
    );
    const calendar = calendarOf(events, { name: t("booking-staff-feed-name", { master: master.name }), prodId: BOOKING_PRODID, timeZone: master.timeZone, refreshIntervalMin: FEED_REFRESH_MIN });
    return reply.type("text/calendar; charset=utf-8").header("cache-control", "no-store").send(calendar);
  });
}
