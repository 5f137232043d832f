import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { deadlineBefore } from "../domain/cancellation.ts";
import { formatVisitTime } from "../domain/display.ts";
import type { BookingRules } from "../domain/rules.ts";
import type { RefusalReason } from "../queries/outcome.ts";

const HOUR_MIN = 60;

/**
 * Why a booking, a move or a cancellation was refused, in the client's words and language. The
 * window refusals name the deadline when the booking is known.
 */
export function bookingRefusalText(
  ctx: BotyardContext,
  reason: RefusalReason,
  rules: BookingRules,
  booking?: { startsAt: string; timeZone: string },
): string {
  const deadline = (windowMin: number) => (booking === undefined ? "—" : formatVisitTime(deadlineBefore(new Date(booking.startsAt), windowMin), ctx.locale, booking.timeZone));
  switch (reason) {
    case "client-limit":
      return ctx.t("booking-refused-client-limit", { max: rules.maxActivePerClient });
    case "too-soon":
      return ctx.t("booking-refused-too-soon", { hours: Math.max(1, Math.ceil(rules.minNoticeMin / HOUR_MIN)) });
    case "beyond-horizon":
      return ctx.t("booking-refused-beyond-horizon", { days: rules.horizonDays });
    case "cancel-window-closed":
      return ctx.t("booking-refused-cancel-window", { deadline: deadline(rules.cancelWindowMin) });
    case "reschedule-window-closed":
      return ctx.t("booking-refused-reschedule-window", { deadline: deadline(rules.rescheduleWindowMin) });
    case "too-many-reschedules":
      return ctx.t("booking-refused-too-many-moves", { max: rules.maxReschedules });
    case "name-missing":
      return ctx.t("booking-name-invalid", { max: 100 });
    case "phone-invalid":
      return ctx.t("booking-phone-invalid");
    case "not-found":
    case "already-final":
      return ctx.t("booking-not-found");
    case "unchanged":
      return ctx.t("booking-move-unchanged");
    case "taken":
    case "full":
      return ctx.t("booking-taken-nothing-near");
    default:
      return ctx.t("booking-refused-unavailable");
  }
}
