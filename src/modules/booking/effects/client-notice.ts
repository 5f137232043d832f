import type { InlineKeyboardButton } from "@grammyjs/types";
import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import type { Locale, TranslationArgs } from "../../../platform/i18n/translator.ts";
import { formatVisitTime } from "../domain/display.ts";
import type { BookingRow, BookingTables } from "../tables.ts";
import type { MasterNews } from "./master-notice.ts";

/** A visit (a booking, or a slot offered from the waitlist) as its client reads about it. */
export type Visit = Pick<BookingRow, "client_id" | "service_id" | "master_id" | "location_id" | "starts_at">;

/** A notice to a client about a visit: the text's key, with the visit's service, master, location and local time as arguments. */
export interface ClientNotice {
  dedupeKey: string;
  key: string;
  /** More arguments, in the client's language (an amount of money, say). */
  args?: (locale: Locale) => TranslationArgs;
  buttons?: (t: (key: string, args?: TranslationArgs) => string) => InlineKeyboardButton[][];
}

/**
 * Tells a visit's client something about it, in their language; false when they have no chat with
 * the bot (a walk-in booked by phone) or were told before (same key).
 */
export async function tellClient(scope: CommandScope<BookingTables>, visit: Visit, notice: ClientNotice): Promise<boolean> {
  const chat = await clientChatOf(scope, visit.client_id);
  if (chat === undefined) return false;
  const place = await scope.trx
    .selectFrom("booking_service")
    .innerJoin("booking_master", (join) => join.on("booking_master.id", "=", visit.master_id))
    .innerJoin("booking_location", (join) => join.on("booking_location.id", "=", visit.location_id))
    .select(["booking_service.name as service", "booking_master.display_name as master", "booking_location.name as location", "booking_location.time_zone"])
    .where("booking_service.id", "=", visit.service_id)
    .executeTakeFirstOrThrow();
  return scope.tell(chat, {
    dedupeKey: notice.dedupeKey,
    render: (locale, t) => {
      const args = {
        service: escapeHtml(place.service),
        master: escapeHtml(place.master),
        location: escapeHtml(place.location),
        time: formatVisitTime(visit.starts_at, locale, place.time_zone),
        ...notice.args?.(locale),
      };
      const text = t(notice.key, args);
      const buttons = notice.buttons?.((key, extra) => t(key, { ...args, ...extra }));
      return buttons === undefined ? { text } : { text, buttons };
    },
  });
}

/** The Telegram id of a client who has a chat with the bot; undefined for a walk-in booked by phone. */
export async function clientChatOf(scope: CommandScope<BookingTables>, clientId: number): Promise<number | undefined> {
  const client = await scope.trx.selectFrom("booking_client").select("telegram_id").where("id", "=", clientId).executeTakeFirst();
  return client?.telegram_id ?? undefined;
}

const STAFF_CHANGE_TEXT: Record<MasterNews, string> = {
  booked: "booking-staff-client-booked",
  cancelled: "booking-staff-client-cancelled",
  moved: "booking-staff-client-moved",
};

/** Tells the client that staff booked, cancelled or moved their visit (from the panel, the bot or a time off). */
export function tellClientOfStaffChange(scope: CommandScope<BookingTables>, news: MasterNews, booking: BookingRow): Promise<boolean> {
  return tellClient(scope, booking, { dedupeKey: `booking:${booking.id}:seq:${booking.sequence}:client-staff-change`, key: STAFF_CHANGE_TEXT[news] });
}
