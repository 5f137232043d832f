import type { Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { checkMasterService, isUsableName } from "../domain/catalogue.ts";
import type { Tables } from "../repo.ts";
import { refusedFor, type CatalogueProblem, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { locationOfBot, masterRowOfBot, masterViews, type MasterOfferView, type MasterView } from "../queries/salon-catalogue.ts";
import { staffBooking, type StaffBooking } from "../queries/staff-calendar.ts";

type Trx = Transaction<Tables>;

export type MasterOutcome = { ok: true; master: MasterView } | CatalogueRefusal;

/** A master as admins describe them: a name, where they work, and optionally their Telegram account. */
export interface MasterInput {
  name: string;
  locationId: number;
  telegramId: number | null;
}

async function viewOf(trx: Trx, botId: string, masterId: number): Promise<MasterView> {
  const [view] = await masterViews(trx, botId, masterId);
  if (view === undefined) throw new Error(`master ${masterId} vanished inside its own transaction`);
  return view;
}

async function locationProblems(trx: Trx, botId: string, locationId: number): Promise<CatalogueProblem[]> {
  const location = await locationOfBot(trx, botId, locationId);
  if (location === undefined) return [{ problem: "location-unknown" }];
  return location.active ? [] : [{ problem: "location-inactive" }];
}

/** A Telegram account links to at most one master of a bot. */
async function telegramProblems(trx: Trx, botId: string, telegramId: number | null, masterId?: number): Promise<CatalogueProblem[]> {
  if (telegramId === null) return [];
  if (!Number.isSafeInteger(telegramId) || telegramId <= 0) return [{ problem: "telegram-invalid" }];
  let query = trx.selectFrom("booking_master").select("id").where("bot_id", "=", botId).where("telegram_id", "=", telegramId);
  if (masterId !== undefined) query = query.where("id", "!=", masterId);
  return (await query.executeTakeFirst()) === undefined ? [] : [{ problem: "telegram-taken" }];
}

/** Admins add a master at an open location; they offer nothing and work no hours until given some. */
export const createMaster = defineUseCase("booking.master.create", async (trx: Trx, actor: Actor, input: MasterInput): Promise<UseCaseOutcome<MasterOutcome>> => {
  const problems = [
    ...(isUsableName(input.name) ? [] : [{ problem: "name-missing" } as const]),
    ...(await locationProblems(trx, actor.botId, input.locationId)),
    ...(await telegramProblems(trx, actor.botId, input.telegramId)),
  ];
  if (problems.length > 0) return refusedFor(...problems);
  const { id } = await trx
    .insertInto("booking_master")
    .values({ bot_id: actor.botId, location_id: input.locationId, display_name: input.name.trim(), telegram_id: input.telegramId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const master = await viewOf(trx, actor.botId, id);
  return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: id, after: master } };
});

/**
 * Admins rename a master or move them to another open location (their weekly hours are then
 * meant in that location's zone). Bookings already made keep their place and time.
 */
export const editMaster = defineUseCase(
  "booking.master.edit",
  async (trx: Trx, actor: Actor, input: { masterId: number; name?: string; locationId?: number }): Promise<UseCaseOutcome<MasterOutcome>> => {
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const name = input.name ?? row.display_name;
    const locationId = input.locationId ?? row.location_id;
    const problems = [
      ...(isUsableName(name) ? [] : [{ problem: "name-missing" } as const]),
      ...(locationId === row.location_id ? [] : await locationProblems(trx, actor.botId, locationId)),
    ];
    if (problems.length > 0) return refusedFor(...problems);
    const before = await viewOf(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ display_name: name.trim(), location_id: locationId }).where("id", "=", row.id).execute();
    const master = await viewOf(trx, actor.botId, row.id);
    return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);

/**
 * Admins link a master to their Telegram account (they then get notices of their bookings and
 * their day and week in the bot, once they hold the master role) or unlink it with `null`.
 */
export const linkMasterTelegram = defineUseCase(
  "booking.master.link",
  async (trx: Trx, actor: Actor, input: { masterId: number; telegramId: number | null }): Promise<UseCaseOutcome<MasterOutcome>> => {
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const problems = await telegramProblems(trx, actor.botId, input.telegramId, row.id);
    if (problems.length > 0) return refusedFor(...problems);
    const before = await viewOf(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ telegram_id: input.telegramId }).where("id", "=", row.id).execute();
    const master = await viewOf(trx, actor.botId, row.id);
    return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);

export type MasterActiveOutcome = { ok: true; master: MasterView; upcoming: StaffBooking[] } | CatalogueRefusal;

/**
 * Admins deactivate a master (no new bookings go to them; "any master" skips them) or reactivate
 * them. The answer lists the master's bookings still to come, so the admin can move or cancel
 * them with their clients told: they are not touched here. Reactivating needs an open location.
 */
export const setMasterActive = defineUseCase(
  "booking.master.set-active",
  async (trx: Trx, actor: Actor, input: { masterId: number; active: boolean; now: Date }): Promise<UseCaseOutcome<MasterActiveOutcome>> => {
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    if (input.active) {
      const problems = await locationProblems(trx, actor.botId, row.location_id);
      if (problems.length > 0) return refusedFor(...problems);
    }
    const before = await viewOf(trx, actor.botId, row.id);
    await trx.updateTable("booking_master").set({ active: input.active }).where("id", "=", row.id).execute();
    const master = await viewOf(trx, actor.botId, row.id);
    const upcoming = await upcomingBookingsOf(trx, actor.botId, row.id, input.now);
    return { result: { ok: true, master, upcoming }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);

/** A master's bookings that have not ended and still stand (pending or confirmed), earliest first. */
export async function upcomingBookingsOf(trx: Trx, botId: string, masterId: number, now: Date): Promise<StaffBooking[]> {
  const rows = await trx
    .selectFrom("booking")
    .select("id")
    .where("bot_id", "=", botId)
    .where("master_id", "=", masterId)
    .where("status", "in", ["pending", "confirmed"])
    .where("ends_at", ">", now)
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
  const bookings: StaffBooking[] = [];
  for (const { id } of rows) {
    const booking = await staffBooking(trx, botId, id);
    if (booking !== undefined) bookings.push(booking);
  }
  return bookings;
}

/**
 * Admins set which services a master offers, each with an optional own duration and price (null:
 * the service's). The list replaces the master's offers; bookings already made keep their price
 * and duration, and a service no longer offered is simply not offered for new bookings.
 */
export const setMasterServices = defineUseCase(
  "booking.master.services",
  async (trx: Trx, actor: Actor, input: { masterId: number; offers: readonly MasterOfferView[] }): Promise<UseCaseOutcome<MasterOutcome>> => {
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const serviceIds = input.offers.map((offer) => offer.serviceId);
    const known =
      serviceIds.length === 0
        ? []
        : await trx.selectFrom("booking_service").select("id").where("bot_id", "=", actor.botId).where("id", "in", serviceIds).execute();
    const problems: CatalogueProblem[] = [];
    if (known.length !== new Set(serviceIds).size || new Set(serviceIds).size !== serviceIds.length) problems.push({ problem: "service-unknown" });
    for (const offer of input.offers) {
      const check = checkMasterService({
        masterId: String(row.id),
        serviceId: String(offer.serviceId),
        ...(offer.durationMin === null ? {} : { durationMin: offer.durationMin }),
        ...(offer.priceMinor === null ? {} : { priceMinor: offer.priceMinor }),
      });
      if (!check.ok) problems.push(...check.problems.filter((problem) => !problems.some((seen) => seen.problem === problem)).map((problem) => ({ problem })));
    }
    if (problems.length > 0) return refusedFor(...problems);
    const before = await viewOf(trx, actor.botId, row.id);
    await trx.deleteFrom("booking_master_service").where("master_id", "=", row.id).execute();
    if (input.offers.length > 0) {
      await trx
        .insertInto("booking_master_service")
        .values(input.offers.map((offer) => ({ master_id: row.id, service_id: offer.serviceId, duration_min: offer.durationMin, price_minor: offer.priceMinor })))
        .execute();
    }
    const master = await viewOf(trx, actor.botId, row.id);
    return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
