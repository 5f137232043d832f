import type { Transaction } from "kysely";
import type { ModuleContext } from "../../../platform/module.ts";
import { clientView, queueMessage, type Messenger } from "../client-notice.ts";
import type { Tables } from "../repo.ts";
import { tellMasters, type MasterNews } from "./master-notices.ts";
import type { BookingView } from "./presenter.ts";

type Trx = Transaction<Tables>;

const CLIENT_TEXT: Record<MasterNews, string> = {
  booked: "booking-staff-client-booked",
  cancelled: "booking-staff-client-cancelled",
  moved: "booking-staff-client-moved",
};

/**
 * Tells the master (through the module's master notices) and the client (when they have a chat
 * with the bot; a phone-only walk-in has none) that staff booked, cancelled or moved a visit, from
 * the panel or the bot. Runs in the use case's transaction, so the notices go out if and only if
 * the change commits; the dedupe keys name the booking's calendar sequence, which every change raises.
 */
export async function tellAboutStaffChange(
  trx: Trx,
  context: Pick<ModuleContext, "translator" | "settings" | "clock">,
  input: { botId: string; news: MasterNews; booking: BookingView; before?: BookingView },
): Promise<void> {
  const messenger: Messenger = {
    translator: context.translator,
    languagesOf: (botId) => context.settings.of(botId).languages,
    now: () => context.clock.now(),
  };
  await tellOfStaffChange(trx, messenger, input);
}

/** {@link tellAboutStaffChange} for callers that hold a messenger (use cases, jobs, tests). */
export async function tellOfStaffChange(trx: Trx, messenger: Messenger, input: { botId: string; news: MasterNews; booking: BookingView; before?: BookingView }): Promise<void> {
  await tellMasters(trx, messenger.translator, { ...input, languages: messenger.languagesOf(input.botId) });
  const row = await trx.selectFrom("booking").selectAll().where("id", "=", input.booking.id).executeTakeFirstOrThrow();
  const client = await clientView(trx, messenger, row);
  if (client === undefined) return;
  await queueMessage(trx, {
    botId: input.botId,
    chatId: client.telegramId,
    text: client.t(CLIENT_TEXT[input.news]),
    dedupeKey: `booking:${input.booking.id}:seq:${input.booking.sequence}:client-staff-change`,
  });
}
