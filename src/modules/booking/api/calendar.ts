import { requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput, refuse } from "../../../platform/http/answers.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { daysBetween, isPlainDate } from "../../../platform/domain/zoned-time.ts";
import { zonedDay } from "../../../platform/domain/zoned-time.ts";
import type { Tables } from "../tables.ts";
import { daySlots } from "../queries/availability.ts";
import { calendarCatalogue } from "../queries/calendar-catalogue.ts";
import { locationsOfBot } from "../queries/locations.ts";
import { bookingsBetween, mastersOfBot, workingDays } from "../queries/staff-calendar.ts";
import { blocksBetween } from "../queries/time-off-list.ts";

/** The longest range the calendar answers at once: a month and a few days either side. */
export const MAX_CALENDAR_DAYS = 42;

const plainDate = z.string().refine(isPlainDate);
const id = z.coerce.number().int().positive();

const calendarQuery = z.object({ from: plainDate, to: plainDate, master: id.optional(), location: id.optional() });
const slotsQuery = z.object({ service: id, master: id.optional(), date: plainDate });

/**
 * What the panel's calendar reads (permission `booking.manage`): the bookings, blocks and working hours
 * of a range of days at one location, the catalogue its forms choose from, and a day's free times.
 */
export function calendarRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const manage = requires("booking.manage");
  const now = () => context.clock.now();

  app.get("/api/booking/calendar", manage, async (request, reply) => {
    const query = parseInput(context.translator, request, reply, calendarQuery, request.query);
    if (query === undefined) return reply;
    if (query.to < query.from || daysBetween(query.from, query.to) >= MAX_CALENDAR_DAYS) {
      return refuse(context.translator, request, reply, 400, "booking-web-range-invalid", { max: MAX_CALENDAR_DAYS });
    }
    const botId = request.session!.botId;
    const everyMaster = await mastersOfBot(db, botId);
    // One master's calendar is at their location; without either, the first active master's.
    const asked = everyMaster.find((master) => master.id === query.master);
    const locationId = query.location ?? asked?.locationId ?? everyMaster.find((master) => master.active)?.locationId ?? everyMaster[0]?.locationId;
    const masters = everyMaster.filter(
      (master) => master.locationId === locationId && (query.master === undefined ? master.active : master.id === query.master),
    );
    const location = (await locationsOfBot(db, botId)).find((candidate) => candidate.id === locationId);
    const timeZone = location?.timeZone ?? context.settings.of(botId).timeZone;
    const range = { start: zonedDay(query.from, timeZone).start, end: zonedDay(query.to, timeZone).end };
    const bookings = (await bookingsBetween(db, botId, range, query.master === undefined ? {} : { masterId: query.master })).filter(
      (booking) => booking.locationId === locationId,
    );
    return {
      from: query.from,
      to: query.to,
      locationId: location?.id ?? null,
      timeZone,
      masters: masters.map((master) => ({ id: master.id, name: master.name })),
      workingHours: await workingDays(db, botId, masters.map((master) => master.id), query.from, query.to),
      bookings,
      blocks: await blocksBetween(db, masters.map((master) => master.id), range),
    };
  });

  app.get("/api/booking/catalogue", manage, (request) => calendarCatalogue(db, request.session!.botId));

  app.get("/api/booking/slots", manage, async (request, reply) => {
    const query = parseInput(context.translator, request, reply, slotsQuery, request.query);
    if (query === undefined) return reply;
    const slots = await daySlots(db, {
      botId: request.session!.botId,
      serviceId: query.service,
      ...(query.master === undefined ? {} : { masterId: query.master }),
      date: query.date,
      now: now(),
    });
    return { slots };
  });
}
