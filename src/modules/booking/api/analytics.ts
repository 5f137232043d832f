import { requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { daysBetween, isPlainDate } from "../../../platform/domain/zoned-time.ts";
import { parseInput, refuse } from "../../../platform/http/answers.ts";
import { csvDocument } from "../../../platform/http/csv.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { decimalAmount } from "../../../platform/domain/money.ts";
import { TABLE_CONTENT_TYPES, type TableCell, type TableFormat } from "../../../platform/spreadsheets/table-format.ts";
import { writeTable } from "../../../platform/spreadsheets/write-table.ts";
import type { AnalyticsFigures } from "../domain/analytics.ts";
import type { Tables } from "../tables.ts";
import { bookingAnalytics, type AnalyticsAnswer } from "../queries/analytics.ts";

/** The longest period one answer covers: a leap year. */
export const MAX_ANALYTICS_DAYS = 366;

const plainDate = z.string().refine(isPlainDate);
const analyticsQuery = z.object({ from: plainDate, to: plainDate, by: z.enum(["location", "master", "service"]).default("master") });

/**
 * The analytics as a table: the total, then one row per group, a revenue column per currency.
 * Shares and amounts are text with fixed decimals for CSV, numbers for XLSX.
 */
export function analyticsTable(answer: AnalyticsAnswer, format: TableFormat): { header: string[]; rows: TableCell[][] } {
  const share = (value: number | null) => (value === null ? "" : format === "csv" ? value.toFixed(4) : Number(value.toFixed(4)));
  const amount = (minor: number, currency: string) => (format === "csv" ? decimalAmount(minor, currency) : Number(decimalAmount(minor, currency)));
  const currencies = answer.total.revenue.map((entry) => entry.currency);
  const header = [
    "group",
    "name",
    "bookings",
    "done",
    "no_shows",
    "cancelled",
    "cancelled_by_client",
    "cancelled_by_staff",
    "hold_expired",
    "no_show_rate",
    "cancellation_rate",
    ...currencies.map((currency) => `revenue_${currency}`),
    "booked_minutes",
    "working_minutes",
    "occupancy",
    "clients",
    "returning_clients",
    "returning_share",
  ];
  const row = (group: string, name: string, figures: AnalyticsFigures) => [
    group,
    name,
    figures.bookings,
    figures.done,
    figures.noShows,
    figures.cancelled.total,
    figures.cancelled.byClient,
    figures.cancelled.byStaff,
    figures.cancelled.holdExpired,
    share(figures.noShowRate),
    share(figures.cancellationRate),
    ...currencies.map((currency) => amount(figures.revenue.find((entry) => entry.currency === currency)?.amountMinor ?? 0, currency)),
    figures.bookedMinutes,
    figures.workingMinutes ?? "",
    share(figures.occupancy),
    figures.clients,
    figures.returningClients,
    share(figures.returningShare),
  ];
  return { header, rows: [row("total", `${answer.from} - ${answer.to}`, answer.total), ...answer.groups.map((group) => row(answer.by, group.name, group))] };
}

/** The analytics as a CSV document (see analyticsTable). */
export function analyticsCsv(answer: AnalyticsAnswer): string {
  const { header, rows } = analyticsTable(answer, "csv");
  return csvDocument(header, rows);
}

/**
 * The booking analytics of a period (permission `booking.analytics`): bookings, visits done,
 * no-shows, cancellations, revenue, occupancy and returning clients, in total and by location,
 * master or service; as JSON for the panel (with the total of each day, for its charts) and as a
 * CSV or XLSX download.
 */
export function analyticsRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const access = requires("booking.analytics");

  const answerOf = async (request: FastifyRequest, reply: FastifyReply): Promise<AnalyticsAnswer | undefined> => {
    const query = parseInput(context.translator, request, reply, analyticsQuery, request.query);
    if (query === undefined) return undefined;
    if (query.to < query.from || daysBetween(query.from, query.to) >= MAX_ANALYTICS_DAYS) {
      void refuse(context.translator, request, reply, 400, "booking-web-period-invalid", { max: MAX_ANALYTICS_DAYS });
      return undefined;
    }
    return bookingAnalytics(db, request.session!.botId, { from: query.from, to: query.to }, query.by);
  };

  app.get("/api/booking/analytics", access, async (request, reply) => (await answerOf(request, reply)) ?? reply);

  app.get("/api/booking/analytics.csv", access, async (request, reply) => {
    const answer = await answerOf(request, reply);
    if (answer === undefined) return reply;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="booking-analytics-${answer.by}-${answer.from}-${answer.to}.csv"`)
      .send(analyticsCsv(answer));
  });

  app.get("/api/booking/analytics.xlsx", access, async (request, reply) => {
    const answer = await answerOf(request, reply);
    if (answer === undefined) return reply;
    const { header, rows } = analyticsTable(answer, "xlsx");
    return reply
      .type(TABLE_CONTENT_TYPES.xlsx)
      .header("content-disposition", `attachment; filename="booking-analytics-${answer.by}-${answer.from}-${answer.to}.xlsx"`)
      .send(writeTable("xlsx", { sheet: "Analytics", header, rows }));
  });
}
