import type { Transaction } from "kysely";
import type { Translator, TranslationArgs } from "../../../platform/i18n/translator.ts";
import { chooseLocale } from "../../../platform/i18n/choose-locale.ts";
import { formatVisitTime } from "../domain/display.ts";
import type { BookingRow, Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/** What writing to a client in their language needs: the catalogue texts and the bot's languages. */
export interface ClientTexts {
  translator: Translator;
  languagesOf(botId: string): readonly string[];
}

/**
 * A booking as its client reads about it: who to write to, in which language, and the visit's
 * service, master and local time. Undefined for a phone-only client, who has no chat.
 */
export interface ClientView {
  telegramId: number;
  locale: string;
  args: TranslationArgs;
  t(key: string, args?: TranslationArgs): string;
}

/** A visit (a booking, or a slot offered from the waitlist) as its client reads about it. */
export type Visit = Pick<BookingRow, "bot_id" | "client_id" | "service_id" | "master_id" | "location_id" | "starts_at">;

export async function clientView(trx: Trx, texts: ClientTexts, booking: Visit): Promise<ClientView | undefined> {
  const row = await trx
    .selectFrom("booking_client")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.telegram_id", "=", "booking_client.telegram_id").on("bot_member.bot_id", "=", booking.bot_id))
    .leftJoin("person", "person.telegram_id", "booking_client.telegram_id")
    .select(["booking_client.telegram_id", "bot_member.language", "person.language_code"])
    .where("booking_client.id", "=", booking.client_id)
    .executeTakeFirst();
  if (row?.telegram_id == null) return undefined;
  const visit = await trx
    .selectFrom("booking_service")
    .innerJoin("booking_master", (join) => join.on("booking_master.id", "=", booking.master_id))
    .innerJoin("booking_location", (join) => join.on("booking_location.id", "=", booking.location_id))
    .select(["booking_service.name as service", "booking_master.display_name as master", "booking_location.name as location", "booking_location.time_zone"])
    .where("booking_service.id", "=", booking.service_id)
    .executeTakeFirstOrThrow();
  const locale = chooseLocale(row.language, row.language_code ?? undefined, texts.languagesOf(booking.bot_id));
  const args = { service: visit.service, master: visit.master, location: visit.location, time: formatVisitTime(booking.starts_at, locale, visit.time_zone) };
  return {
    telegramId: row.telegram_id,
    locale,
    args,
    t: (key, extra) => texts.translator.translate(booking.bot_id, locale, key, { ...args, ...extra }),
  };
}
