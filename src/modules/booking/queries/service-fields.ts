import { checkService, isUsableName, MAX_TEXT_LENGTH } from "../domain/catalogue.ts";
import { rulesProblems, type CatalogueProblem, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { checkRules, DEFAULT_BOOKING_RULES, type BookingRules, type RuleOverrides } from "../domain/rules.ts";
import { botRules } from "./rules.ts";
import { type Db } from "../tables.ts";
import type { ServiceView } from "./salon-catalogue.ts";

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

/** What an admin must fix before a service is saved (a prepayment is checked against the bot's hold); none when it can be. */
export async function serviceProblems(db: Db, botId: string, input: ServiceInput): Promise<CatalogueProblem[]> {
  const problems: CatalogueProblem[] = [];
  if (!isUsableName(input.name)) problems.push({ problem: "name-missing" });
  if (input.description !== null && input.description.length > MAX_TEXT_LENGTH) problems.push({ problem: "text-too-long" });
  const { holdMin } = await botRules(db, botId);
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

/** A service's columns as stored. */
export function columnsOf(input: ServiceInput) {
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

