import { Composer, InlineKeyboard } from "grammy";
import { instantToZoned } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { phoneFromContact } from "../../../platform/domain/phone.ts";
import { adminRefusalText, ADMIN_HOME, dayData } from "./admin-texts.ts";
import { calendarKeyboard, nextFreeKeyboard, shiftMonth, timesKeyboard, wizardCalendarButtons } from "./calendar.ts";
import { defineWizard, slotPickerSteps, type WizardDraft, type WizardFlow } from "./slot-picker.ts";
import { onCallback, type CallbackData } from "../../../platform/telegram/callback-data.ts";
import { adminMoveButton, adminNewButton, fullDayButton, masterButton, monthButton, otherMasterButton, serviceButton, wizardCancelButton, wizardConfirmButton } from "../callbacks.ts";
import { pressedInFlow, readsOf } from "./support.ts";
import { formatDay, formatVisitTime } from "../domain/display.ts";
import { adminBook } from "../commands/admin-book.ts";
import { rescheduleBooking } from "../commands/reschedule-booking.ts";
import { clientByPhone } from "../queries/clients.ts";
import { typedPhone } from "../queries/typed-phone.ts";
import { daySlots, monthAvailability } from "../queries/availability.ts";
import { mastersForService, serviceToBook, servicesToBook, timeZoneOfService } from "../queries/catalogue-lists.ts";
import { staffBooking } from "../queries/staff-calendar.ts";

export const ADMIN_BOOKING_FLOW = "booking-admin";
/** Staff's booking wizard, for a new booking or a move. */
const adminBookingFlow = defineWizard(ADMIN_BOOKING_FLOW);
const MAX_NAME_LENGTH = 100;
/** Staff book past the clients' horizon; the calendar still stops a year ahead. */
const MONTHS_AHEAD = 12;

/**
 * Staff book and move visits on a client's behalf in the bot (permission `booking.manage`). A new
 * booking: service -> master or any -> the month calendar -> the day's free times -> the client's
 * name -> their phone, typed or a shared contact (a phone-only walk-in, or the phone of a client who uses the bot) ->
 * summary -> confirm. A move starts at the booking's day with its master's free times, another day
 * or another master a press away. The calendar and the times are the client flow's; every choice
 * is decided again by the use case on confirm, and the master and the client are told through the
 * outbox in the same transaction.
 */
