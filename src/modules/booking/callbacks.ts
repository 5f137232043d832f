import { callbackData, field, type FieldCodec } from "../../platform/telegram/callback-data.ts";

/**
 * Every kind of button booking puts on a message, built and matched here. The data strings are
 * the ones the bot has always sent (buttons on old messages keep working); a payload that does
 * not read back as one of these is refused as expired before any handler runs.
 */

/** A master, or "any master" written as `any` (null). */
const masterChoice: FieldCodec<number | null> = {
  encode: (masterId) => (masterId === null ? "any" : String(masterId)),
  decode: (text) => (text === "any" ? null : field.id.decode(text)),
};

/** A whole number from `low` to `high`, one digit. */
function digitBetween(low: number, high: number): FieldCodec<number> {
  return {
    encode: (value) => String(value),
    decode: (text) => (/^\d$/.test(text) && Number(text) >= low && Number(text) <= high ? Number(text) : undefined),
  };
}

/** A word naming a rule; the handler checks it is one an admin may edit. */
const ruleName: FieldCodec<string> = {
  encode: (rule) => rule,
  decode: (text) => (/^\w+$/.test(text) ? text : undefined),
};

/** Active or not, as `1` / `0`. */
const onOff: FieldCodec<boolean> = {
  encode: (active) => (active ? "1" : "0"),
  decode: (text) => (text === "1" ? true : text === "0" ? false : undefined),
};

// Menus: the client's, the staff's and the admin's entry points.
export const bookButton = callbackData("booking:book");
export const myBookingsMenuButton = callbackData("booking:mine");
export const ownDayButton = callbackData("booking:day");
export const ownWeekButton = callbackData("booking:week");
export const ownFeedButton = callbackData("booking:feed");
export const adminHomeButton = callbackData("booking:admin");
export const timeOffHomeButton = callbackData("booking:timeoff");

// Someone just given the master role, linked by an admin to a master record or to a new one.
export const masterLinkButton = callbackData("bkm:link", { telegramId: field.id, masterId: field.id });
export const newMasterButton = callbackData("bkm:new", { telegramId: field.id });

// A client's bookings: `bk:list`, and one booking's card `bk:b:<booking>` with what can be done to it.
export const myBookingsButton = callbackData("bk:list");
export const myBookingButton = callbackData("bk:b", { bookingId: field.id });
export const icsButton = callbackData("bk:ics", { bookingId: field.id });
export const cancelMineButton = callbackData("bk:c", { bookingId: field.id });
export const cancelMineYesButton = callbackData("bk:cy", { bookingId: field.id });
export const moveMineButton = callbackData("bk:mv", { bookingId: field.id });

// The booking wizards' steps (the client's and the admin's), always on a flow's message: `f<n>:bk-<action>[:<argument>]`.
export const wizardCancelButton = callbackData("bk-x");
export const serviceButton = callbackData("bk-s", { serviceId: field.id });
export const masterButton = callbackData("bk-m", { masterId: masterChoice });
/** The admin moving a booking to another master, from the times. */
export const otherMasterButton = callbackData("bk-om");
export const monthButton = callbackData("bk-mo", { month: field.month });
export const dayButton = callbackData("bk-d", { date: field.date });
/** A full day: the client may join its waitlist. */
export const fullDayButton = callbackData("bk-w", { date: field.date });
/** A day without times, a blank or a heading (`-`): only a toast. */
export const noTimesButton = callbackData("bk-no", { load: field.oneOf(["-", "free", "busy", "full", "closed"]) });
/** A time: its start in whole seconds since the epoch and the master it goes to (0 for none). */
export const timeButton = callbackData("bk-t", { seconds: field.count, masterId: field.count });
export const wizardConfirmButton = callbackData("bk-ok");

// Reminders, late payments and reviews: buttons on messages the bot sends by itself.
export const reminderComeButton = callbackData("bkr:come", { bookingId: field.id });
export const reminderCancelButton = callbackData("bkr:cancel", { bookingId: field.id });
export const refundDoneButton = callbackData("bkr:done", { paymentId: field.id });
export const reviewStarsButton = callbackData("bkv", { bookingId: field.id, stars: digitBetween(1, 5) });
export const reviewSkipButton = callbackData("booking-review-skip");

// The waitlist: joining a full day (or one time of it, in minutes from midnight), an offer, one's entries.
export const waitlistJoinButton = callbackData("bkw:join", { serviceId: field.id, masterId: field.idOrNone, date: field.date, timeMin: field.optional(field.count) });
export const offerTakeButton = callbackData("bkw:take", { entryId: field.id });
export const offerSkipButton = callbackData("bkw:skip", { entryId: field.id });
export const myWaitlistButton = callbackData("bkw:mine");
export const waitlistLeaveButton = callbackData("bkw:leave", { entryId: field.id });

// A master's own day.
export const markDoneButton = callbackData("bks:done", { bookingId: field.id });
export const markNoShowButton = callbackData("bks:ns", { bookingId: field.id });

// The admin's day: `bka:day[:<date>[:<master>]]`, its calendar, and a booking's cancel and move.
export const adminDayButton = callbackData("bka:day", { date: field.optional(field.date), masterId: field.optional(field.id) });
export const adminMonthButton = callbackData("bka:cal", { month: field.month });
/** A calendar cell that leads nowhere. */
export const adminNothingButton = callbackData("bka:no");
export const adminCancelButton = callbackData("bka:cx", { bookingId: field.id });
/** Carries the booking's sequence, so a confirmation of an older state is refused. */
export const adminCancelYesButton = callbackData("bka:cxy", { bookingId: field.id, sequence: field.count });
export const adminNewButton = callbackData("bka:new");
export const adminMoveButton = callbackData("bka:mv", { bookingId: field.id });

// The admin's catalogue: services, masters and their weekly hours, rules.
export const servicesButton = callbackData("bka:svc");
export const adminServiceButton = callbackData("bka:sv", { serviceId: field.id });
export const serviceActiveButton = callbackData("bka:svon", { serviceId: field.id, active: onOff });
export const servicePriceButton = callbackData("bka:svp", { serviceId: field.id });
export const serviceDurationButton = callbackData("bka:svd", { serviceId: field.id });
export const mastersButton = callbackData("bka:mst");
export const masterActiveButton = callbackData("bka:mston", { masterId: field.id, active: onOff });
export const weeklyHoursButton = callbackData("bka:wh", { masterId: field.id });
export const weekdayHoursButton = callbackData("bka:whd", { masterId: field.id, weekday: digitBetween(1, 7) });
export const rulesButton = callbackData("bka:rules");
export const ruleButton = callbackData("bka:rule", { rule: ruleName });
/** Cancels typing a new value. */
export const editCancelButton = callbackData("ae-x");

// Time off: a master or the salon, a day, the whole day or some hours, and the bookings it hits.
export const timeOffMasterButton = callbackData("to-m", { masterId: field.id });
export const timeOffHolidayButton = callbackData("to-hol");
export const timeOffRemoveHolidayButton = callbackData("to-rh", { holidayId: field.id });
export const timeOffDayButton = callbackData("to-d", { date: field.date });
export const timeOffWholeDayButton = callbackData("to-off");
export const timeOffHoursButton = callbackData("to-h");
/** What to do with a hit booking: move it to master `masterId`, or cancel it (0). */
export const timeOffResolveButton = callbackData("to-r", { bookingId: field.id, masterId: field.count });
export const timeOffApplyButton = callbackData("to-ok");
export const timeOffCancelButton = callbackData("to-x");
