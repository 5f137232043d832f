import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { instantToZoned } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { editCancelButton, ruleButton, serviceDurationButton, servicePriceButton, weekdayHoursButton } from "../callbacks.ts";
import { endFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { defineFlow } from "../../../platform/telegram/flow-definition.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { formatMoney, moneyFromTyped } from "../../../platform/domain/money.ts";
import { catalogueRefusalText, intervalsText, isEditableRule, ruleValueText, showRules, showService, showWeek, type EditableRule } from "./admin-catalogue.ts";
import { staffLine } from "./staff.ts";
import { pressedInFlow, readsOf } from "./support.ts";
import { formatDay, weekdayNames } from "../domain/display.ts";
import { intervalsFromTyped } from "../domain/typed-hours.ts";
import { editService } from "../commands/edit-service.ts";
import { setWeeklyHours } from "../commands/set-weekly-hours.ts";
import { updateRules } from "../commands/update-rules.ts";
import { masterViews, presentService, rulesView, serviceOfBot } from "../queries/salon-catalogue.ts";

/** The one value being typed, its kind the flow's step: a service's price or duration, one of the bot's rules, or a master's hours on a weekday. */
const editDraft = z.union([
  z.object({ kind: z.enum(["price", "duration"]), serviceId: z.number().int().positive() }),
  z.object({ kind: z.literal("rule"), rule: z.custom<EditableRule>((rule) => typeof rule === "string" && isEditableRule(rule)) }),
  z.object({ kind: z.literal("hours"), masterId: z.number().int().positive(), weekday: z.number().int().min(1).max(7) }),
]);
type Edit = z.infer<typeof editDraft>;
const editFlow = defineFlow("booking-admin-edit", ["price", "duration", "rule", "hours"], editDraft);

/** Whole minutes, days or counts as typed: digits only. */
function wholeNumber(text: string): number | undefined {
  return /^\d{1,6}$/.test(text) ? Number(text) : undefined;
}

/** Reminder offsets typed as "1440, 120" (minutes before the visit). */
function minutesList(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== "");
  const numbers = parts.map(wholeNumber);
  return numbers.every((number) => number !== undefined) ? numbers : undefined;
}

/**
 * Admins change a service's price or duration, or one of the bot's rules, by typing the new value
 * (permission `booking.manage`). A value that is not a number is answered at once; one the
 * catalogue's command refuses (a duration over 8 hours, a horizon of 0 days) is answered with its
 * problem; either way the admin may type again or cancel. A saved value is shown back. A master's
 * hours on one weekday are typed as "09:00-13:00 14:00-19:00" or "off"; the week is replaced with
 * that day changed, and the bookings now outside the hours are listed (they stand until moved).
 */
