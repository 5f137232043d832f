import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { endFlow, flowButton, startFlow, type FlowState } from "../../platform/telegram/flows.ts";
import { requirePermission } from "../../platform/telegram/require-permission.ts";
import { catalogueRefusalText, isEditableRule, ruleValueText, showRules, showService, type EditableRule } from "./bot-admin-catalogue.ts";
import { actorOf, commitBooking, flowKey, readsOf } from "./bot-support.ts";
import { formatPrice } from "./domain/display.ts";
import { priceFromTyped } from "./domain/typed-price.ts";
import { editService, salonCatalogue, updateRules } from "./service.ts";

export const ADMIN_EDIT_FLOW = "booking-admin-edit";

/** The one value being typed: a service's price or duration, or one of the bot's rules. */
type Edit = { kind: "price" | "duration"; serviceId: number } | { kind: "rule"; rule: EditableRule };

function editOf(flow: FlowState): Edit {
  return flow.data as unknown as Edit;
}

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
 * catalogue's use case refuses (a duration over 8 hours, a horizon of 0 days) is answered with its
 * problem; either way the admin may type again or cancel. A saved value is shown back.
 */
export function adminEditsComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);

  const ask = async (ctx: BotyardContext, edit: Edit, prompt: string) => {
    await ctx.answerCallbackQuery();
    const flow = await ctx.commit("booking-admin-edit-start", (trx) => startFlow(trx, flowKey(ctx), ADMIN_EDIT_FLOW, edit.kind, { ...edit }));
    await ctx.reply(prompt, { reply_markup: new InlineKeyboard().text(ctx.t("booking-cancel-flow"), flowButton(flow, "ae-x")) });
  };

  privateChats.callbackQuery(/^bka:sv([pd]):(\d+)$/, manage, async (ctx) => {
    const serviceId = Number(ctx.match[2]);
    const service = (await salonCatalogue(db, ctx.botId)).services.find((candidate) => candidate.id === serviceId);
    if (service === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-catalogue-service-unknown") });
      return;
    }
    if (ctx.match[1] === "p") {
      await ask(ctx, { kind: "price", serviceId }, ctx.t("booking-admin-ask-price", { name: service.name, price: formatPrice(service.priceMinor, service.currency, ctx.locale) }));
    } else {
      await ask(ctx, { kind: "duration", serviceId }, ctx.t("booking-admin-ask-duration", { name: service.name, minutes: service.durationMin }));
    }
  });

  privateChats.callbackQuery(/^bka:rule:(\w+)$/, manage, async (ctx) => {
    const rule = ctx.match[1] ?? "";
    if (!isEditableRule(rule)) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const { rules } = await salonCatalogue(db, ctx.botId);
    await ask(ctx, { kind: "rule", rule }, ctx.t("booking-admin-ask-rule", { rule: ctx.t("booking-admin-rule", { rule }), value: ruleValueText(ctx, rules, rule) }));
  });

  const editing = privateChats.filter((ctx) => ctx.flow?.name === ADMIN_EDIT_FLOW);

  editing.callbackQuery(/^f\d+:ae-x$/, manage, async (ctx) => {
    await ctx.commit("booking-admin-edit-cancel", (trx) => endFlow(trx, flowKey(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-admin-nothing-changed"));
  });

  editing.on("message", manage, async (ctx, next) => {
    const flow = ctx.flow;
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const text = ctx.message.text?.trim() ?? "";
    const edit = editOf(flow);
    if (edit.kind === "rule") {
      const value = edit.rule === "reminderOffsetsMin" ? minutesList(text) : wholeNumber(text);
      if (value === undefined) {
        await ctx.reply(ctx.t(edit.rule === "reminderOffsetsMin" ? "booking-admin-minutes-list-invalid" : "booking-admin-number-invalid"));
        return;
      }
      const outcome = await commitBooking(ctx, "booking-admin-rule", async (trx) => {
        const result = await updateRules(trx, actorOf(ctx), { [edit.rule]: value });
        if (result.ok) await endFlow(trx, flowKey(ctx));
        return result;
      });
      if (!outcome.ok) {
        await ctx.reply(catalogueRefusalText(ctx, outcome));
        return;
      }
      await ctx.reply(ctx.t("booking-admin-saved"));
      await showRules(ctx, db);
      return;
    }
    const service = (await salonCatalogue(db, ctx.botId)).services.find((candidate) => candidate.id === edit.serviceId);
    const value = edit.kind === "price" ? priceFromTyped(text, service?.currency ?? "EUR") : wholeNumber(text);
    if (value === undefined) {
      await ctx.reply(ctx.t(edit.kind === "price" ? "booking-admin-price-invalid" : "booking-admin-number-invalid"));
      return;
    }
    const outcome = await commitBooking(ctx, "booking-admin-service-edit", async (trx) => {
      const result = await editService(trx, actorOf(ctx), { serviceId: edit.serviceId, ...(edit.kind === "price" ? { priceMinor: value } : { durationMin: value }) });
      if (result.ok) await endFlow(trx, flowKey(ctx));
      return result;
    });
    if (!outcome.ok) {
      await ctx.reply(catalogueRefusalText(ctx, outcome));
      return;
    }
    await ctx.reply(ctx.t("booking-admin-saved"));
    await showService(ctx, db, edit.serviceId);
  });
  return composer;
}
