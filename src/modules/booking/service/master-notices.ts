import type { Transaction } from "kysely";
import type { Translator } from "../../../platform/i18n/translator.ts";
import { chooseLocale } from "../../../platform/i18n/choose-locale.ts";
import { enqueueOutbox } from "../../../platform/telegram/outbox.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { formatVisitTime } from "../domain/display.ts";
import type { Tables } from "../repo.ts";
import type { BookingView } from "./presenter.ts";

type Trx = Transaction<Tables>;

/** What happened to a booking that its master hears about. */
export type MasterNews = "booked" | "cancelled" | "moved";

const TEXT: Record<MasterNews, string> = {
  booked: "booking-master-new",
  cancelled: "booking-master-cancelled",
  moved: "booking-master-moved",
};

/**
 * Queues a notice of a new, cancelled or moved booking to its master, when a Telegram account is
 * linked to them, in their language. Call it in the transaction of the use case that made the
 * change: the notice goes out if and only if the change commits. A move to another master tells
 * the one who lost the visit that it was cancelled for them. The dedupe key names the booking and
 * its calendar sequence, which every change raises, so a replayed update queues nothing twice.
 * Returns how many notices were queued.
 */
export async function tellMasters(
  trx: Trx,
  translator: Translator,
  input: { botId: string; languages: readonly string[]; news: MasterNews; booking: BookingView; before?: BookingView },
): Promise<number> {
  const { booking, before } = input;
  const notices: { masterId: number; news: MasterNews }[] = [{ masterId: booking.masterId, news: input.news }];
  if (before !== undefined && before.masterId !== booking.masterId) notices.push({ masterId: before.masterId, news: "cancelled" });
  let queued = 0;
  for (const notice of notices) {
    const details = await trx
      .selectFrom("booking")
      .innerJoin("booking_service", "booking_service.id", "booking.service_id")
      .innerJoin("booking_client", "booking_client.id", "booking.client_id")
      .innerJoin("booking_location", "booking_location.id", "booking.location_id")
      .innerJoin("booking_master", (join) => join.on("booking_master.id", "=", notice.masterId))
      .leftJoin("person", "person.telegram_id", "booking_master.telegram_id")
      .leftJoin("bot_member", (join) => join.onRef("bot_member.telegram_id", "=", "booking_master.telegram_id").on("bot_member.bot_id", "=", input.botId))
      .select([
        "booking_master.telegram_id",
        "booking_service.name as service_name",
        "booking_client.name as client_name",
        "booking_client.phone as client_phone",
        "booking_location.time_zone",
        "bot_member.language",
        "person.language_code",
      ])
      .where("booking.id", "=", booking.id)
      .executeTakeFirst();
    if (details?.telegram_id == null) continue;
    const locale = chooseLocale(details.language, details.language_code ?? undefined, input.languages);
    const when = (start: string) => formatVisitTime(new Date(start), locale, details.time_zone);
    const text = translator.translate(input.botId, locale, TEXT[notice.news], {
      service: details.service_name,
      client: details.client_name,
      phone: details.client_phone ?? "—",
      when: when(notice.news === "cancelled" && before !== undefined ? before.startsAt : booking.startsAt),
      previous: before === undefined ? "" : when(before.startsAt),
      price: formatMoney(booking.priceMinor, booking.currency, locale),
    });
    const added = await enqueueOutbox(trx, {
      botId: input.botId,
      chatId: details.telegram_id,
      method: "sendMessage",
      payload: { chat_id: details.telegram_id, text },
      dedupeKey: `booking:${booking.id}:seq:${booking.sequence}:master:${notice.masterId}`,
    });
    if (added) queued += 1;
  }
  return queued;
}
