import type { BotyardContext } from "../../../platform/telegram/context.ts";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { RefusalReason } from "../queries/outcome.ts";
import { adminDayButton, adminHomeButton } from "../callbacks.ts";

/** Two buttons a booking (Cancel, Move) and a few more: Telegram allows 100 in a keyboard. */
export const MAX_BOOKINGS_WITH_BUTTONS = 45;

/** Callback data of the admin area's home (menu entry and "back" buttons). */
export const ADMIN_HOME = adminHomeButton.data({});

/** Callback data of a day's bookings for staff, of every master or of one. */
export function dayData(date: PlainDate, masterId?: number): string {
  return adminDayButton.data(masterId === undefined ? { date } : { date, masterId });
}

/** Why a booking, a move or a cancellation staff asked for changed nothing, in the admin's words and language. */
export function adminRefusalText(ctx: BotyardContext, reason: RefusalReason): string {
  switch (reason) {
    case "phone-invalid":
      return ctx.t("booking-admin-phone-invalid");
    case "name-missing":
      return ctx.t("booking-admin-name-invalid", { max: 100 });
    case "not-found":
    case "already-final":
      return ctx.t("booking-admin-not-changeable");
    case "unchanged":
      return ctx.t("booking-admin-unchanged");
    case "outside-hours":
    case "off-grid":
      return ctx.t("booking-admin-refused-outside-hours");
    case "in-the-past":
      return ctx.t("booking-admin-refused-in-the-past");
    case "taken":
    case "full":
      return ctx.t("booking-taken-nothing-near");
    default:
      return ctx.t("booking-admin-refused-unavailable");
  }
}
