import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { formatVisitTime } from "../domain/display.ts";
import type { BookingRow, BookingTables } from "../tables.ts";

/** What happened to a booking that its master hears about. */
export type MasterNews = "booked" | "cancelled" | "moved";

const TEXT: Record<MasterNews | "moved-away", string> = {
  booked: "booking-master-new",
  cancelled: "booking-master-cancelled",
  moved: "booking-master-moved",
  "moved-away": "booking-master-moved-away",
};

/**
 * Tells the booking's master, when a Telegram account is linked to them, that it was made,
 * cancelled or moved, in their language. A move to another master tells the one who lost the
 * visit that it moved, and to whom. The key names the booking and its calendar sequence,
 * which every change raises, so a retry queues nothing twice. Returns how many were told.
 */
export async function tellMasters(scope: CommandScope<BookingTables>, news: MasterNews, booking: BookingRow, before?: BookingRow): Promise<number> {
  const notices: { masterId: number; news: MasterNews | "moved-away" }[] = [{ masterId: booking.master_id, news }];
  if (before !== undefined && before.master_id !== booking.master_id) notices.push({ masterId: before.master_id, news: news === "moved" ? "moved-away" : "cancelled" });
  let told = 0;
  for (const notice of notices) {
    const details = await scope.trx
      .selectFrom("booking")
      .innerJoin("booking_service", "booking_service.id", "booking.service_id")
      .innerJoin("booking_client", "booking_client.id", "booking.client_id")
      .innerJoin("booking_location", "booking_location.id", "booking.location_id")
      .innerJoin("booking_master", (join) => join.on("booking_master.id", "=", notice.masterId))
      .innerJoin("booking_master as now_with", "now_with.id", "booking.master_id")
      .select(["booking_master.telegram_id", "booking_service.name as service", "booking_client.name as client", "booking_client.phone", "booking_location.time_zone", "now_with.display_name as master"])
      .where("booking.id", "=", booking.id)
      .executeTakeFirst();
    if (details?.telegram_id == null) continue;
    const queued = await scope.tell(details.telegram_id, {
      dedupeKey: `booking:${booking.id}:seq:${booking.sequence}:master:${notice.masterId}`,
      render: (locale, t) => {
        const when = (start: Date) => formatVisitTime(start, locale, details.time_zone);
        return {
          text: t(TEXT[notice.news], {
            service: escapeHtml(details.service),
            client: escapeHtml(details.client),
            master: escapeHtml(details.master),
            phone: details.phone ?? "—",
            when: when((notice.news === "cancelled" || notice.news === "moved-away") && before !== undefined ? before.starts_at : booking.starts_at),
            previous: before === undefined ? "" : when(before.starts_at),
            price: formatMoney(booking.price_minor, booking.currency, locale),
          }),
        };
      },
    });
    if (queued) told += 1;
  }
  return told;
}
