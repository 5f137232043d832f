import { InlineKeyboard } from "grammy";
import { weekdayOf } from "../../../platform/domain/zoned-time.ts";
import { formatMonth, formatVisitTime, weekdayNames } from "../domain/display.ts";
import type { DayLoad, DayMarker } from "../domain/month-calendar.ts";
import type { FreeSlot } from "../service/presenter.ts";

/** Telegram allows 100 buttons in a keyboard; a day's times stop short of that, with room for "back". */
const MAX_TIME_BUTTONS = 96;
const TIMES_PER_ROW = 4;

/** A day's label on the calendar: "12" free, "12·" some times taken, "12✕" full, "·" closed. */
export function dayLabel(marker: DayMarker): string {
  const day = String(Number(marker.date.slice(8, 10)));
  const labels: Record<DayLoad, string> = { free: day, busy: `${day}·`, full: `${day}✕`, closed: "·" };
  return labels[marker.load];
}

/** The month after or before `month` ("2026-12" -> "2027-01"). */
export function shiftMonth(month: string, by: 1 | -1): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const shifted = new Date(Date.UTC(year, number - 1 + by, 1));
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * A month as an inline keyboard: the title with previous / next where allowed, the weekdays from
 * Monday, then the weeks. `button(action)` turns an action into the flow's callback data: a day
 * with times left is `bk-d:<date>`, a full day `bk-w:<date>` (offers the waitlist), a day without
 * any other `bk-no:<load>`, a blank or a heading `bk-no:-`.
 */
export function calendarKeyboard(input: {
  month: string;
  markers: readonly DayMarker[];
  locale: string;
  previous: boolean;
  next: boolean;
  button: (action: string) => string;
}): InlineKeyboard {
  const { button } = input;
  const keyboard = new InlineKeyboard()
    .text(input.previous ? "‹" : " ", button(input.previous ? `bk-mo:${shiftMonth(input.month, -1)}` : "bk-no:-"))
    .text(formatMonth(input.month, input.locale), button("bk-no:-"))
    .text(input.next ? "›" : " ", button(input.next ? `bk-mo:${shiftMonth(input.month, 1)}` : "bk-no:-"))
    .row();
  for (const name of weekdayNames(input.locale)) keyboard.text(name, button("bk-no:-"));
  keyboard.row();
  const first = input.markers[0];
  if (first === undefined) return keyboard;
  let column = weekdayOf(first.date) - 1;
  for (let blank = 0; blank < column; blank++) keyboard.text(" ", button("bk-no:-"));
  for (const marker of input.markers) {
    const open = marker.load === "free" || marker.load === "busy";
    keyboard.text(dayLabel(marker), button(open ? `bk-d:${marker.date}` : marker.load === "full" ? `bk-w:${marker.date}` : `bk-no:${marker.load}`));
    column += 1;
    if (column === 7) {
      keyboard.row();
      column = 0;
    }
  }
  if (column > 0) {
    for (; column < 7; column++) keyboard.text(" ", button("bk-no:-"));
  }
  return keyboard;
}

/** The callback action of a time: its start in whole seconds since the epoch and the master it goes to. */
export function timeAction(slot: FreeSlot, masterId: number): string {
  return `bk-t:${Math.floor(Date.parse(slot.start) / 1000)}:${masterId}`;
}

/** A day's free times as buttons, four a row; a class shows its seats left. */
export function timesKeyboard(slots: readonly FreeSlot[], masterOf: (slot: FreeSlot) => number, button: (action: string) => string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  slots.slice(0, MAX_TIME_BUTTONS).forEach((slot, index) => {
    const label = slot.seatsFree > 1 ? `${slot.time} (${slot.seatsFree})` : slot.time;
    keyboard.text(label, button(timeAction(slot, masterOf(slot))));
    if ((index + 1) % TIMES_PER_ROW === 0) keyboard.row();
  });
  return keyboard;
}

/** The next free times after a refusal ("that time was just taken"), one a row with its day, all with the same master. */
export function nextFreeKeyboard(slots: readonly FreeSlot[], input: { locale: string; timeZone: string; masterId: number; button: (action: string) => string }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const slot of slots) keyboard.text(formatVisitTime(new Date(slot.start), input.locale, input.timeZone), input.button(timeAction(slot, input.masterId))).row();
  return keyboard;
}
