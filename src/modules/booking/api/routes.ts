import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { cataloguesIn } from "../../../platform/i18n/catalogues.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { afterVisitRoutes } from "./after-visit.ts";
import { analyticsRoutes } from "./analytics.ts";
import { bookingRoutes } from "./bookings.ts";
import { calendarRoutes } from "./calendar.ts";
import { clientRoutes } from "./clients.ts";
import { feedRoutes } from "./feed.ts";
import { salonRoutes } from "./salon.ts";
import { timeOffRoutes } from "./time-off.ts";

/**
 * The booking module's HTTP side: the panel's day/week calendar with its catalogue and free
 * times, booking, cancelling and moving on a client's behalf (permission `booking.manage`), and
 * each master's secret iCal feed (public, by its secret), and clients' reviews and the prepayments
 * to refund, client cards with their history, the salon's catalogue as admins manage it
 * (locations, services, masters, weekly hours, rules), time off (days off, holidays, a day's
 * hours, blocks, with the bookings they hit), and the analytics of a period with their CSV
 * export (permission `booking.analytics`).
 */
export function bookingApi(app: FastifyInstance, context: ApiContext): void {
  calendarRoutes(app, context);
  bookingRoutes(app, context);
  feedRoutes(app, context);
  afterVisitRoutes(app, context);
  analyticsRoutes(app, context);
  clientRoutes(app, context);
  salonRoutes(app, context);
  timeOffRoutes(app, context);
}

/** The texts the booking API answers with, English and Russian. */
export const bookingApiCatalogues = cataloguesIn(join(import.meta.dirname, "locales"));
