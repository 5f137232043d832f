import type { Selectable } from "kysely";
import type { Weekday } from "../../../platform/domain/zoned-time.ts";
import type { RuleOverrides } from "../domain/rules.ts";
import type { WorkingInterval } from "../domain/schedule.ts";
import { botRules } from "./rules.ts";
import { type Db, type LocationTable, type MasterTable, type ServiceTable } from "../tables.ts";

/** A location as admins edit it. */
export interface LocationView {
  id: number;
  name: string;
  address: string | null;
  timeZone: string;
  active: boolean;
}

/** A service as admins edit it; money in minor units. */
export interface ServiceView {
  id: number;
  name: string;
  description: string | null;
  durationMin: number;
  priceMinor: number;
  currency: string;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  slotStepMin: number;
  capacity: number;
  /** Null: no prepayment. */
  prepaymentMinor: number | null;
  ruleOverrides: RuleOverrides;
  active: boolean;
}

/** A service a master offers; null duration or price means the service's own. */
export interface MasterOfferView {
  serviceId: number;
  durationMin: number | null;
  priceMinor: number | null;
}

/** A master as admins edit them: where they work, what they offer, their week. */
export interface MasterView {
  id: number;
  name: string;
  locationId: number;
  /** The linked Telegram account, or null for a master without one. */
  telegramId: number | null;
  active: boolean;
  offers: MasterOfferView[];
  /** Working intervals by ISO weekday (1 = Monday); a missing day is a day off. */
  weekly: Partial<Record<Weekday, WorkingInterval[]>>;
}

/** The bot's rules as admins edit them. */
export interface RulesView {
  minNoticeMin: number;
  horizonDays: number;
  cancelWindowMin: number;
  rescheduleWindowMin: number;
  maxReschedules: number;
  maxActivePerClient: number;
  reminderOffsetsMin: number[];
  holdMin: number;
}

/** Everything admins manage about the salon, inactive entries included. */
export interface SalonCatalogue {
  locations: LocationView[];
  services: ServiceView[];
  masters: MasterView[];
  rules: RulesView;
}

export function presentLocation(row: Selectable<LocationTable>): LocationView {
  return { id: row.id, name: row.name, address: row.address, timeZone: row.time_zone, active: row.active };
}

export function presentService(row: Selectable<ServiceTable>): ServiceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    durationMin: row.duration_min,
    // bigint columns come back as text from PostgreSQL.
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    bufferBeforeMin: row.buffer_before_min,
    bufferAfterMin: row.buffer_after_min,
    slotStepMin: row.slot_step_min,
    capacity: row.capacity,
    prepaymentMinor: row.prepayment_minor === null ? null : Number(row.prepayment_minor),
    ruleOverrides: row.rule_overrides,
    active: row.active,
  };
}

/** One location of the bot, or undefined (also for another bot's). */
export async function locationOfBot(db: Db, botId: string, locationId: number): Promise<Selectable<LocationTable> | undefined> {
  return db.selectFrom("booking_location").selectAll().where("bot_id", "=", botId).where("id", "=", locationId).executeTakeFirst();
}

export async function serviceOfBot(db: Db, botId: string, serviceId: number): Promise<Selectable<ServiceTable> | undefined> {
  return db.selectFrom("booking_service").selectAll().where("bot_id", "=", botId).where("id", "=", serviceId).executeTakeFirst();
}

export async function masterRowOfBot(db: Db, botId: string, masterId: number): Promise<Selectable<MasterTable> | undefined> {
  return db.selectFrom("booking_master").selectAll().where("bot_id", "=", botId).where("id", "=", masterId).executeTakeFirst();
}

/** The masters of the bot with their offers and weekly hours, by id; only `masterId` when given. */
export async function masterViews(db: Db, botId: string, masterId?: number): Promise<MasterView[]> {
  let query = db.selectFrom("booking_master").selectAll().where("bot_id", "=", botId);
  if (masterId !== undefined) query = query.where("id", "=", masterId);
  const masters = await query.orderBy("id").execute();
  const ids = masters.map((master) => master.id);
  if (ids.length === 0) return [];
  const [offers, hours] = await Promise.all([
    db.selectFrom("booking_master_service").selectAll().where("master_id", "in", ids).orderBy("service_id").execute(),
    db.selectFrom("booking_weekly_hours").selectAll().where("master_id", "in", ids).orderBy("weekday").orderBy("start_min").execute(),
  ]);
  return masters.map((master) => {
    const weekly: Partial<Record<Weekday, WorkingInterval[]>> = {};
    for (const row of hours.filter((hour) => hour.master_id === master.id)) (weekly[row.weekday] ??= []).push({ start: row.start_min, end: row.end_min });
    return {
      id: master.id,
      name: master.display_name,
      locationId: master.location_id,
      telegramId: master.telegram_id === null ? null : Number(master.telegram_id),
      active: master.active,
      offers: offers
        .filter((offer) => offer.master_id === master.id)
        .map((offer) => ({ serviceId: offer.service_id, durationMin: offer.duration_min, priceMinor: offer.price_minor === null ? null : Number(offer.price_minor) })),
      weekly,
    };
  });
}

export async function rulesView(db: Db, botId: string): Promise<RulesView> {
  const { rules, holdMin, reminderOffsetsMin } = await botRules(db, botId);
  return { ...rules, reminderOffsetsMin, holdMin };
}

/** The whole catalogue of a bot as admins manage it, inactive entries included, in the order added. */
export async function salonCatalogue(db: Db, botId: string): Promise<SalonCatalogue> {
  const [locations, services, masters, rules] = await Promise.all([
    db.selectFrom("booking_location").selectAll().where("bot_id", "=", botId).orderBy("id").execute(),
    db.selectFrom("booking_service").selectAll().where("bot_id", "=", botId).orderBy("id").execute(),
    masterViews(db, botId),
    rulesView(db, botId),
  ]);
  return { locations: locations.map(presentLocation), services: services.map(presentService), masters, rules };
}
