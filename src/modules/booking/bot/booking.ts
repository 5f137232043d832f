import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { addDays, instantToZoned } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { phoneFromContact } from "../../../platform/domain/phone.ts";
import { calendarKeyboard, nextFreeKeyboard, timesKeyboard, wizardCalendarButtons } from "./calendar.ts";
import { defineWizard, slotPickerSteps, type WizardDraft, type WizardFlow } from "./slot-picker.ts";
import { onCallback, type CallbackData } from "../../../platform/telegram/callback-data.ts";
import { bookingRefusalText } from "./refusals.ts";
import { pressedInFlow, readsOf } from "./support.ts";
import { clientMayBookMore } from "../domain/decide-booking.ts";
import { formatDay, formatVisitTime } from "../domain/display.ts";
import { mayClientReschedule } from "../domain/cancellation.ts";
import { bookAppointment } from "../commands/book-appointment.ts";
import { rescheduleBooking } from "../commands/reschedule-booking.ts";
import { bookButton, fullDayButton, icsButton, masterButton, monthButton, myBookingsButton, serviceButton, waitlistJoinButton, wizardCancelButton, wizardConfirmButton } from "../callbacks.ts";
import { clientByTelegram, upcomingBookingCount } from "../queries/clients.ts";
import { rulesOfService } from "../queries/rules.ts";
import { daySlots, monthAvailability } from "../queries/availability.ts";
import { mastersForService, serviceToBook, servicesToBook, timeZoneOfService } from "../queries/catalogue-lists.ts";
import { bookingOfClient, clientProfile, type ClientBooking } from "../queries/client-bookings.ts";
import type { FreeSlot } from "../views.ts";
import { addressOfMaster } from "../queries/locations.ts";

export const BOOKING_FLOW = "booking";
/** The client's booking wizard; moving a booking runs it too. */
const bookingFlow = defineWizard(BOOKING_FLOW);
const MAX_NAME_LENGTH = 100;

/**
 * Booking in the bot: service -> master or "any master" -> a month calendar with load markers ->
 * the day's times -> name and phone (asked once per client) -> summary -> confirm. Moving a
 * booking ("My bookings" -> Reschedule) runs the same calendar and times. Nothing a button says
 * is trusted: the command decides again when the client confirms (and tells the master).
 */