export function adminBookingComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);

  const zoneOf = async (ctx: BotyardContext, serviceId: number) => (await timeZoneOfService(db, ctx.botId, serviceId)) ?? context.settings.of(ctx.botId).timeZone;
  const cancelButton = (ctx: BotyardContext, flow: WizardFlow) => new InlineKeyboard().text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {}));

  onCallback(privateChats, adminNewButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    const services = await servicesToBook(db, ctx.botId);
    if (services.length === 0) {
      await ctx.reply(ctx.t("booking-no-services"));
      return;
    }
    const flow = await ctx.commit("booking-admin-start", (trx) => adminBookingFlow.start(trx, flowKeyOf(ctx), "service", { mode: "new" }));
    const keyboard = new InlineKeyboard();
    for (const service of services) {
      const price = formatMoney(service.priceMinor, service.currency, ctx.locale);
      keyboard.text(ctx.t("booking-service-button", { name: service.name, minutes: service.durationMin, price }), serviceButton.inFlow(flow, { serviceId: service.id })).row();
    }
    await ctx.reply(ctx.t("booking-admin-choose-service"), { reply_markup: keyboard.append(cancelButton(ctx, flow)) });
  }, manage);

  onCallback(privateChats, adminMoveButton, async (ctx, { bookingId }) => {
    await ctx.answerCallbackQuery();
    const booking = await staffBooking(db, ctx.botId, bookingId);
    if (booking === undefined || (booking.status !== "pending" && booking.status !== "confirmed")) {
      await ctx.reply(ctx.t("booking-admin-not-changeable"));
      return;
    }
    const date = instantToZoned(new Date(booking.startsAt), booking.timeZone).date;
    const draft: WizardDraft = { mode: "move", bookingId: booking.id, serviceId: booking.serviceId, masterId: booking.masterId, date, month: date.slice(0, 7) };
    const flow = await ctx.commit("booking-admin-move-start", (trx) => adminBookingFlow.start(trx, flowKeyOf(ctx), "time", draft));
    await ctx.reply(ctx.t("booking-admin-move-what", { client: booking.clientName, service: booking.serviceName, master: booking.masterName, when: formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone) }));
    await showTimes(ctx, flow);
  }, manage);

  /** The month calendar of the draft's service and master. */
  const showCalendar = async (ctx: BotyardContext, flow: WizardFlow, how: "reply" | "edit") => {
    const draft = flow.data;
    if (draft.serviceId === undefined || draft.month === undefined) return;
    const now = context.clock.now();
    const thisMonth = instantToZoned(now, await zoneOf(ctx, draft.serviceId)).date.slice(0, 7);
    const markers = await monthAvailability(db, { botId: ctx.botId, serviceId: draft.serviceId, ...(draft.masterId == null ? {} : { masterId: draft.masterId }), now, month: draft.month });
    let lastMonth = thisMonth;
    for (let month = 0; month < MONTHS_AHEAD; month++) lastMonth = shiftMonth(lastMonth, 1);
    const keyboard = calendarKeyboard({
      month: draft.month,
      markers,
      locale: ctx.locale,
      previous: draft.month > thisMonth,
      next: draft.month < lastMonth,
      buttons: wizardCalendarButtons(flow),
    }).row();
    keyboard.append(cancelButton(ctx, flow));
    if (how === "edit") await ctx.editMessageText(ctx.t("booking-choose-day"), { reply_markup: keyboard });
    else await ctx.reply(ctx.t("booking-choose-day"), { reply_markup: keyboard });
  };

  /** The free times of the draft's day: the engine's slots for staff (no notice, horizon or client limit). */
  const showTimes = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    if (draft.serviceId === undefined || draft.date === undefined) return;
    const slots = await daySlots(db, { botId: ctx.botId, serviceId: draft.serviceId, ...(draft.masterId == null ? {} : { masterId: draft.masterId }), now: context.clock.now(), date: draft.date });
    const fixedMaster = draft.masterId ?? null;
    const keyboard = timesKeyboard(slots, (slot) => fixedMaster ?? slot.masterId ?? 0, flow).row();
    keyboard.text(ctx.t("booking-back-to-calendar"), monthButton.inFlow(flow, { month: draft.date.slice(0, 7) }));
    if (draft.mode === "move") keyboard.text(ctx.t("booking-admin-other-master"), otherMasterButton.inFlow(flow, {}));
    keyboard.row().append(cancelButton(ctx, flow));
    const master = fixedMaster === null ? undefined : (await mastersForService(db, ctx.botId, draft.serviceId)).find((candidate) => candidate.id === fixedMaster);
    const day = formatDay(draft.date, ctx.locale);
    const text = slots.length === 0 ? ctx.t("booking-admin-no-times", { day, master: master?.name ?? "—" }) : ctx.t("booking-admin-choose-time", { day, master: master?.name ?? ctx.t("booking-any-master") });
    await ctx.reply(text, { reply_markup: keyboard });
  };

  /** The masters who offer the draft's service; "any master" for a new booking with more than one. */
  const showMasters = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    if (draft.serviceId === undefined) return;
    const masters = await mastersForService(db, ctx.botId, draft.serviceId);
    const service = await serviceToBook(db, ctx.botId, draft.serviceId);
    const keyboard = new InlineKeyboard();
    for (const master of masters) {
      const current = draft.mode === "move" && master.id === draft.masterId ? " ✓" : "";
      keyboard.text(`${master.name}${current}`, masterButton.inFlow(flow, { masterId: master.id })).row();
    }
    if (draft.mode === "new" && masters.length > 1) keyboard.text(ctx.t("booking-any-master"), masterButton.inFlow(flow, { masterId: null })).row();
    await ctx.reply(ctx.t("booking-admin-choose-master", { service: service?.name ?? "—" }), { reply_markup: keyboard.append(cancelButton(ctx, flow)) });
  };

  /** What is about to be booked or where the booking moves, with Confirm. */
  const showSummary = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    if (draft.serviceId === undefined || draft.start === undefined || draft.slotMasterId === undefined) return;
    const service = await serviceToBook(db, ctx.botId, draft.serviceId);
    const master = (await mastersForService(db, ctx.botId, draft.serviceId)).find((candidate) => candidate.id === draft.slotMasterId);
    if (service === undefined || master === undefined) {
      await ctx.reply(ctx.t("booking-service-gone"));
      return;
    }
    const when = formatVisitTime(new Date(draft.start), ctx.locale, await zoneOf(ctx, draft.serviceId));
    const confirm = new InlineKeyboard().text(ctx.t("booking-confirm"), wizardConfirmButton.inFlow(flow, {})).text(ctx.t("booking-cancel-flow"), wizardCancelButton.inFlow(flow, {}));
    if (draft.mode === "move") {
      const booking = await staffBooking(db, ctx.botId, draft.bookingId ?? 0);
      const from = booking === undefined ? "—" : `${formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone)}, ${booking.masterName}`;
      await ctx.reply(ctx.t("booking-admin-move-summary", { client: booking?.clientName ?? "—", service: service.name, from, to: `${when}, ${master.name}` }), { reply_markup: confirm });
      return;
    }
    const known = draft.phone === undefined ? undefined : await clientByPhone(db, ctx.botId, draft.phone);
    const client = known === undefined ? `${draft.name ?? "—"}, ${draft.phone ?? "—"}` : ctx.t("booking-admin-known-client", { name: known.name, phone: draft.phone ?? "—", bot: known.telegram_id === null ? "no" : "yes" });
    await ctx.reply(
      ctx.t("booking-admin-summary", { service: service.name, master: master.name, when, price: formatMoney(master.priceMinor, service.currency, ctx.locale), client }),
      { reply_markup: confirm },
    );
  };

  const inAdminFlow = (ctx: BotyardContext) => ctx.flow?.name === adminBookingFlow.name;
  const adminFlow = privateChats.filter(inAdminFlow);

  const onStep = <Values,>(kind: CallbackData<Values>, handler: (ctx: BotyardContext, flow: WizardFlow, draft: WizardDraft, values: Values) => Promise<unknown>) =>
    onCallback(
      adminFlow,
      kind,
      async (ctx, values) => {
        const flow = adminBookingFlow.of(ctx);
        if (flow === undefined || !pressedInFlow(ctx)) return expired(ctx);
        await handler(ctx, flow, flow.data, values);
      },
      manage,
    );
  const expired = (ctx: BotyardContext) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") });

  onStep(wizardCancelButton, async (ctx, _flow, draft) => {
    await ctx.commit("booking-admin-cancel-flow", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(draft.mode === "new" ? "booking-admin-nothing-booked" : "booking-admin-nothing-moved"));
  });

  onStep(fullDayButton, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("booking-day-full") }));

  onStep(serviceButton, async (ctx, flow, _draft, { serviceId }) => {
    const service = flow.step === "service" ? await serviceToBook(db, ctx.botId, serviceId) : undefined;
    if (service === undefined) return expired(ctx);
    await ctx.answerCallbackQuery();
    const choosing = await ctx.commit("booking-admin-service", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "master", { serviceId: service.id }));
    await showMasters(ctx, choosing);
  });

  onStep(otherMasterButton, async (ctx, flow, draft) => {
    if (draft.mode !== "move" || flow.step !== "time") return expired(ctx);
    await ctx.answerCallbackQuery();
    const choosing = await ctx.commit("booking-admin-other-master", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "master"));
    await showMasters(ctx, choosing);
  });

  onStep(masterButton, async (ctx, flow, draft, { masterId }) => {
    const masters = draft.serviceId === undefined ? [] : await mastersForService(db, ctx.botId, draft.serviceId);
    // "Any master" is for a new booking; a move goes to one.
    const known = masterId === null ? draft.mode === "new" : masters.some((master) => master.id === masterId);
    if (flow.step !== "master" || draft.serviceId === undefined || !known) return expired(ctx);
    await ctx.answerCallbackQuery();
    if (draft.mode === "move") {
      // Another master, the same day: their free times.
      const choosing = await ctx.commit("booking-admin-master", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "time", { masterId }));
      await showTimes(ctx, choosing);
      return;
    }
    const month = instantToZoned(context.clock.now(), await zoneOf(ctx, draft.serviceId)).date.slice(0, 7);
    const choosing = await ctx.commit("booking-admin-master", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "day", { masterId, month }));
    await showCalendar(ctx, choosing, "reply");
  });

  slotPickerSteps(db, {
    wizard: adminBookingFlow,
    composer: adminFlow,
    guards: [manage],
    commits: "booking-admin",
    showCalendar,
    calendarFromTimes: "reply",
    dayChosen: async (ctx, flow, date) => {
      await ctx.answerCallbackQuery();
      const choosing = await ctx.commit("booking-admin-day", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "time", { date }));
      await showTimes(ctx, choosing);
    },
    timeChosen: async (ctx, flow, { start, slotMasterId }) => {
      const draft = flow.data;
      if (draft.mode === "move" || (draft.name !== undefined && draft.phone !== undefined)) {
        const confirming = await ctx.commit("booking-admin-time", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "confirm", { start, slotMasterId }));
        await showSummary(ctx, confirming);
        return;
      }
      const asking = await ctx.commit("booking-admin-time", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "name", { start, slotMasterId }));
      await ctx.reply(ctx.t("booking-admin-ask-name"), { reply_markup: cancelButton(ctx, asking) });
    },
  });

  onStep(wizardConfirmButton, async (ctx, flow) => {
    if (flow.step !== "confirm") return expired(ctx);
    await ctx.answerCallbackQuery();
    await confirm(ctx, flow);
  });

  adminFlow.on("message", manage, async (ctx, next) => {
    const flow = adminBookingFlow.of(ctx);
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const text = ctx.message.text?.trim().replace(/\s+/g, " ") ?? "";
    if (flow.step === "name") {
      if (text === "" || text.length > MAX_NAME_LENGTH) {
        await ctx.reply(ctx.t("booking-admin-name-invalid", { max: MAX_NAME_LENGTH }));
        return;
      }
      const asking = await ctx.commit("booking-admin-name", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "phone", { name: text }));
      await ctx.reply(ctx.t("booking-admin-ask-phone"), { reply_markup: cancelButton(ctx, asking) });
      return;
    }
    if (flow.step === "phone") {
      // A client's contact forwarded to the bot is as good as the number typed.
      const contact = ctx.message.contact;
      const phone =
        contact !== undefined
          ? phoneFromContact(contact.phone_number)
          : flow.data.slotMasterId === undefined
            ? undefined
            : await typedPhone(db, ctx.botId, { masterId: flow.data.slotMasterId }, text);
      if (phone === undefined) {
        await ctx.reply(ctx.t("booking-admin-phone-invalid"));
        return;
      }
      const confirming = await ctx.commit("booking-admin-phone", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "confirm", { phone }));
      await showSummary(ctx, confirming);
      return;
    }
    return next();
  });

  const confirm = async (ctx: BotyardContext, flow: WizardFlow) => {
    const draft = flow.data;
    const { serviceId, start, slotMasterId } = draft;
    if (serviceId === undefined || start === undefined || slotMasterId === undefined) return;
    const outcome =
      draft.mode === "new"
        ? await ctx.run(adminBook, { masterId: slotMasterId, serviceId, start: new Date(start), client: { name: draft.name ?? "", phone: draft.phone ?? "" } })
        : await ctx.run(rescheduleBooking, { bookingId: draft.bookingId ?? 0, by: "staff", start: new Date(start), masterId: slotMasterId });
    // A time taken meanwhile keeps the flow at the times, so the next free ones can be pressed.
    if (outcome.ok || (outcome.reason !== "taken" && outcome.reason !== "full")) await ctx.commit("booking-admin-confirm-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
    else await ctx.commit("booking-admin-confirm-times", (trx) => adminBookingFlow.advance(trx, flowKeyOf(ctx), flow, "time"));

    if (outcome.ok) {
      const booking = await staffBooking(db, ctx.botId, outcome.booking.id);
      const date = booking === undefined ? undefined : instantToZoned(new Date(booking.startsAt), booking.timeZone).date;
      const args = {
        service: booking?.serviceName ?? "—",
        master: booking?.masterName ?? "—",
        when: booking === undefined ? "—" : formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone),
        client: booking?.clientName ?? "—",
        phone: booking?.clientPhone ?? "—",
      };
      const keyboard = new InlineKeyboard();
      if (date !== undefined) keyboard.text(ctx.t("booking-admin-show-day", { day: formatDay(date, ctx.locale) }), dayData(date)).row();
      keyboard.text(ctx.t("booking-admin-home"), ADMIN_HOME);
      await ctx.reply(ctx.t(draft.mode === "new" ? "booking-admin-booked" : "booking-admin-moved", args), { reply_markup: keyboard });
      return;
    }
    if (outcome.reason === "taken" || outcome.reason === "full") {
      if (outcome.nextFree.length === 0) {
        await ctx.reply(ctx.t("booking-taken-nothing-near"), { reply_markup: new InlineKeyboard().text(ctx.t("booking-back-to-calendar"), monthButton.inFlow(flow, { month: start.slice(0, 7) })) });
        return;
      }
      const keyboard = nextFreeKeyboard(outcome.nextFree, { locale: ctx.locale, timeZone: await zoneOf(ctx, serviceId), masterId: slotMasterId, flow });
      await ctx.reply(ctx.t("booking-taken"), { reply_markup: keyboard.append(cancelButton(ctx, flow)) });
      return;
    }
    await ctx.reply(adminRefusalText(ctx, outcome.reason));
  };

  return composer;
}
