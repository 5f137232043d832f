import { Composer, InlineKeyboard } from "grammy";
import { formatMinutes, instantToZoned } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { adminCancelButton, adminMoveButton, adminServiceButton, masterActiveButton, mastersButton, ruleButton, rulesButton, serviceActiveButton, serviceDurationButton, servicePriceButton, servicesButton, weekdayHoursButton, weeklyHoursButton } from "../callbacks.ts";
import { ADMIN_HOME, MAX_BOOKINGS_WITH_BUTTONS } from "./admin-texts.ts";
import { staffLine } from "./staff.ts";
import { readsOf } from "./support.ts";
import { formatClockTime, formatDay, weekdayNames } from "../domain/display.ts";
import type { WorkingInterval } from "../domain/schedule.ts";
import type { Db } from "../tables.ts";
import type { StaffBooking } from "../queries/staff-calendar.ts";
import { setMasterActive } from "../commands/set-master-active.ts";
import { setServiceActive } from "../commands/set-service-active.ts";
import { problemMessage, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { salonCatalogue, type RulesView } from "../queries/salon-catalogue.ts";

/** The rules an admin changes by typing a value, in the order shown, with the unit each is typed in. */
export const EDITABLE_RULES = {
  minNoticeMin: "min",
  horizonDays: "days",
  cancelWindowMin: "min",
  rescheduleWindowMin: "min",
  maxReschedules: "count",
  maxActivePerClient: "count",
  holdMin: "min",
  reminderOffsetsMin: "list",
} as const satisfies Partial<Record<keyof RulesView, string>>;

export type EditableRule = keyof typeof EDITABLE_RULES;

export function isEditableRule(rule: string): rule is EditableRule {
  return Object.hasOwn(EDITABLE_RULES, rule);
}

/** A catalogue refusal in the admin's words: every problem on its own line. */
export function catalogueRefusalText(ctx: BotyardContext, refusal: CatalogueRefusal): string {
  return refusal.problems.map((problem) => {
    const { key, args } = problemMessage(problem);
    return ctx.t(key, args);
  }).join("\n");
}

/** A rule's value as the admin reads it: "60 min", "60 days", "2", "1440, 120 min". */
export function ruleValueText(ctx: BotyardContext, rules: RulesView, rule: EditableRule): string {
  const value = rules[rule];
  return ctx.t("booking-admin-rule-value", { unit: EDITABLE_RULES[rule], value: Array.isArray(value) ? value.join(", ") : value });
}

/** The services, active and not, each a button to its card. */
export async function showServices(ctx: BotyardContext, db: Db): Promise<void> {
  const { services } = await salonCatalogue(db, ctx.botId);
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t("booking-admin-services-title")];
  for (const service of services) {
    const price = formatMoney(service.priceMinor, service.currency, ctx.locale);
    lines.push(ctx.t("booking-admin-service-line", { name: service.name, minutes: service.durationMin, price, active: service.active ? "yes" : "no" }));
    keyboard.text(service.name, adminServiceButton.data({ serviceId: service.id })).row();
  }
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard.text(ctx.t("booking-admin-home"), ADMIN_HOME) });
}

/** One service: its duration, price, masters and state, with Activate/Deactivate, Price and Duration. */
export async function showService(ctx: BotyardContext, db: Db, serviceId: number): Promise<void> {
  const { services, masters } = await salonCatalogue(db, ctx.botId);
  const service = services.find((candidate) => candidate.id === serviceId);
  if (service === undefined) {
    await ctx.reply(ctx.t("booking-catalogue-service-unknown"));
    return;
  }
  const offeredBy = masters.filter((master) => master.active && master.offers.some((offer) => offer.serviceId === service.id)).map((master) => master.name);
  const text = ctx.t("booking-admin-service-card", {
    name: service.name,
    minutes: service.durationMin,
    price: formatMoney(service.priceMinor, service.currency, ctx.locale),
    masters: offeredBy.length === 0 ? "—" : offeredBy.join(", "),
    active: service.active ? "yes" : "no",
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t(service.active ? "booking-admin-deactivate" : "booking-admin-activate"), serviceActiveButton.data({ serviceId: service.id, active: !service.active }))
    .row()
    .text(ctx.t("booking-admin-change-price"), servicePriceButton.data({ serviceId: service.id }))
    .text(ctx.t("booking-admin-change-duration"), serviceDurationButton.data({ serviceId: service.id }))
    .row()
    .text(ctx.t("booking-admin-services"), servicesButton.data({}));
  await ctx.reply(text, { reply_markup: keyboard });
}

/** The masters, active and not, with what they offer; a button each to deactivate or activate them. */
export async function showMasters(ctx: BotyardContext, db: Db): Promise<void> {
  const { masters, services } = await salonCatalogue(db, ctx.botId);
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t("booking-admin-masters-title")];
  for (const master of masters) {
    const offers = master.offers.map((offer) => services.find((service) => service.id === offer.serviceId)?.name ?? "?");
    lines.push(
      ctx.t("booking-admin-master-line", {
        name: master.name,
        active: master.active ? "yes" : "no",
        telegram: master.telegramId === null ? "no" : "yes",
        services: offers.length === 0 ? "—" : offers.join(", "),
      }),
    );
    keyboard
      .text(ctx.t(master.active ? "booking-admin-deactivate-master" : "booking-admin-activate-master", { name: master.name }), masterActiveButton.data({ masterId: master.id, active: !master.active }))
      .text(ctx.t("booking-admin-weekly-hours-button", { name: master.name }), weeklyHoursButton.data({ masterId: master.id }))
      .row();
  }
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard.text(ctx.t("booking-admin-home"), ADMIN_HOME) });
}