export function bookingFlowComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const db = readsOf(context);

  const begin = async (ctx: BotyardContext) => {
    const services = await servicesToBook(db, ctx.botId);
    if (services.length === 0) {
      await ctx.reply(ctx.t("booking-no-services"));
      return;
    }
    const flow = await ctx.commit("booking-start", (trx) => bookingFlow.start(trx, flowKeyOf(ctx), "service", { mode: "new" }));
    const keyboard = new InlineKeyboard();
    for (const service of services) {
      const price = formatMoney(service.priceMinor, service.currency, ctx.locale);
      keyboard.text(ctx.t("booking-service-button", { name: service.name, minutes: service.durationMin, price }), serviceButton.inFlow(flow, { serviceId: service.id })).row();
    }
    keyboard.text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {}));
    await ctx.reply(ctx.t("booking-choose-service"), { reply_markup: keyboard });
  };
  privateChats.command("book", begin);
  onCallback(privateChats, bookButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await begin(ctx);
  });

  /** The month calendar of the draft's service and master, as a new message or in place of the pressed one. */
  const showCalendar = async (ctx: BotyardContext, flow: WizardFlow, how: "reply" | "edit") => {
    const draft = flow.data;
    if (draft.serviceId === undefined || draft.month === undefined) return;
    const now = context.clock.now();
    const timeZone = (await timeZoneOfService(db, ctx.botId, draft.serviceId)) ?? "UTC";
    const rules = await rulesOfService(db, ctx.botId, draft.serviceId);
    const today = instantToZoned(now, timeZone).date;
    const lastMonth = addDays(today, rules.horizonDays).slice(0, 7);
    const markers = await monthAvailability(db, {
      botId: ctx.botId,
      serviceId: draft.serviceId,
      ...(draft.masterId == null ? {} : { masterId: draft.masterId }),
      now,
      // A move does not count against the client's limit: the booking moved is one of theirs.
      clientActiveBookings: draft.mode === "new" ? await activeBookings(ctx) : 0,
      month: draft.month,
    });
    const keyboard = calendarKeyboard({
      month: draft.month,
      markers,
      locale: ctx.locale,
      previous: draft.month > today.slice(0, 7),
      next: draft.month < lastMonth,
      buttons: wizardCalendarButtons(flow),
    }).row();
    keyboard.text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {}));
    const text = ctx.t("booking-choose-day");
    if (how === "edit") await ctx.editMessageText(text, { reply_markup: keyboard });
    else await ctx.reply(text, { reply_markup: keyboard });
  };

  const activeBookings = async (ctx: BotyardContext): Promise<number> => {
    const client = await clientByTelegram(db, ctx.botId, ctx.from?.id ?? 0);
    return client === undefined ? 0 : upcomingBookingCount(db, client.id, context.clock.now());
  };

  /** The summary of what is about to be booked (or where the booking moves), with Confirm. */
  const showSummary = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    if (draft.serviceId === undefined || draft.start === undefined || draft.slotMasterId === undefined) return;
    const service = await serviceToBook(db, ctx.botId, draft.serviceId);
    const master = (await mastersForService(db, ctx.botId, draft.serviceId)).find((candidate) => candidate.id === draft.slotMasterId);
    const timeZone = (await timeZoneOfService(db, ctx.botId, draft.serviceId)) ?? "UTC";
    const address = await addressOfMaster(db, draft.slotMasterId);
    if (service === undefined || master === undefined) {
      await ctx.reply(ctx.t("booking-service-gone"));
      return;
    }
    const args = {
      service: service.name,
      master: master.name,
      when: formatVisitTime(new Date(draft.start), ctx.locale, timeZone),
      price: formatMoney(master.priceMinor, service.currency, ctx.locale),
      address: address ?? "—",
    };
    await ctx.reply(ctx.t(draft.mode === "new" ? "booking-summary" : "booking-move-summary", args), {
      reply_markup: new InlineKeyboard().text(ctx.t("booking-confirm"), wizardConfirmButton.inFlow(flow, {})).text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {})),
    });
  };

  /** After a time: the client's name, then their phone, unless they gave them before; then the summary. */
  const askWhatIsMissing = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    if (draft.mode === "new") {
      const profile = await clientProfile(db, ctx.botId, ctx.from?.id ?? 0);
      const name = draft.name ?? profile?.name;
      const phone = draft.phone ?? profile?.phone ?? undefined;
      if (name === undefined) {
        const asking = await ctx.commit("booking-ask-name", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "name"));
        await ctx.reply(ctx.t("booking-ask-name"), { reply_markup: new InlineKeyboard().text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(asking, {})) });
        return;
      }
      if (phone === undefined) {
        await ctx.commit("booking-ask-phone", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "phone", { name }));
        await ctx.reply(ctx.t("booking-ask-phone"), { reply_markup: new Keyboard().requestContact(ctx.t("booking-share-contact")).resized().oneTime() });
        return;
      }
    }
    const confirming = await ctx.commit("booking-summary", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "confirm"));
    await showSummary(ctx, confirming);
  };

  /** The times of a day; none left answers with a toast and keeps the calendar. */
  const showTimes = async (ctx: BotyardContext, flow: WizardFlow, date: string) => {
    const draft = flow.data;
    if (draft.serviceId === undefined) return;
    const slots = await daySlots(db, {
      botId: ctx.botId,
      serviceId: draft.serviceId,
      ...(draft.masterId == null ? {} : { masterId: draft.masterId }),
      now: context.clock.now(),
      clientActiveBookings: draft.mode === "new" ? await activeBookings(ctx) : 0,
      date,
    });
    if (slots.length === 0) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-day-none-left") });
      return;
    }
    await ctx.answerCallbackQuery();
    const choosing = await ctx.commit("booking-day", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "time", { date }));
    const fixedMaster = draft.masterId ?? null;
    const keyboard = timesKeyboard(slots, (slot) => fixedMaster ?? slot.masterId ?? 0, choosing).row();
    keyboard.text(ctx.t("booking-back-to-calendar"), monthButton.inFlow(choosing, { month: date.slice(0, 7) })).text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(choosing, {}));
    await ctx.reply(ctx.t("booking-choose-time", { day: formatDay(date, ctx.locale) }), { reply_markup: keyboard });
  };

  // The admin's booking wizard shares these buttons; each wizard answers only on its own flow's message.
  const wizard = privateChats.filter((ctx) => ctx.flow?.name === bookingFlow.name);
  const onStep = <Values,>(kind: CallbackData<Values>, handler: (ctx: BotyardContext, flow: WizardFlow, draft: WizardDraft, values: Values) => Promise<unknown>) =>
    onCallback(wizard, kind, async (ctx, values) => {
      const flow = bookingFlow.of(ctx);
      if (flow === undefined || !pressedInFlow(ctx)) return expired(ctx);
      await handler(ctx, flow, flow.data, values);
    });
  const expired = (ctx: BotyardContext) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") });

  onStep(wizardCancelButton, async (ctx) => {
    await ctx.commit("booking-cancel-flow", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-flow-cancelled"), { reply_markup: { remove_keyboard: true } });
  });

  onStep(fullDayButton, async (ctx, _flow, draft, { date }) => {
    // A full day: a new booking may queue for it on the waitlist; a move only says so.
    if (draft.mode !== "new" || draft.serviceId === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-day-full") });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-day-full-waitlist", { day: formatDay(date, ctx.locale) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("booking-waitlist-join"), waitlistJoinButton.data({ serviceId: draft.serviceId, masterId: draft.masterId ?? null, date })),
    });
  });

  onStep(serviceButton, async (ctx, flow, _draft, { serviceId }) => {
    const service = flow.step === "service" ? await serviceToBook(db, ctx.botId, serviceId) : undefined;
    if (service === undefined) return expired(ctx);
    await ctx.answerCallbackQuery();
    const rules = await rulesOfService(db, ctx.botId, service.id);
    if (!clientMayBookMore(await activeBookings(ctx), rules)) {
      await ctx.commit("booking-limit", (trx) => endFlow(trx, flowKeyOf(ctx)));
      await ctx.reply(ctx.t("booking-refused-client-limit", { max: rules.maxActivePerClient }));
      return;
    }
    const masters = await mastersForService(db, ctx.botId, service.id);
    const choosing = await ctx.commit("booking-service", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "master", { serviceId: service.id }));
    const keyboard = new InlineKeyboard();
    for (const master of masters) {
      const label = master.priceMinor === service.priceMinor ? master.name : `${master.name} · ${formatMoney(master.priceMinor, service.currency, ctx.locale)}`;
      keyboard.text(label, masterButton.inFlow(choosing, { masterId: master.id })).row();
    }
    if (masters.length > 1) keyboard.text(ctx.t("booking-any-master"), masterButton.inFlow(choosing, { masterId: null })).row();
    keyboard.text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(choosing, {}));
    await ctx.reply(ctx.t("booking-choose-master", { service: service.name }), { reply_markup: keyboard });
  });

  onStep(masterButton, async (ctx, flow, draft, { masterId }) => {
    const masters = draft.serviceId === undefined ? [] : await mastersForService(db, ctx.botId, draft.serviceId);
    if (flow.step !== "master" || draft.serviceId === undefined || (masterId !== null && !masters.some((master) => master.id === masterId))) return expired(ctx);
    await ctx.answerCallbackQuery();
    const timeZone = (await timeZoneOfService(db, ctx.botId, draft.serviceId)) ?? "UTC";
    const month = instantToZoned(context.clock.now(), timeZone).date.slice(0, 7);
    const choosing = await ctx.commit("booking-master", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "day", { masterId, month }));
    await showCalendar(ctx, choosing, "reply");
  });

  slotPickerSteps(db, {
    wizard: bookingFlow,
    composer: wizard,
    commits: "booking",
    monthAllowed: async (ctx, flow, month) => {
      const serviceId = flow.data.serviceId ?? 0;
      const timeZone = (await timeZoneOfService(db, ctx.botId, serviceId)) ?? "UTC";
      const rules = await rulesOfService(db, ctx.botId, serviceId);
      const today = instantToZoned(context.clock.now(), timeZone).date;
      const allowed = month >= today.slice(0, 7) && month <= addDays(today, rules.horizonDays).slice(0, 7);
      if (!allowed) await ctx.answerCallbackQuery({ text: ctx.t("booking-month-out-of-range") });
      return allowed;
    },
    showCalendar,
    calendarFromTimes: "edit",
    dayChosen: showTimes,
    timeChosen: async (ctx, flow, time) => {
      const chosen = await ctx.commit("booking-time", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "time", time));
      await askWhatIsMissing(ctx, chosen);
    },
  });

  onStep(wizardConfirmButton, async (ctx, flow) => {
    if (flow.step !== "confirm") return expired(ctx);
    await ctx.answerCallbackQuery();
    await confirm(ctx, flow);
  });

  const confirm = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    const { serviceId, start, slotMasterId } = draft;
    if (serviceId === undefined || start === undefined || slotMasterId === undefined) return;
    let outcome;
    if (draft.mode === "new") {
      const profile = await clientProfile(db, ctx.botId, ctx.from?.id ?? 0);
      const phone = draft.phone ?? profile?.phone ?? undefined;
      const name = draft.name ?? profile?.name ?? "";
      outcome = await ctx.run(bookAppointment, { masterId: slotMasterId, serviceId, start: new Date(start), name, ...(phone === undefined ? {} : { phone }) });
    } else {
      outcome = await ctx.run(rescheduleBooking, { bookingId: draft.bookingId ?? 0, by: "client", start: new Date(start) });
    }
    // A time taken meanwhile keeps the flow at the times, so the next free ones can be pressed.
    if (outcome.ok || (outcome.reason !== "taken" && outcome.reason !== "full")) await ctx.commit("booking-confirm-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
    else await ctx.commit("booking-confirm-times", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "time"));

    if (outcome.ok) {
      const booking = outcome.booking;
      const details = await bookingOfClient(db, ctx.botId, ctx.from?.id ?? 0, booking.id);
      await ctx.reply(
        ctx.t(draft.mode === "new" ? "booking-confirmed" : "booking-moved", {
          service: details?.serviceName ?? "",
          master: details?.masterName ?? "",
          when: formatVisitTime(new Date(booking.startsAt), ctx.locale, details?.timeZone ?? "UTC"),
          address: details?.address ?? "—",
        }),
        {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("booking-add-to-calendar"), icsButton.data({ bookingId: booking.id }))
            .row()
            .text(ctx.t("booking-my-bookings"), myBookingsButton.data({})),
        },
      );
      return;
    }
    if (outcome.reason === "taken" || outcome.reason === "full") {
      await offerNextFree(ctx, flow, outcome.nextFree, slotMasterId);
      return;
    }
    const rules = await rulesOfService(db, ctx.botId, serviceId);
    // A move refused for its window names the deadline: the time the booking still stands at.
    const moving = draft.mode === "new" ? undefined : await bookingOfClient(db, ctx.botId, ctx.from?.id ?? 0, draft.bookingId ?? 0);
    await ctx.reply(bookingRefusalText(ctx, outcome.reason, rules, moving));
  };

  /** "That time was just taken": the next free times of the same master, as buttons of the same flow. */
  const offerNextFree = async (ctx: BotyardContext, flow: WizardFlow, nextFree: readonly FreeSlot[], masterId: number) => {
    if (nextFree.length === 0) {
      await ctx.reply(ctx.t("booking-taken-nothing-near"), {
        reply_markup: new InlineKeyboard().text(ctx.t("booking-back-to-calendar"), monthButton.inFlow(flow, { month: flow.data.date?.slice(0, 7) ?? flow.data.month ?? "" })),
      });
      return;
    }
    const timeZone = (await timeZoneOfService(db, ctx.botId, flow.data.serviceId ?? 0)) ?? "UTC";
    const keyboard = nextFreeKeyboard(nextFree, { locale: ctx.locale, timeZone, masterId, flow });
    keyboard.text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {}));
    await ctx.reply(ctx.t("booking-taken"), { reply_markup: keyboard });
  };

  privateChats.on("message", async (ctx, next) => {
    const flow = bookingFlow.of(ctx);
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    if (flow.step === "name") {
      const name = ctx.message.text?.trim().replace(/\s+/g, " ") ?? "";
      if (name === "" || name.length > MAX_NAME_LENGTH) {
        await ctx.reply(ctx.t("booking-name-invalid", { max: MAX_NAME_LENGTH }));
        return;
      }
      const asking = await ctx.commit("booking-name", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "phone", { name }));
      await askWhatIsMissing(ctx, asking);
      return;
    }
    if (flow.step === "phone") {
      const contact = ctx.message.contact;
      if (contact === undefined) {
        await ctx.reply(ctx.t("booking-phone-use-button"), { reply_markup: new Keyboard().requestContact(ctx.t("booking-share-contact")).resized().oneTime() });
        return;
      }
      const phone = contact.user_id === ctx.from.id ? phoneFromContact(contact.phone_number) : undefined;
      if (phone === undefined) {
        await ctx.reply(ctx.t(contact.user_id === ctx.from.id ? "booking-phone-invalid" : "booking-contact-not-yours"));
        return;
      }
      const confirming = await ctx.commit("booking-phone", (trx) => bookingFlow.advance(trx, flowKeyOf(ctx), flow, "confirm", { phone }));
      await ctx.reply(ctx.t("booking-contact-thanks"), { reply_markup: { remove_keyboard: true } });
      await showSummary(ctx, confirming);
      return;
    }
    return next();
  });

  return composer;
}

