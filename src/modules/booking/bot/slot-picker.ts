import type { Composer, Filter, MiddlewareFn } from "grammy";
import { z } from "zod";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { defineFlow, type FlowDefinition, type TypedFlow } from "../../../platform/telegram/flow-definition.ts";
import { flowKeyOf } from "../../../platform/telegram/flows.ts";
import { dayButton, monthButton, noTimesButton, timeButton } from "../callbacks.ts";
import type { Db } from "../tables.ts";
import { pressedInFlow } from "./support.ts";
import { mastersForService } from "../queries/catalogue-lists.ts";

type Press<C extends BotyardContext> = Filter<C, "callback_query:data">;

/** The steps of a booking wizard, the client's and the admin's alike. */
export const WIZARD_STEPS = ["service", "master", "day", "time", "name", "phone", "confirm"] as const;

/** What a booking wizard (the client's or the admin's) has gathered so far; kept in the flow row, so a restart resumes it. */
export const wizardDraft = z.object({
  /** A new booking, or moving booking `bookingId` (the client's: same service and master; staff's: maybe another master). */
  mode: z.enum(["new", "move"]),
  bookingId: z.number().int().optional(),
  serviceId: z.number().int().optional(),
  /** The master chosen; null for "any master" (new bookings only). */
  masterId: z.number().int().nullable().optional(),
  month: z.string().optional(),
  date: z.string().optional(),
  /** The chosen time (ISO) and the master it goes to. */
  start: z.string().optional(),
  slotMasterId: z.number().int().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
});
export type WizardDraft = z.infer<typeof wizardDraft>;
export type WizardStep = (typeof WIZARD_STEPS)[number];
/** A booking wizard's flow as its handlers read it: its step and draft typed. */
export type WizardFlow = TypedFlow<WizardStep, WizardDraft>;
/** A booking wizard: the client's (`booking`) or the admin's (`booking-admin`). */
export type WizardDefinition = FlowDefinition<WizardStep, WizardDraft>;

/** Declares a booking wizard named `name`, with the steps and draft both wizards share. */
export function defineWizard(name: string): WizardDefinition {
  return defineFlow(name, WIZARD_STEPS, wizardDraft);
}

/** How one booking wizard (the client's or the admin's) uses the shared calendar, day and time steps. */
export interface SlotPickerOptions<C extends BotyardContext> {
  /** The wizard whose flow the presses must be on. */
  wizard: WizardDefinition;
  /** Only presses on this wizard's flow message (steps `day` and `time`) reach its handlers. */
  composer: Composer<C>;
  guards?: MiddlewareFn<Press<C>>[];
  /** The prefix of the journal's commit names: `booking` or `booking-admin`. */
  commits: string;
  /** Whether a month may be shown; false answers with a toast why not. */
  monthAllowed?(ctx: BotyardContext, flow: WizardFlow, month: string): Promise<boolean>;
  showCalendar(ctx: BotyardContext, flow: WizardFlow, how: "reply" | "edit"): Promise<void>;
  /** Back to the calendar from the times: in place of the times' message, or as a new one. */
  calendarFromTimes: "reply" | "edit";
  /** A day with times was pressed on the calendar. */
  dayChosen(ctx: BotyardContext, flow: WizardFlow, date: PlainDate): Promise<void>;
  /** A time was pressed, of master `slotMasterId` (who offers the service); answered already. */
  timeChosen(ctx: BotyardContext, flow: WizardFlow, time: { start: string; slotMasterId: number }): Promise<void>;
}

const expired = (ctx: BotyardContext) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") });

/**
 * The calendar's month and day buttons, its cells without times, and the day's times, for both
 * booking wizards: each checks that the press fits the flow's step and draft, then hands on to
 * the wizard. Nothing a button says is trusted: the command decides again on confirm.
 */
export function slotPickerSteps<C extends BotyardContext>(db: Db, options: SlotPickerOptions<C>): void {
  const { wizard, composer, guards = [], commits } = options;
  const withFlow =
    <Values>(handler: (ctx: BotyardContext, flow: WizardFlow, values: Values) => Promise<unknown>) =>
    async (ctx: Press<C>, values: Values) => {
      const flow = wizard.of(ctx);
      if (flow === undefined || !pressedInFlow(ctx)) return expired(ctx);
      await handler(ctx, flow, values);
    };

  onCallback(
    composer,
    noTimesButton,
    withFlow(async (ctx, _flow, { load }) => {
      const toast = load === "full" ? "booking-day-full" : load === "closed" ? "booking-day-closed" : undefined;
      await ctx.answerCallbackQuery(toast === undefined ? {} : { text: ctx.t(toast) });
    }),
    ...guards,
  );

  onCallback(
    composer,
    monthButton,
    withFlow(async (ctx, flow, { month }) => {
      if ((flow.step !== "day" && flow.step !== "time") || flow.data.serviceId === undefined) return expired(ctx);
      if (options.monthAllowed !== undefined && !(await options.monthAllowed(ctx, flow, month))) return;
      await ctx.answerCallbackQuery();
      const choosing = await ctx.commit(`${commits}-month`, (trx) => wizard.advance(trx, flowKeyOf(ctx), flow, "day", { month }));
      // Paging months edits the calendar in place.
      await options.showCalendar(ctx, choosing, flow.step === "day" ? "edit" : options.calendarFromTimes);
    }),
    ...guards,
  );

  onCallback(
    composer,
    dayButton,
    withFlow(async (ctx, flow, { date }) => {
      if (flow.step !== "day") return expired(ctx);
      await options.dayChosen(ctx, flow, date);
    }),
    ...guards,
  );

  onCallback(
    composer,
    timeButton,
    withFlow(async (ctx, flow, { seconds, masterId }) => {
      const draft = flow.data;
      const masters = draft.serviceId === undefined ? [] : await mastersForService(db, ctx.botId, draft.serviceId);
      // A chosen master is the flow's; "any master" takes the one the time was offered with, if they offer the service.
      const slotMasterId = draft.masterId ?? masterId;
      if (flow.step !== "time" || !masters.some((candidate) => candidate.id === slotMasterId)) return expired(ctx);
      await ctx.answerCallbackQuery();
      await options.timeChosen(ctx, flow, { start: new Date(seconds * 1000).toISOString(), slotMasterId });
    }),
    ...guards,
  );
}