/** A day's intervals as the admin reads them: "09:00–13:00, 14:00–19:00", or the word for a day off. */
export function intervalsText(ctx: BotyardContext, intervals: readonly WorkingInterval[] | undefined): string {
  if (intervals === undefined || intervals.length === 0) return ctx.t("booking-admin-day-off");
  return intervals.map((interval) => `${formatMinutes(interval.start)}–${formatMinutes(interval.end)}`).join(", ");
}

/** A master's working week, a line and a button per weekday to type that day's hours. */
export async function showWeek(ctx: BotyardContext, db: Db, masterId: number): Promise<void> {
  const master = (await salonCatalogue(db, ctx.botId)).masters.find((candidate) => candidate.id === masterId);
  if (master === undefined) {
    await ctx.reply(ctx.t("booking-catalogue-master-unknown"));
    return;
  }
  const names = weekdayNames(ctx.locale);
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t("booking-admin-weekly-hours-title", { name: master.name })];
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    lines.push(`${names[weekday - 1] ?? weekday}: ${intervalsText(ctx, master.weekly[weekday])}`);
    keyboard.text(names[weekday - 1] ?? String(weekday), weekdayHoursButton.data({ masterId: master.id, weekday }));
    if (weekday === 4) keyboard.row();
  }
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard.row().text(ctx.t("booking-admin-masters"), mastersButton.data({})) });
}

/** The bot's rules with their values, a button each to type a new one. */
export async function showRules(ctx: BotyardContext, db: Db): Promise<void> {
  const { rules } = await salonCatalogue(db, ctx.botId);
  const lines = [ctx.t("booking-admin-rules-title")];
  const keyboard = new InlineKeyboard();
  (Object.keys(EDITABLE_RULES) as EditableRule[]).forEach((rule, index) => {
    lines.push(`${ctx.t("booking-admin-rule", { rule })}: ${ruleValueText(ctx, rules, rule)}`);
    keyboard.text(ctx.t("booking-admin-rule", { rule }), ruleButton.data({ rule }));
    if (index % 2 === 1) keyboard.row();
  });
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard.row().text(ctx.t("booking-admin-home"), ADMIN_HOME) });
}

/**
 * The salon's catalogue in the bot for admins (permission `booking.manage`): services (activate
 * or deactivate; price and duration are typed, see `admin-edits.ts`), masters (activate or
 * deactivate, with the bookings a deactivated master still has, to move or cancel) and the rules.
 * Every change is a catalogue command; nothing here writes a catalogue table.
 */
export function adminCatalogueComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);

  onCallback(privateChats, servicesButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showServices(ctx, db);
  }, manage);
  onCallback(privateChats, adminServiceButton, async (ctx, { serviceId }) => {
    await ctx.answerCallbackQuery();
    await showService(ctx, db, serviceId);
  }, manage);
  onCallback(privateChats, serviceActiveButton, async (ctx, { serviceId, active }) => {
    await ctx.answerCallbackQuery();
    const outcome = await ctx.run(setServiceActive, { serviceId, active });
    if (!outcome.ok) {
      await ctx.reply(catalogueRefusalText(ctx, outcome));
      return;
    }
    await ctx.reply(ctx.t(outcome.service.active ? "booking-admin-service-activated" : "booking-admin-service-deactivated", { name: outcome.service.name }));
    await showService(ctx, db, serviceId);
  }, manage);

  onCallback(privateChats, mastersButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMasters(ctx, db);
  }, manage);
  onCallback(privateChats, masterActiveButton, async (ctx, { masterId, active }) => {
    await ctx.answerCallbackQuery();
    const outcome = await ctx.run(setMasterActive, { masterId, active });
    if (!outcome.ok) {
      await ctx.reply(catalogueRefusalText(ctx, outcome));
      return;
    }
    const { master, upcoming } = outcome;
    if (master.active || upcoming.length === 0) {
      await ctx.reply(ctx.t(master.active ? "booking-admin-master-activated" : "booking-admin-master-deactivated", { name: master.name }));
      await showMasters(ctx, db);
      return;
    }
    // Their bookings still stand: each with Cancel and Move, so the clients hear of any change.
    const keyboard = new InlineKeyboard();
    const dayOf = (booking: StaffBooking) => instantToZoned(new Date(booking.startsAt), booking.timeZone).date;
    for (const booking of upcoming.slice(0, MAX_BOOKINGS_WITH_BUTTONS)) {
      const label = `${dayOf(booking).slice(5)} ${formatClockTime(booking.startsAt, ctx.locale, booking.timeZone)} ${booking.clientName}`;
      keyboard.text(ctx.t("booking-admin-cancel-button", { label }), adminCancelButton.data({ bookingId: booking.id })).text(ctx.t("booking-admin-move-button", { label }), adminMoveButton.data({ bookingId: booking.id })).row();
    }
    const lines = [ctx.t("booking-admin-master-deactivated-with-bookings", { name: master.name, count: upcoming.length }), ...upcoming.map((booking) => `• ${formatDay(dayOf(booking), ctx.locale)}, ${staffLine(ctx, booking)}`)];
    await ctx.reply(lines.join("\n"), { reply_markup: keyboard.text(ctx.t("booking-admin-masters"), mastersButton.data({})) });
  }, manage);

  onCallback(privateChats, weeklyHoursButton, async (ctx, { masterId }) => {
    await ctx.answerCallbackQuery();
    await showWeek(ctx, db, masterId);
  }, manage);

  onCallback(privateChats, rulesButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showRules(ctx, db);
  }, manage);
  return composer;
}