/**
 * Starts moving a client's booking: the same calendar and times, for its service and master. A
 * move outside the reschedule window or past the maximum is refused at once with why (the use
 * case checks again when the client confirms).
 */
export async function startMove(context: ModuleContext, ctx: BotyardContext, booking: ClientBooking): Promise<void> {
  const db = readsOf(context);
  const now = context.clock.now();
  const rules = await rulesOfService(db, ctx.botId, booking.serviceId);
  const check = mayClientReschedule({ now, visitStart: new Date(booking.startsAt), rules, rescheduleCount: booking.rescheduleCount });
  if (!check.ok) {
    await ctx.reply(bookingRefusalText(ctx, check.reason, rules, booking));
    return;
  }
  const month = instantToZoned(now, booking.timeZone).date.slice(0, 7);
  const draft: WizardDraft = { mode: "move", bookingId: booking.id, serviceId: booking.serviceId, masterId: booking.masterId, month };
  const flow = await ctx.commit("booking-move-start", (trx) => bookingFlow.start(trx, flowKeyOf(ctx), "day", draft));
  const markers = await monthAvailability(db, { botId: ctx.botId, serviceId: booking.serviceId, masterId: booking.masterId, now, clientActiveBookings: 0, month });
  const lastMonth = addDays(instantToZoned(now, booking.timeZone).date, rules.horizonDays).slice(0, 7);
  const keyboard = calendarKeyboard({ month, markers, locale: ctx.locale, previous: false, next: month < lastMonth, buttons: wizardCalendarButtons(flow) }).row();
  keyboard.text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {}));
  await ctx.reply(ctx.t("booking-move-choose-day", { when: formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone) }), { reply_markup: keyboard });
}
