import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { checkService, isUsableName, MAX_TEXT_LENGTH } from "../domain/catalogue.ts";
import { checkRules, DEFAULT_BOOKING_RULES, type BookingRules, type RuleOverrides } from "../domain/rules.ts";
import { botRules, type Tables } from "../repo.ts";
import { refusedFor, rulesProblems, type CatalogueProblem, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { presentService, serviceOfBot, type ServiceView } from "../queries/salon-catalogue.ts";

type Trx = Transaction<Tables>;

/** A service as admins describe it; money in minor units (cents). */
export interface ServiceInput {
  name: string;
  description: string | null;
  /** 5-480. */
  durationMin: number;
  priceMinor: number;
  /** ISO 4217, e.g. "EUR". */
  currency: string;
  /** 0-120 each. */
  bufferBeforeMin: number;
  bufferAfterMin: number;
  /** 5-120. */
  slotStepMin: number;
  /** 1 = one client at a time; more = a class. */
  capacity: number;
  /** Paid up front, at most the price; null for none. */
  prepaymentMinor: number | null;
  /** This service's own rules, only those that differ from the bot's. */
  ruleOverrides: RuleOverrides;
}

export type ServiceOutcome = { ok: true; service: ServiceView } | CatalogueRefusal;

/** Only the rules the engine knows, without the ones left empty. */
function knownOverrides(overrides: RuleOverrides): RuleOverrides {
  const known: RuleOverrides = {};
  for (const rule of Object.keys(DEFAULT_BOOKING_RULES) as (keyof BookingRules)[]) {
    const value = overrides[rule];
    if (value !== undefined && value !== null) known[rule] = value;
  }
  return known;
}

async function serviceProblems(trx: Trx, botId: string, input: ServiceInput): Promise<CatalogueProblem[]> {
  const problems: CatalogueProblem[] = [];
  if (!isUsableName(input.name)) problems.push({ problem: "name-missing" });
  if (input.description !== null && input.description.length > MAX_TEXT_LENGTH) problems.push({ problem: "text-too-long" });
  const { holdMin } = await botRules(trx, botId);
  const service = checkService({
    id: "",
    active: true,
    durationMin: input.durationMin,
    priceMinor: input.priceMinor,
    currency: input.currency,
    bufferBeforeMin: input.bufferBeforeMin,
    bufferAfterMin: input.bufferAfterMin,
    slotStepMin: input.slotStepMin,
    capacity: input.capacity,
    ...(input.prepaymentMinor === null ? {} : { prepayment: { amountMinor: input.prepaymentMinor, holdMin } }),
  });
  if (!service.ok) problems.push(...service.problems.map((problem) => ({ problem })));
  const rules = checkRules(input.ruleOverrides);
  if (!rules.ok) problems.push(...rulesProblems(rules.problems));
  return problems;
}

function columnsOf(input: ServiceInput) {
  return {
    name: input.name.trim(),
    description: input.description === null || input.description.trim() === "" ? null : input.description.trim(),
    duration_min: input.durationMin,
    price_minor: input.priceMinor,
    currency: input.currency,
    buffer_before_min: input.bufferBeforeMin,
    buffer_after_min: input.bufferAfterMin,
    slot_step_min: input.slotStepMin,
    capacity: input.capacity,
    prepayment_minor: input.prepaymentMinor,
    rule_overrides: JSON.stringify(knownOverrides(input.ruleOverrides)),
  };
}

/** Admins add a service; it is offered once a master offers it (see `setMasterServices`). */
export const createService = defineUseCase("booking.service.create", async (trx: Trx, actor: Actor, input: ServiceInput): Promise<UseCaseOutcome<ServiceOutcome>> => {
  const problems = await serviceProblems(trx, actor.botId, input);
  if (problems.length > 0) return refusedFor(...problems);
  const row = await trx
    .insertInto("booking_service")
    .values({ bot_id: actor.botId, ...columnsOf(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  const service = presentService(row);
  return { result: { ok: true, service }, audit: { objectType: "booking_service", objectId: service.id, after: service } };
});

/**
 * Admins change a service: only the fields given, checked together with the rest (a prepayment
 * never above the new price). Bookings already made keep the price and duration they were made
 * with; new bookings and the free times offered use the new ones at once.
 */
export const editService = defineUseCase(
  "booking.service.edit",
  async (trx: Trx, actor: Actor, input: Partial<ServiceInput> & { serviceId: number }): Promise<UseCaseOutcome<ServiceOutcome>> => {
    const before = await serviceOfBot(trx, actor.botId, input.serviceId);
    if (before === undefined) return refusedFor("service-unknown");
    const current = presentService(before);
    const { serviceId: _serviceId, ...changes } = input;
    const merged: ServiceInput = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
    const problems = await serviceProblems(trx, actor.botId, merged);
    if (problems.length > 0) return refusedFor(...problems);
    const row = await trx
      .updateTable("booking_service")
      .set({ ...columnsOf(merged), updated_at: sql`now()` })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const service = presentService(row);
    return { result: { ok: true, service }, audit: { objectType: "booking_service", objectId: service.id, before: current, after: service } };
  },
);

/**
 * Admins stop offering a service or offer it again. Clients no longer see an inactive one and the
 * engine refuses it; bookings already made stay as they are.
 */
export const setServiceActive = defineUseCase(
  "booking.service.set-active",
  async (trx: Trx, actor: Actor, input: { serviceId: number; active: boolean }): Promise<UseCaseOutcome<ServiceOutcome>> => {
    const before = await serviceOfBot(trx, actor.botId, input.serviceId);
    if (before === undefined) return refusedFor("service-unknown");
    const row = await trx
      .updateTable("booking_service")
      .set({ active: input.active, updated_at: sql`now()` })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const service = presentService(row);
    return { result: { ok: true, service }, audit: { objectType: "booking_service", objectId: service.id, before: presentService(before), after: service } };
  },
);
