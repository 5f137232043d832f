import { InlineKeyboard } from "grammy";
import { weekdayOf, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { formatMonth, formatVisitTime, weekdayNames } from "../domain/display.ts";
import type { DayLoad, DayMarker } from "../domain/month-calendar.ts";
import type { FreeSlot } from "../views.ts";
import type { FlowState } from "../../../platform/telegram/flows.ts";
import { dayButton, fullDayButton, monthButton, noTimesButton, timeButton } from "../callbacks.ts";

/** The callback data of a calendar's cells: another month, a day with times, a full day, and one with nothing to press (`-` for a blank or a heading). */
export interface CalendarButtons {
  month(month: string): string;
  day(date: PlainDate): string;
  full(date: PlainDate): string;
  none(load: "-" | "closed"): string;
}

/** The booking wizards' calendar buttons, on their flow's message. */
export function wizardCalendarButtons(flow: FlowState): CalendarButtons {
  return {
    month: (month) => monthButton.inFlow(flow, { month }),
    day: (date) => dayButton.inFlow(flow, { date }),
    full: (date) => fullDayButton.inFlow(flow, { date }),
    none: (load) => noTimesButton.inFlow(flow, { load }),
  };
}

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
 * Monday, then the weeks; `buttons` gives each cell its callback data.
 */
export function calendarKeyboard(input: {
  month: string;
  markers: readonly DayMarker[];
  locale: string;
  previous: boolean;
  next: boolean;
  buttons: CalendarButtons;
}): InlineKeyboard {
  const { buttons } = input;
  const keyboard = new InlineKeyboard()
    .text(input.previous ? "‹" : " ", input.previous ? buttons.month(shiftMonth(input.month, -1)) : buttons.none("-"))
    .text(formatMonth(input.month, input.locale), buttons.none("-"))
    .text(input.next ? "›" : " ", input.next ? buttons.month(shiftMonth(input.month, 1)) : buttons.none("-"))
    .row();
  for (const name of weekdayNames(input.locale)) keyboard.text(name, buttons.none("-"));
  keyboard.row();
  const first = input.markers[0];
  if (first === undefined) return keyboard;
  let column = weekdayOf(first.date) - 1;
  for (let blank = 0; blank < column; blank++) keyboard.text(" ", buttons.none("-"));
  for (const marker of input.markers) {
    const open = marker.load === "free" || marker.load === "busy";
    keyboard.text(dayLabel(marker), open ? buttons.day(marker.date) : marker.load === "full" ? buttons.full(marker.date) : buttons.none("closed"));
    column += 1;
    if (column === 7) {
      keyboard.row();
      column = 0;
    }
  }
  if (column > 0) {
    for (; column < 7; column++) keyboard.text(" ", buttons.none("-"));
  }
  return keyboard;
}

/** The callback data of a time on the flow's message: its start in whole seconds since the epoch and the master it goes to. */
function timeData(flow: FlowState, slot: FreeSlot, masterId: number): string {
  return timeButton.inFlow(flow, { seconds: Math.floor(Date.parse(slot.start) / 1000), masterId });
}

/** A day's free times as buttons, four a row; a class shows its seats left. */
export function timesKeyboard(slots: readonly FreeSlot[], masterOf: (slot: FreeSlot) => number, flow: FlowState): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  slots.slice(0, MAX_TIME_BUTTONS).forEach((slot, index) => {
    const label = slot.seatsFree > 1 ? `${slot.time} (${slot.seatsFree})` : slot.time;
    keyboard.text(label, timeData(flow, slot, masterOf(slot)));
    if ((index + 1) % TIMES_PER_ROW === 0) keyboard.row();
  });
  return keyboard;
}

/** The next free times after a refusal ("that time was just taken"), one a row with its day, all with the same master. */
export function nextFreeKeyboard(slots: readonly FreeSlot[], input: { locale: string; timeZone: string; masterId: number; flow: FlowState }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const slot of slots) keyboard.text(formatVisitTime(new Date(slot.start), input.locale, input.timeZone), timeData(input.flow, slot, input.masterId)).row();
  return keyboard;
}
