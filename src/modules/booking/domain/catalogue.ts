import { isKnownCurrency, minorDigits } from "../../../platform/domain/money.ts";
import { isKnownTimeZone } from "../../../platform/domain/zoned-time.ts";

/** A branch of the business. Its zone is where "09:00" and "no bookings today" are meant. */
export interface Location {
  id: string;
  /** IANA zone, e.g. `"Europe/Berlin"` or `"Asia/Tashkent"`. */
  timeZone: string;
}

/** Money paid up front; the slot is held for `holdMin` minutes and released if unpaid. */
export interface Prepayment {
  amountMinor: number;
  holdMin: number;
}

/**
 * Something a client can book, as the business sells it. A booking keeps a snapshot of the
 * duration and price it was made with, so editing a service never changes past bookings.
 */
export interface Service {
  id: string;
  /** Clients cannot book an inactive service; existing bookings stay. */
  active: boolean;
  /** How long the client is served, 5-480 minutes. */
  durationMin: number;
  /** Integer minor units (cents, tiyin) in `currency`; money is never a float. */
  priceMinor: number;
  /** ISO 4217 code, e.g. `"EUR"`. */
  currency: string;
  /** Preparation the master needs before the client arrives; blocks the master's time. */
  bufferBeforeMin: number;
  /** Cleaning up after the client leaves; blocks the master's time. */
  bufferAfterMin: number;
  /** Offered start times are this far apart from the start of each working interval, 5-120. */
  slotStepMin: number;
  /** 1 for one client at a time; more makes a class session that several clients join. */
  capacity: number;
  prepayment?: Prepayment;
}

/** A master offers a service, optionally with their own duration or price. */
export interface MasterService {
  masterId: string;
  serviceId: string;
  durationMin?: number;
  priceMinor?: number;
}

export const MIN_DURATION_MIN = 5;
export const MAX_DURATION_MIN = 480;
export const MIN_SLOT_STEP_MIN = 5;
export const MAX_SLOT_STEP_MIN = 120;
export const MAX_BUFFER_MIN = 120;
/** A hold longer than a day would keep a slot away from everyone for no good reason. */
export const MAX_HOLD_MIN = 1440;

export type ServiceProblem =
  | "duration-out-of-range"
  | "price-invalid"
  | "currency-invalid"
  | "buffer-out-of-range"
  | "slot-step-out-of-range"
  | "capacity-invalid"
  | "prepayment-invalid";

export type LocationProblem = "time-zone-unknown";

/** The outcome of checking what an admin typed; `problems` name each thing to fix. */
export type Check<Problem> = { ok: true } | { ok: false; problems: Problem[] };

/** The longest name of a location, service or master; longer would not fit a button. */
export const MAX_NAME_LENGTH = 100;
/** The longest address or description. */
export const MAX_TEXT_LENGTH = 1000;

/** A name someone typed: something besides spaces, and short enough to show on a button. */
export function isUsableName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_NAME_LENGTH;
}

/** `ok` when nothing was found to fix. */
export function checkFrom<Problem>(problems: Problem[]): Check<Problem> {
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** A duration a service (or a master's own version of it) may have. */
export function isValidDuration(minutes: number): boolean {
  return isIntegerIn(minutes, MIN_DURATION_MIN, MAX_DURATION_MIN);
}

/**
 * The highest price of one visit, in the currency's whole units. High enough for the currencies
 * with the smallest units a salon or clinic prices in (100,000,000 UZS or VND is a few thousand
 * dollars), low enough to catch a slipped key (99,999,999,999 EUR).
 */
export const MAX_PRICE_UNITS = 100_000_000;

/** A price: whole minor units from zero (a free consultation) to `MAX_PRICE_UNITS` of the currency. */
export function isValidPrice(priceMinor: number, currency: string): boolean {
  const digits = isKnownCurrency(currency) ? minorDigits(currency) : 2;
  return isIntegerIn(priceMinor, 0, MAX_PRICE_UNITS * 10 ** digits);
}

/** Checks a service before it is saved; every problem is reported, not just the first. */
export function checkService(service: Service): Check<ServiceProblem> {
  const problems: ServiceProblem[] = [];
  if (!isValidDuration(service.durationMin)) problems.push("duration-out-of-range");
  if (!isValidPrice(service.priceMinor, service.currency)) problems.push("price-invalid");
  if (!isKnownCurrency(service.currency)) problems.push("currency-invalid");
  if (!isIntegerIn(service.bufferBeforeMin, 0, MAX_BUFFER_MIN) || !isIntegerIn(service.bufferAfterMin, 0, MAX_BUFFER_MIN)) {
    problems.push("buffer-out-of-range");
  }
  if (!isIntegerIn(service.slotStepMin, MIN_SLOT_STEP_MIN, MAX_SLOT_STEP_MIN)) problems.push("slot-step-out-of-range");
  if (!isIntegerIn(service.capacity, 1, Number.MAX_SAFE_INTEGER)) problems.push("capacity-invalid");
  const prepayment = service.prepayment;
  if (
    prepayment !== undefined &&
    (!isIntegerIn(prepayment.amountMinor, 1, service.priceMinor) || !isIntegerIn(prepayment.holdMin, 1, MAX_HOLD_MIN))
  ) {
    problems.push("prepayment-invalid");
  }
  return checkFrom(problems);
}

/** Checks a master's own duration and price for a service priced in `currency`. */
export function checkMasterService(offer: MasterService, currency: string): Check<"duration-out-of-range" | "price-invalid"> {
  const problems: ("duration-out-of-range" | "price-invalid")[] = [];
  if (offer.durationMin !== undefined && !isValidDuration(offer.durationMin)) problems.push("duration-out-of-range");
  if (offer.priceMinor !== undefined && !isValidPrice(offer.priceMinor, currency)) problems.push("price-invalid");
  return checkFrom(problems);
}

/** Checks a location; an unknown zone would make every time wrong. */
export function checkLocation(location: Location): Check<LocationProblem> {
  return checkFrom(isKnownTimeZone(location.timeZone) ? [] : ["time-zone-unknown"]);
}

/**
 * The service as this master performs it: their own duration and price where they have one.
 * Every rule (slots, overlap, the booking's snapshot) must use this, not the catalogue entry.
 */
export function serviceAsOfferedBy(service: Service, offer: MasterService | undefined): Service {
  if (offer === undefined) return service;
  return { ...service, durationMin: offer.durationMin ?? service.durationMin, priceMinor: offer.priceMinor ?? service.priceMinor };
}
