import type { Transaction } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import type { BookingIntent, BookingRefusal } from "../domain/decide-booking.ts";
import type { StatusRefusal } from "../domain/status.ts";
import type { Tables } from "../tables.ts";
import { nextFreeSlots } from "./next-free.ts";
import type { LoadedOffer } from "./offer.ts";
import type { BookingView, FreeSlot } from "../views.ts";

type Trx = Transaction<Tables>;

/**
 * Why a booking use case changed nothing. Besides the engine's reasons (`BookingRefusal`) and
 * the status machine's (`StatusRefusal`): the master does not offer the service (`not-offered`),
 * there is no such booking of this person (`not-found`), the client's name or phone cannot be
 * used, the client named by staff is unknown, the cancel window closed, the move would change
 * nothing (`unchanged`), or the booking changed since the person saw it (`changed`).
 */
export type RefusalReason =
  | BookingRefusal
  | StatusRefusal
  | "not-offered"
  | "not-found"
  | "name-missing"
  | "phone-invalid"
  | "client-unknown"
  | "cancel-window-closed"
  | "unchanged"
  | "changed";

/** A refusal. When the time was taken (or the class filled) meanwhile, `nextFree` offers the next times. */
export type Refused = { ok: false; reason: "taken" | "full"; nextFree: FreeSlot[] } | { ok: false; reason: Exclude<RefusalReason, "taken" | "full"> };

export type BookingOutcome = { ok: true; booking: BookingView } | Refused;

/** A refusal that wrote nothing, so no audit row. */
export function refused(reason: Exclude<RefusalReason, "taken" | "full">): UseCaseOutcome<Refused> {
  return { result: { ok: false, reason }, audit: null };
}

/** A refusal for `reason`, with the next free times when the time itself was the problem. */
export async function refusedAt(
  trx: Trx,
  reason: RefusalReason,
  at: { offer: LoadedOffer; intent: BookingIntent; start: Date; now: Date },
): Promise<UseCaseOutcome<Refused>> {
  if (reason !== "taken" && reason !== "full") return refused(reason);
  const nextFree = await nextFreeSlots(trx, at.offer, at.intent, at.start, at.now);
  return { result: { ok: false, reason, nextFree }, audit: null };
}

/** Called after the engine accepted a time and before anything is written. */
export interface WriteHooks {
  /**
   * Tests make this a barrier, so racing transactions have all passed the rule check before any
   * of them writes; the database alone must then keep the time from being booked twice.
   */
  onDecided?: (trx: Trx) => Promise<void>;
}
