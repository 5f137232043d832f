import type { DashboardCard, DashboardFigure } from "../../platform/module.ts";
import { addDays } from "../../platform/domain/zoned-time.ts";
import { salonToday, visitsPerMaster, weekFigures, weekOf } from "./queries/dashboard-figures.ts";
import { refundsToMake } from "./queries/refunds.ts";
import type { BookingTables } from "./tables.ts";

/** A day's visits: the total, then each active master's. */
function visitsCard(id: string, days: number): DashboardCard<BookingTables> {
  return {
    id,
    title: `booking-card-${id}`,
    permission: "booking.manage",
    link: "/bookings",
    async figures({ db, botId, now, timeZone }) {
      const date = addDays(await salonToday(db, botId, now, timeZone), days);
      const perMaster = await visitsPerMaster(db, botId, date);
      return [
        { label: "booking-card-visits-total", value: perMaster.reduce((sum, master) => sum + master.visits, 0) },
        ...perMaster.map(({ master, visits }) => ({ label: "booking-card-visits-master", args: { master }, value: visits })),
      ];
    },
  };
}

/**
 * Booking's dashboard cards, what an owner looks at first: today's and tomorrow's visits per
 * master, this week's money and clients, and the refunds staff still owe.
 */
export const bookingCards: readonly DashboardCard<BookingTables>[] = [
  visitsCard("today", 0),
  visitsCard("tomorrow", 1),
  {
    id: "week",
    title: "booking-card-week",
    permission: "booking.analytics",
    link: "/booking/analytics",
    async figures({ db, botId, now, timeZone }) {
      const week = await weekFigures(db, botId, weekOf(await salonToday(db, botId, now, timeZone)));
      const money = (label: string, amounts: readonly { currency: string; amountMinor: number }[]): DashboardFigure[] =>
        amounts.length === 0 ? [{ label, value: 0 }] : amounts.map(({ currency, amountMinor }) => ({ label, value: amountMinor, currency }));
      return [
        ...money("booking-card-week-booked", week.booked),
        ...money("booking-card-week-done", week.done),
        { label: "booking-card-week-no-shows", value: week.noShows },
        { label: "booking-card-week-cancelled", value: week.cancelled },
        { label: "booking-card-week-new-clients", value: week.newClients },
        { label: "booking-card-week-returning-clients", value: week.returningClients },
      ];
    },
  },
  {
    id: "refunds",
    title: "booking-card-refunds",
    permission: "booking.manage",
    link: "/booking/after-visit",
    async figures({ db, botId }) {
      return [{ label: "booking-card-refunds-waiting", value: await refundsToMake(db, botId) }];
    },
  },
];