export function adminEditsComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);
  const serviceView = async (botId: string, serviceId: number) => {
    const row = await serviceOfBot(db, botId, serviceId);
    return row === undefined ? undefined : presentService(row);
  };

  const ask = async (ctx: BotyardContext, edit: Edit, prompt: string) => {
    await ctx.answerCallbackQuery();
    const flow = await ctx.commit("booking-admin-edit-start", (trx) => editFlow.start(trx, flowKeyOf(ctx), edit.kind, edit));
    await ctx.reply(prompt, { reply_markup: new InlineKeyboard().text(ctx.t("booking-cancel-flow"), editCancelButton.inFlow(flow, {})) });
  };

  const askOfService = (kind: "price" | "duration") => async (ctx: BotyardContext, { serviceId }: { serviceId: number }) => {
    const service = await serviceView(ctx.botId, serviceId);
    if (service === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-catalogue-service-unknown") });
      return;
    }
    if (kind === "price") {
      await ask(ctx, { kind: "price", serviceId }, ctx.t("booking-admin-ask-price", { name: service.name, price: formatMoney(service.priceMinor, service.currency, ctx.locale) }));
    } else {
      await ask(ctx, { kind: "duration", serviceId }, ctx.t("booking-admin-ask-duration", { name: service.name, minutes: service.durationMin }));
    }
  };
  onCallback(privateChats, servicePriceButton, askOfService("price"), manage);
  onCallback(privateChats, serviceDurationButton, askOfService("duration"), manage);

  onCallback(privateChats, ruleButton, async (ctx, { rule }) => {
    if (!isEditableRule(rule)) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const rules = await rulesView(db, ctx.botId);
    await ask(ctx, { kind: "rule", rule }, ctx.t("booking-admin-ask-rule", { rule: ctx.t("booking-admin-rule", { rule }), value: ruleValueText(ctx, rules, rule) }));
  }, manage);

  onCallback(privateChats, weekdayHoursButton, async (ctx, { masterId, weekday }) => {
    const [master] = await masterViews(db, ctx.botId, masterId);
    if (master === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const day = weekdayNames(ctx.locale)[weekday - 1] ?? String(weekday);
    await ask(ctx, { kind: "hours", masterId, weekday }, ctx.t("booking-admin-ask-hours", { name: master.name, day, hours: intervalsText(ctx, master.weekly[weekday as keyof typeof master.weekly]) }));
  }, manage);

  /** A saved value ends the edit; a refused one leaves it open to type again. */
  const endEdit = (ctx: BotyardContext) => ctx.commit("booking-admin-edit-end", (trx) => endFlow(trx, flowKeyOf(ctx)));

  const editing = privateChats.filter((ctx) => ctx.flow?.name === editFlow.name);

  onCallback(editing, editCancelButton, async (ctx) => {
    if (!pressedInFlow(ctx)) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.commit("booking-admin-edit-cancel", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-admin-nothing-changed"));
  }, manage);

  editing.on("message", manage, async (ctx, next) => {
    const flow = editFlow.of(ctx);
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const text = ctx.message.text?.trim() ?? "";
    const edit = flow.data;
    if (edit.kind === "hours") {
      const intervals = intervalsFromTyped(text);
      if (intervals === undefined) {
        await ctx.reply(ctx.t("booking-admin-hours-invalid"));
        return;
      }
      const outcome = await ctx.run(setWeeklyHours, { masterId: edit.masterId, weekday: edit.weekday, intervals });
      if (!outcome.ok) {
        await ctx.reply(catalogueRefusalText(ctx, outcome));
        return;
      }
      await endEdit(ctx);
      await ctx.reply(ctx.t("booking-admin-saved"));
      if (outcome.outsideHours.length > 0) {
        const dayOf = (startsAt: string, timeZone: string) => formatDay(instantToZoned(new Date(startsAt), timeZone).date, ctx.locale);
        const lines = outcome.outsideHours.map((booking) => `• ${dayOf(booking.startsAt, booking.timeZone)}, ${staffLine(ctx, booking)}`);
        await ctx.reply([ctx.t("booking-admin-outside-hours", { count: outcome.outsideHours.length }), ...lines].join("\n"));
      }
      await showWeek(ctx, db, edit.masterId);
      return;
    }
    if (edit.kind === "rule") {
      const value = edit.rule === "reminderOffsetsMin" ? minutesList(text) : wholeNumber(text);
      if (value === undefined) {
        await ctx.reply(ctx.t(edit.rule === "reminderOffsetsMin" ? "booking-admin-minutes-list-invalid" : "booking-admin-number-invalid"));
        return;
      }
      const outcome = await ctx.run(updateRules, { [edit.rule]: value });
      if (!outcome.ok) {
        await ctx.reply(catalogueRefusalText(ctx, outcome));
        return;
      }
      await endEdit(ctx);
      await ctx.reply(ctx.t("booking-admin-saved"));
      await showRules(ctx, db);
      return;
    }
    const service = await serviceView(ctx.botId, edit.serviceId);
    const value = edit.kind === "price" ? moneyFromTyped(text, service?.currency ?? "EUR") : wholeNumber(text);
    if (value === undefined) {
      await ctx.reply(ctx.t(edit.kind === "price" ? "booking-admin-price-invalid" : "booking-admin-number-invalid"));
      return;
    }
    const outcome = await ctx.run(editService, { serviceId: edit.serviceId, ...(edit.kind === "price" ? { priceMinor: value } : { durationMin: value }) });
    if (!outcome.ok) {
      await ctx.reply(catalogueRefusalText(ctx, outcome));
      return;
    }
    await endEdit(ctx);
    await ctx.reply(ctx.t("booking-admin-saved"));
    await showService(ctx, db, edit.serviceId);
  });
  return composer;
}
