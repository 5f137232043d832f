import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { addDays, instantToZoned, isPlainDate, parseClock, zonedBoundaryToInstant, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { defineFlow, type TypedFlow } from "../../../platform/telegram/flow-definition.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { onCallback, type CallbackData } from "../../../platform/telegram/callback-data.ts";
import { pressedInFlow, readsOf } from "./support.ts";
import { timeOffApplyButton, timeOffCancelButton, timeOffDayButton, timeOffHolidayButton, timeOffHomeButton, timeOffHoursButton, timeOffMasterButton, timeOffRemoveHolidayButton, timeOffResolveButton, timeOffWholeDayButton } from "../callbacks.ts";
import { formatDay } from "../domain/display.ts";
import { addDaysOff } from "../commands/add-days-off.ts";
import { addHoliday } from "../commands/add-holiday.ts";
import { blockTime } from "../commands/block-time.ts";
import { removeHoliday } from "../commands/remove-holiday.ts";
import { mastersOfBot } from "../queries/staff-calendar.ts";
import type { HitView } from "../queries/time-off-hits.ts";
import { timeOffFrom } from "../queries/time-off-list.ts";
import type { HitResolution, TimeOffOutcome } from "../commands/time-off-resolve.ts";

const DAYS_OFFERED = 7;

/** What the admin has chosen so far; kept in the flow row, so a restart resumes it. */
const timeOffDraft = z.object({
  masterId: z.number().int().positive().optional(),
  /** A holiday closes the whole salon on `date` instead of one master's time. */
  holiday: z.boolean().optional(),
  date: z.custom<PlainDate>((date) => typeof date === "string" && isPlainDate(date)).optional(),
  /** Minutes after local midnight; both absent means the whole day off. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** The bookings the time off hits, and the admin's choice for each: a master id to move to, or 0 to cancel. */
  hits: z.array(z.object({ bookingId: z.number().int(), line: z.string(), free: z.array(z.object({ id: z.number().int(), name: z.string() })) })).optional(),
  choices: z.record(z.string(), z.number().int()).optional(),
});
type Draft = z.infer<typeof timeOffDraft>;
const timeOffFlow = defineFlow("booking-time-off", ["master", "day", "what", "hours", "resolve"], timeOffDraft);
type TimeOffFlow = TypedFlow<"master" | "day" | "what" | "hours" | "resolve", Draft>;

/**
 * Time off in the bot for admins (permission `booking.manage`, every handler guarded): a master,
 * a day of the coming week, then the whole day off or a few hours typed as "12:00-14:00". A time
 * off that hits bookings lists them with a button per free master (move, same time) and one to
 * cancel; Apply runs it all in one transaction, the clients and masters told through the outbox.
 * A holiday closes the whole salon for a day the same way (its hits span every master); upcoming
 * holidays are listed on the first screen with a button to take each back.
 */
export function timeOffComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);
  /** A time off done (or a holiday taken back) ends the flow; a refused one leaves it open to choose again. */
  const endTimeOff = (ctx: BotyardContext) => ctx.commit("booking-time-off-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
  const cancelRow = (ctx: BotyardContext, flow: TimeOffFlow) => new InlineKeyboard().text(ctx.t("booking-cancel-flow"), timeOffCancelButton.inFlow(flow, {}));

  onCallback(privateChats, timeOffHomeButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    const masters = (await mastersOfBot(db, ctx.botId)).filter((master) => master.active);
    const holidays = (await timeOffFrom(db, ctx.botId, todayOf(await salonTimeZone(ctx)), context.clock.now())).holidays;
    const flow = await ctx.commit("booking-time-off-start", (trx) => timeOffFlow.start(trx, flowKeyOf(ctx), "master", {}));
    const keyboard = new InlineKeyboard();
    for (const master of masters) keyboard.text(master.name, timeOffMasterButton.inFlow(flow, { masterId: master.id })).row();
    keyboard.text(ctx.t("booking-timeoff-holiday"), timeOffHolidayButton.inFlow(flow, {})).row();
    for (const holiday of holidays) keyboard.text(ctx.t("booking-timeoff-holiday-remove", { day: holidayDays(ctx, holiday) }), timeOffRemoveHolidayButton.inFlow(flow, { holidayId: holiday.id })).row();
    const listed = holidays.length === 0 ? [] : [ctx.t("booking-timeoff-holidays"), ...holidays.map((holiday) => `• ${holidayDays(ctx, holiday)}${holiday.name === null ? "" : ` — ${holiday.name}`}`)];
    await ctx.reply([ctx.t("booking-timeoff-whose"), ...listed].join("\n"), { reply_markup: keyboard.append(cancelRow(ctx, flow)) });
  }, manage);

  const holidayDays = (ctx: BotyardContext, holiday: { from: PlainDate; to: PlainDate }) =>
    holiday.from === holiday.to ? formatDay(holiday.from, ctx.locale) : `${formatDay(holiday.from, ctx.locale)} – ${formatDay(holiday.to, ctx.locale)}`;
  /** The salon's calendar for picking a holiday: the zone of its first master (a holiday is a date in every location). */
  const salonTimeZone = async (ctx: BotyardContext) => (await mastersOfBot(db, ctx.botId)).find((master) => master.active)?.timeZone ?? "UTC";
  const todayOf = (timeZone: string) => instantToZoned(context.clock.now(), timeZone).date;

  /** The next days as buttons; the chosen one goes on as `to-d:<date>`. */
  const pickDay = async (ctx: BotyardContext, flow: TimeOffFlow, timeZone: string, text: string) => {
    const today = todayOf(timeZone);
    const keyboard = new InlineKeyboard();
    for (let offset = 0; offset < DAYS_OFFERED; offset++) {
      const date = addDays(today, offset);
      keyboard.text(formatDay(date, ctx.locale), timeOffDayButton.inFlow(flow, { date })).row();
    }
    await ctx.reply(text, { reply_markup: keyboard.append(cancelRow(ctx, flow)) });
  };

  const timeZoneOf = async (ctx: BotyardContext, masterId: number | undefined) => {
    const master = (await mastersOfBot(db, ctx.botId)).find((candidate) => candidate.id === masterId);
    return master === undefined ? undefined : { name: master.name, timeZone: master.timeZone };
  };

  /** Runs the time off of the draft (with the choices made, once there are hits) and answers. */
  const apply = async (ctx: BotyardContext, flow: TimeOffFlow, resolutions: HitResolution[] | undefined) => {
    const draft = flow.data;
    if (draft.holiday === true) return applyHoliday(ctx, flow, resolutions);
    const master = await timeZoneOf(ctx, draft.masterId);
    if (master === undefined || draft.masterId === undefined || draft.date === undefined) return;
    const { masterId, date } = draft;
    const input = { masterId, ...(resolutions === undefined ? {} : { resolutions }) };
    const outcome: TimeOffOutcome<unknown> =
      draft.from === undefined || draft.to === undefined
        ? await ctx.run(addDaysOff, { ...input, from: date, to: date })
        : await ctx.run(blockTime, { ...input, start: zonedBoundaryToInstant(date, draft.from, master.timeZone), end: zonedBoundaryToInstant(date, draft.to, master.timeZone) });
    if (outcome.ok) {
      await endTimeOff(ctx);
      await ctx.reply(ctx.t("booking-timeoff-done", { master: master.name, day: formatDay(date, ctx.locale), moved: outcome.moved, cancelled: outcome.cancelled }));
      return;
    }
    await answerRefused(ctx, flow, outcome);
  };

  /** A refused time off: its hits to resolve, or why it could not be done. */
  const answerRefused = async (ctx: BotyardContext, flow: TimeOffFlow, outcome: Exclude<TimeOffOutcome<unknown>, { ok: true }>) => {
    if (outcome.reason === "hits-bookings") {
      const whose = (hit: HitView) => (flow.data.holiday === true ? `${hit.masterName}: ` : "");
      const hits = outcome.hits.map((hit: HitView) => ({ bookingId: hit.bookingId, line: `${whose(hit)}${hit.time}–${hit.endTime} ${hit.serviceName}, ${hit.clientName}${hit.clientPhone === null ? "" : ` ${hit.clientPhone}`}`, free: hit.freeMasters }));
      const choosing = await ctx.commit("booking-time-off-hits", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "resolve", { hits, choices: {} }));
      await showHits(ctx, choosing, "reply");
      return;
    }
    const key = outcome.reason === "resolution-refused" ? "booking-timeoff-resolution-refused" : outcome.reason === "range-invalid" ? "booking-timeoff-hours-invalid" : "booking-timeoff-refused";
    await ctx.reply(ctx.t(key, { booking: outcome.reason === "resolution-refused" ? outcome.bookingId : 0 }));
  };

  /** Closes the salon on the draft's day (with the choices made, once there are hits) and answers. */
  const applyHoliday = async (ctx: BotyardContext, flow: TimeOffFlow, resolutions: HitResolution[] | undefined) => {
    const { date } = flow.data;
    if (date === undefined) return;
    const outcome: TimeOffOutcome<unknown> = await ctx.run(addHoliday, { from: date, to: date, ...(resolutions === undefined ? {} : { resolutions }) });
    if (!outcome.ok) {
      await answerRefused(ctx, flow, outcome);
      return;
    }
    await endTimeOff(ctx);
    await ctx.reply(ctx.t("booking-timeoff-holiday-done", { day: formatDay(date, ctx.locale), moved: outcome.moved, cancelled: outcome.cancelled }));
  };

  /** The hits with a button per choice; a chosen one is ticked, and Apply waits until each has one. */
  const showHits = async (ctx: BotyardContext, flow: TimeOffFlow, how: "reply" | "edit") => {
    const { hits = [], choices = {} } = flow.data;
    const keyboard = new InlineKeyboard();
    for (const hit of hits) {
      const chosen = choices[String(hit.bookingId)];
      for (const free of hit.free) keyboard.text(`${chosen === free.id ? "✅ " : ""}${ctx.t("booking-timeoff-move", { master: free.name })}`, timeOffResolveButton.inFlow(flow, { bookingId: hit.bookingId, masterId: free.id }));
      keyboard.text(`${chosen === 0 ? "✅ " : ""}${ctx.t("booking-timeoff-cancel")}`, timeOffResolveButton.inFlow(flow, { bookingId: hit.bookingId, masterId: 0 })).row();
    }
    const ready = hits.every((hit) => choices[String(hit.bookingId)] !== undefined);
    if (ready) keyboard.text(ctx.t("booking-timeoff-apply"), timeOffApplyButton.inFlow(flow, {})).row();
    keyboard.append(cancelRow(ctx, flow));
    const text = [ctx.t("booking-timeoff-hits", { count: hits.length }), ...hits.map((hit, index) => `${index + 1}. ${hit.line}`)].join("\n");
    if (how === "edit") await ctx.editMessageText(text, { reply_markup: keyboard });
    else await ctx.reply(text, { reply_markup: keyboard });
  };

  const inFlow = privateChats.filter((ctx) => ctx.flow?.name === timeOffFlow.name);

  /** A press on the time-off flow's message at `step`; anywhere else it has expired. */
  const onStep = <Values,>(kind: CallbackData<Values>, step: TimeOffFlow["step"] | undefined, handler: (ctx: BotyardContext, flow: TimeOffFlow, draft: Draft, values: Values) => Promise<unknown>) =>
    onCallback(
      inFlow,
      kind,
      async (ctx, values) => {
        const flow = timeOffFlow.of(ctx);
        if (flow === undefined || !pressedInFlow(ctx)) return expired(ctx);
        if (step !== undefined && flow.step !== step) return expired(ctx);
        await handler(ctx, flow, flow.data, values);
      },
      manage,
    );
  const expired = (ctx: BotyardContext) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") });

  onStep(timeOffCancelButton, undefined, async (ctx) => {
    await ctx.commit("booking-time-off-cancel", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-timeoff-dropped"));
  });

  onStep(timeOffMasterButton, "master", async (ctx, flow, _draft, { masterId }) => {
    const master = await timeZoneOf(ctx, masterId);
    if (master === undefined) return expired(ctx);
    await ctx.answerCallbackQuery();
    const choosing = await ctx.commit("booking-time-off-master", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "day", { masterId }));
    await pickDay(ctx, choosing, master.timeZone, ctx.t("booking-timeoff-which-day", { master: master.name }));
  });

  onStep(timeOffHolidayButton, "master", async (ctx, flow) => {
    await ctx.answerCallbackQuery();
    const choosing = await ctx.commit("booking-time-off-holiday", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "day", { holiday: true }));
    await pickDay(ctx, choosing, await salonTimeZone(ctx), ctx.t("booking-timeoff-holiday-which-day"));
  });

  onStep(timeOffRemoveHolidayButton, "master", async (ctx, _flow, _draft, { holidayId }) => {
    await ctx.answerCallbackQuery();
    const removed = await ctx.run(removeHoliday, { id: holidayId });
    await endTimeOff(ctx);
    await ctx.reply(ctx.t(removed.ok ? "booking-timeoff-holiday-removed" : "booking-timeoff-holiday-gone"));
  });

  onStep(timeOffDayButton, "day", async (ctx, flow, draft, { date }) => {
    await ctx.answerCallbackQuery();
    if (draft.holiday === true) {
      const dated = await ctx.commit("booking-time-off-day", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "what", { date }));
      await applyHoliday(ctx, dated, undefined);
      return;
    }
    const choosing = await ctx.commit("booking-time-off-day", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "what", { date }));
    const keyboard = new InlineKeyboard()
      .text(ctx.t("booking-timeoff-whole-day"), timeOffWholeDayButton.inFlow(choosing, {}))
      .text(ctx.t("booking-timeoff-some-hours"), timeOffHoursButton.inFlow(choosing, {}))
      .row();
    await ctx.reply(ctx.t("booking-timeoff-what", { day: formatDay(date, ctx.locale) }), { reply_markup: keyboard.append(cancelRow(ctx, choosing)) });
  });

  onStep(timeOffWholeDayButton, "what", async (ctx, flow) => {
    await ctx.answerCallbackQuery();
    await apply(ctx, flow, undefined);
  });

  onStep(timeOffHoursButton, "what", async (ctx, flow) => {
    await ctx.answerCallbackQuery();
    const asking = await ctx.commit("booking-time-off-hours", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "hours"));
    await ctx.reply(ctx.t("booking-timeoff-ask-hours"), { reply_markup: cancelRow(ctx, asking) });
  });

  onStep(timeOffResolveButton, "resolve", async (ctx, flow, draft, { bookingId, masterId: choice }) => {
    const hit = draft.hits?.find((candidate) => candidate.bookingId === bookingId);
    if (hit === undefined || (choice !== 0 && !hit.free.some((free) => free.id === choice))) return expired(ctx);
    await ctx.answerCallbackQuery();
    const chosen = await ctx.commit("booking-time-off-choice", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "resolve", { choices: { ...draft.choices, [String(bookingId)]: choice } }));
    await showHits(ctx, chosen, "edit");
  });

  onStep(timeOffApplyButton, "resolve", async (ctx, flow, draft) => {
    const choices = draft.choices ?? {};
    const resolutions = (draft.hits ?? []).map((hit): HitResolution => {
      const choice = choices[String(hit.bookingId)] ?? 0;
      return choice === 0 ? { bookingId: hit.bookingId, action: "cancel" } : { bookingId: hit.bookingId, action: "move", masterId: choice };
    });
    await ctx.answerCallbackQuery();
    await apply(ctx, flow, resolutions);
  });

  inFlow.on("message:text", manage, async (ctx, next) => {
    const flow = timeOffFlow.of(ctx, "hours");
    if (flow === undefined || ctx.message.text.startsWith("/")) return next();
    const [from, to] = ctx.message.text.trim().split(/\s*[-–]\s*/).map((part) => parseClock(part.length === 4 ? `0${part}` : part));
    if (from === undefined || to === undefined || from >= to) {
      await ctx.reply(ctx.t("booking-timeoff-hours-invalid"), { reply_markup: cancelRow(ctx, flow) });
      return;
    }
    const hours = await ctx.commit("booking-time-off-typed", (trx) => timeOffFlow.advance(trx, flowKeyOf(ctx), flow, "what", { from, to }));
    await apply(ctx, hours, undefined);
  });

  return composer;
}
