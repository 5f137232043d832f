import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { formatVisitTime } from "../domain/display.ts";
import type { BookingTables } from "../repo.ts";
import type { BookingView } from "../service/presenter.ts";

/** What staff did to a visit. */
export type StaffChange = "booked" | "cancelled" | "moved";

const MASTER_TEXT: Record<StaffChange, string> = {
  booked: "booking-master-new",
  cancelled: "booking-master-cancelled",
  moved: "booking-master-moved",
};

const CLIENT_TEXT: Record<StaffChange, string> = {
  booked: "booking-staff-client-booked",
  cancelled: "booking-staff-client-cancelled",
  moved: "booking-staff-client-moved",
};

/**
 * Tells the master (when a Telegram account is linked to them) and the client (when they have a
 * chat with the bot; a phone-only walk-in has none) that staff booked, cancelled or moved a
 * visit, each in their own language. A move to another master tells the one who lost the visit
 * that it was cancelled for them. Queued in the command's transaction, so the notices go out if
 * and only if the change commits; the dedupe keys name the booking's calendar sequence, which
 * every change raises, so a replayed update queues nothing twice.
 */
export async function tellOfStaffChange(scope: CommandScope<BookingTables>, change: { news: StaffChange; booking: BookingView; before?: BookingView }): Promise<void> {
  const { booking, before } = change;
  const masters: { masterId: number; news: StaffChange }[] = [{ masterId: booking.masterId, news: change.news }];
  if (before !== undefined && before.masterId !== booking.masterId) masters.push({ masterId: before.masterId, news: "cancelled" });
  for (const notice of masters) await tellMaster(scope, booking, before, notice);
  await tellClient(scope, booking, change.news);
}

async function tellMaster(scope: CommandScope<BookingTables>, booking: BookingView, before: BookingView | undefined, notice: { masterId: number; news: StaffChange }): Promise<void> {
  const details = await scope.trx
    .selectFrom("booking")
    .innerJoin("booking_service", "booking_service.id", "booking.service_id")
    .innerJoin("booking_client", "booking_client.id", "booking.client_id")
    .innerJoin("booking_location", "booking_location.id", "booking.location_id")
    .innerJoin("booking_master", (join) => join.on("booking_master.id", "=", notice.masterId))
    .select(["booking_master.telegram_id", "booking_service.name as service_name", "booking_client.name as client_name", "booking_client.phone as client_phone", "booking_location.time_zone"])
    .where("booking.id", "=", booking.id)
    .executeTakeFirst();
  if (details?.telegram_id == null) return;
  const visitTime = notice.news === "cancelled" && before !== undefined ? before.startsAt : booking.startsAt;
  await scope.tell(Number(details.telegram_id), {
    dedupeKey: `booking:${booking.id}:seq:${booking.sequence}:master:${notice.masterId}`,
    render: (locale, t) => ({
      text: t(MASTER_TEXT[notice.news], {
        service: escapeHtml(details.service_name),
        client: escapeHtml(details.client_name),
        phone: details.client_phone ?? "—",
        when: formatVisitTime(new Date(visitTime), locale, details.time_zone),
        previous: before === undefined ? "" : formatVisitTime(new Date(before.startsAt), locale, details.time_zone),
        price: formatMoney(booking.priceMinor, booking.currency, locale),
      }),
    }),
  });
}

async function tellClient(scope: CommandScope<BookingTables>, booking: BookingView, news: StaffChange): Promise<void> {
  const visit = await scope.trx
    .selectFrom("booking")
    .innerJoin("booking_client", "booking_client.id", "booking.client_id")
    .innerJoin("booking_service", "booking_service.id", "booking.service_id")
    .innerJoin("booking_master", "booking_master.id", "booking.master_id")
    .innerJoin("booking_location", "booking_location.id", "booking.location_id")
    .select([
      "booking_client.telegram_id",
      "booking.starts_at",
      "booking_service.name as service",
      "booking_master.display_name as master",
      "booking_location.name as location",
      "booking_location.time_zone",
    ])
    .where("booking.id", "=", booking.id)
    .executeTakeFirstOrThrow();
  if (visit.telegram_id === null) return;
  await scope.tell(Number(visit.telegram_id), {
    dedupeKey: `booking:${booking.id}:seq:${booking.sequence}:client-staff-change`,
    render: (locale, t) => ({
      text: t(CLIENT_TEXT[news], {
        service: escapeHtml(visit.service),
        master: escapeHtml(visit.master),
        location: escapeHtml(visit.location),
        time: formatVisitTime(visit.starts_at, locale, visit.time_zone),
      }),
    }),
  });
}
