// `npm run bench` (after bench/run.ts): the booking module's slot search, booking throughput and a
// year's analytics on PGlite and PostgreSQL, each next to the pure domain code alone on the same
// data in the same process (the floor: what is left without a database). Prints a table, writes
// bench/results/booking.json. Nothing here asserts on time.
// Sizes: BENCH_BOOKING_MASTERS (20), BENCH_BOOKING_EXISTING (5000), BENCH_BOOKING_ROUNDS (5),
// BENCH_BOOKING_COUNT (400 bookings), BENCH_BOOKING_CLIENTS (20 at once); BENCH_TARGETS.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql, type Kysely, type Transaction } from "kysely";
import { analyticsOf } from "../src/modules/booking/domain/analytics.ts";
import { decideBooking, type MasterOffer } from "../src/modules/booking/domain/decide-booking.ts";
import { monthCalendar } from "../src/modules/booking/domain/month-calendar.ts";
import { blockedBy, type Occupancy } from "../src/modules/booking/domain/occupancy.ts";
import { rulesForService } from "../src/modules/booking/domain/rules.ts";
import { slotsForAnyMaster } from "../src/modules/booking/domain/any-master.ts";
import { bookAppointment } from "../src/modules/booking/commands/book-appointment.ts";
import { HOLD_EVENT, INVOICE_EVENT } from "../src/modules/booking/effects/payment-hold.ts";
import { bookingMigrations, bookingModule } from "../src/modules/booking/module.ts";
import { BOOKING_PERMISSIONS } from "../src/modules/booking/permissions.ts";
import { REMINDER_EVENT } from "../src/modules/booking/domain/reminders.ts";
import { botRules } from "../src/modules/booking/queries/rules.ts";
import { holidaysOf, occupanciesOf, offeringsOfService, schedulesOf } from "../src/modules/booking/queries/offerings.ts";
import { timeRange } from "../src/modules/booking/effects/occupancy.ts";
import { type Tables } from "../src/modules/booking/tables.ts";
import { daySlots, monthAvailability } from "../src/modules/booking/queries/availability.ts";
import { analyticsData, bookingAnalytics } from "../src/modules/booking/queries/analytics.ts";
import { PLATFORM_PERMISSIONS, Permissions } from "../src/platform/auth/permissions.ts";
import { createCommandRuntime } from "../src/platform/commands/command-runtime.ts";
import { openDatabase, type Database } from "../src/platform/db/database.ts";
import { statementCount } from "../src/platform/db/statement-count.ts";
import { platformCatalogues } from "../src/platform/i18n/catalogues.ts";
import { Translator } from "../src/platform/i18n/translator.ts";
import { migrateToLatest } from "../src/platform/db/migrate.ts";
import { addDays, datesOfMonth, weekdayOf, zonedDateTimeToInstant, zonedDay } from "../src/platform/domain/zoned-time.ts";
import { freshPglite, freshPostgres, postgresProblem, type BenchDatabase } from "./databases.ts";

function intFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number, got ${value}`);
  return parsed;
}

const sizes = {
  masters: intFromEnv("BENCH_BOOKING_MASTERS", 20),
  existing: intFromEnv("BENCH_BOOKING_EXISTING", 5000),
  rounds: intFromEnv("BENCH_BOOKING_ROUNDS", 5),
  bookings: intFromEnv("BENCH_BOOKING_COUNT", 400),
  clients: intFromEnv("BENCH_BOOKING_CLIENTS", 20),
};
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const targets = (process.env.BENCH_TARGETS ?? "pglite,postgres").split(",").map((name) => name.trim());

const BOT = "bench";
const ZONE = "Europe/Berlin";
/** Friday 27 February 2026, 09:00 in Berlin: March is the month searched, April is booked. */
const NOW = new Date("2026-02-27T08:00:00Z");
const SEARCHED_MONTH = "2026-03";
const SEARCHED_DAY = "2026-03-18";
const BOOKED_MONTH = "2026-04";
const HOURS = [
  { start: 9 * 60, end: 13 * 60 },
  { start: 14 * 60, end: 18 * 60 },
];

function log(message: string): void {
  process.stderr.write(`[bench booking ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A small deterministic generator, so every run seeds the same bookings. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Seeded {
  masterIds: number[];
  /** 60 min, 10 min buffer after, every 30 min: what clients search and book. */
  haircut: number;
}

async function seed(database: Database): Promise<Seeded> {
  const db = database.db as unknown as Kysely<Tables>;
  await db.insertInto("bot").values({ id: BOT, telegram_id: 1, username: "bench_bot", settings: JSON.stringify({ timeZone: ZONE, languages: ["en"], modules: null }) }).execute();
  const { id: locationId } = await db.insertInto("booking_location").values({ bot_id: BOT, name: "Mitte", address: null, time_zone: ZONE }).returning("id").executeTakeFirstOrThrow();
  const service = (name: string, durationMin: number, bufferAfterMin: number) =>
    db
      .insertInto("booking_service")
      .values({ bot_id: BOT, name, description: null, duration_min: durationMin, price_minor: 3000, currency: "EUR", buffer_after_min: bufferAfterMin, slot_step_min: 30, prepayment_minor: null })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((row) => row.id);
  const haircut = await service("Haircut", 60, 10);
  const trim = await service("Trim", 30, 0);
  const masterIds: number[] = [];
  for (let i = 0; i < sizes.masters; i++) {
    const { id } = await db.insertInto("booking_master").values({ bot_id: BOT, location_id: locationId, display_name: `Master ${i + 1}`, telegram_id: null }).returning("id").executeTakeFirstOrThrow();
    masterIds.push(id);
    await db
      .insertInto("booking_weekly_hours")
      .values(([1, 2, 3, 4, 5, 6] as const).flatMap((weekday) => HOURS.map((hours) => ({ master_id: id, weekday, start_min: hours.start, end_min: hours.end }))))
      .execute();
    await db
      .insertInto("booking_master_service")
      .values([
        { master_id: id, service_id: haircut, duration_min: null, price_minor: null },
        { master_id: id, service_id: trim, duration_min: null, price_minor: null },
      ])
      .execute();
  }

  // The existing bookings: 30-minute trims at random free half-hours of the searched month.
  const halfHours: { masterId: number; start: Date }[] = [];
  for (const date of datesOfMonth(SEARCHED_MONTH)) {
    if (weekdayOf(date) === 7) continue;
    for (const masterId of masterIds) {
      for (const hours of HOURS) {
        for (let minutes = hours.start; minutes < hours.end; minutes += 30) {
          const start = zonedDateTimeToInstant(date, minutes, ZONE);
          if (start !== null) halfHours.push({ masterId, start });
        }
      }
    }
  }
  const random = seededRandom(42);
  for (let i = halfHours.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [halfHours[i], halfHours[j]] = [halfHours[j] as (typeof halfHours)[number], halfHours[i] as (typeof halfHours)[number]];
  }
  const chosen = halfHours.slice(0, Math.min(sizes.existing, halfHours.length));
  await database.transaction(async (platformTrx) => {
    const trx = platformTrx as unknown as Transaction<Tables>;
    const clients = await trx
      .insertInto("booking_client")
      .values(Array.from({ length: Math.ceil(chosen.length / 3) }, (_, i) => ({ bot_id: BOT, telegram_id: 5_000_000 + i, name: `Client ${i}`, phone: null })))
      .returning("id")
      .execute();
    for (let offset = 0; offset < chosen.length; offset += 500) {
      const batch = chosen.slice(offset, offset + 500);
      const bookings = await trx
        .insertInto("booking")
        .values(
          batch.map((slot, i) => ({
            bot_id: BOT,
            client_id: clients[Math.floor((offset + i) / 3)]?.id ?? 0,
            master_id: slot.masterId,
            service_id: trim,
            location_id: locationId,
            class_session_id: null,
            starts_at: slot.start,
            ends_at: new Date(slot.start.getTime() + 30 * 60_000),
            status: "confirmed" as const,
            cancelled_by: null,
            price_minor: 3000,
            currency: "EUR",
            duration_min: 30,
            prepayment_minor: null,
            hold_expires_at: null,
            created_by: null,
            created_via: "system" as const,
          })),
        )
        .returning(["id", "master_id", "starts_at", "ends_at"])
        .execute();
      await trx
        .insertInto("booking_occupancy")
        .values(bookings.map((row) => ({ bot_id: BOT, master_id: row.master_id, during: timeRange({ start: row.starts_at, end: row.ends_at }), kind: "appointment" as const, booking_id: row.id, class_session_id: null, expires_at: null })))
        .execute();
    }
  });
  return { masterIds, haircut };
}

/** What the engine reads for "any master" over a range, loaded once: the pure baseline's input. */
async function engineInputs(database: Database, seeded: Seeded, from: string, to: string) {
  const db = database.db as unknown as Kysely<Tables>;
  const bot = await botRules(db, BOT);
  const offerings = await offeringsOfService(db, BOT, seeded.haircut, bot.holdMin);
  const schedules = await schedulesOf(db, seeded.masterIds);
  const masters: MasterOffer[] = offerings.map((offering) => ({ schedule: schedules.get(offering.masterId) ?? { masterId: "", weekly: {}, daysOff: [], overrides: [] }, service: offering.service }));
  // The same stretch the service reads: the days asked for and a day either side.
  const range = { start: zonedDay(addDays(from, -1), ZONE).start, end: zonedDay(addDays(to, 1), ZONE).end };
  return {
    now: NOW,
    timeZone: ZONE,
    rules: rulesForService(bot.rules, offerings[0]?.ruleOverrides),
    holidays: await holidaysOf(db, BOT),
    occupancies: await occupanciesOf(db, seeded.masterIds, range),
    masters,
    kind: "new" as const,
    clientActiveBookings: 0,
  };
}

async function timed(work: () => unknown): Promise<number> {
  const began = performance.now();
  await work();
  return performance.now() - began;
}

interface SearchFigures {
  occupancies: number;
  /** SQL statements one month view sends. */
  monthStatements: number;
  monthDbMs: number;
  monthEngineMs: number;
  dayDbMs: number;
  dayEngineMs: number;
}

async function measureSearch(database: Database, seeded: Seeded): Promise<SearchFigures> {
  const db = database.db as unknown as Kysely<Tables>;
  const query = { botId: BOT, serviceId: seeded.haircut, now: NOW, clientActiveBookings: 0 };
  const month = datesOfMonth(SEARCHED_MONTH);
  const inputs = await engineInputs(database, seeded, month[0] ?? SEARCHED_MONTH, month.at(-1) ?? SEARCHED_MONTH);
  const dayInputs = await engineInputs(database, seeded, SEARCHED_DAY, SEARCHED_DAY);
  const figures = { monthDb: [] as number[], monthEngine: [] as number[], dayDb: [] as number[], dayEngine: [] as number[] };
  const before = statementCount.total;
  await monthAvailability(db, { ...query, month: SEARCHED_MONTH });
  const monthStatements = statementCount.total - before;
  // One warm-up round, then the measured ones.
  for (let round = 0; round <= sizes.rounds; round++) {
    const monthDb = await timed(() => monthAvailability(db, { ...query, month: SEARCHED_MONTH }));
    const monthEngine = await timed(() => monthCalendar({ ...inputs, month: SEARCHED_MONTH }));
    const dayDb = await timed(() => daySlots(db, { ...query, date: SEARCHED_DAY }));
    const dayEngine = await timed(() => slotsForAnyMaster({ ...dayInputs, date: SEARCHED_DAY }));
    if (round === 0) continue;
    figures.monthDb.push(monthDb);
    figures.monthEngine.push(monthEngine);
    figures.dayDb.push(dayDb);
    figures.dayEngine.push(dayEngine);
  }
  return {
    occupancies: inputs.occupancies.length,
    monthStatements,
    monthDbMs: round(median(figures.monthDb)),
    monthEngineMs: round(median(figures.monthEngine)),
    dayDbMs: round(median(figures.dayDb), 2),
    dayEngineMs: round(median(figures.dayEngine), 2),
  };
}

interface BookingFigures {
  booked: number;
  refused: number;
  dbPerSecond: number;
  enginePerSecond: number;
}

/** Free times of the booked month, each master's day in turn: 09:00, 10:30, 14:00 and 15:30 fit a haircut with its buffer. */
function bookableTimes(seeded: Seeded): { masterId: number; start: Date }[] {
  const lastDay = addDays("2026-02-27", 60);
  const times: { masterId: number; start: Date }[] = [];
  for (const date of datesOfMonth(BOOKED_MONTH)) {
    if (weekdayOf(date) === 7 || date > lastDay) continue;
    for (const minutes of [540, 630, 840, 930]) {
      for (const masterId of seeded.masterIds) {
        const start = zonedDateTimeToInstant(date, minutes, ZONE);
        if (start !== null) times.push({ masterId, start });
      }
    }
  }
  return times;
}

async function measureBookings(database: Database, seeded: Seeded): Promise<BookingFigures> {
  const times = bookableTimes(seeded).slice(0, sizes.bookings);
  const month = datesOfMonth(BOOKED_MONTH);
  const inputs = await engineInputs(database, seeded, month[0] ?? BOOKED_MONTH, month.at(-1) ?? BOOKED_MONTH);

  // The floor: the engine deciding the same bookings against an in-memory list that grows (best of three).
  const engineRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const occupancies: Occupancy[] = [...inputs.occupancies];
    engineRuns.push(
      await timed(() => {
        for (const time of times) {
          const offer = inputs.masters.find((master) => master.schedule.masterId === String(time.masterId));
          if (offer === undefined) throw new Error("bench: a master without an offer");
          const decision = decideBooking({ ...inputs, ...offer, occupancies, start: time.start });
          if (decision.ok) occupancies.push({ masterId: String(time.masterId), kind: "appointment", ...blockedBy(time.start, offer.service) });
        }
      }),
    );
  }
  const engineMs = Math.min(...engineRuns);

  // The booking command on this database, at the bench's now (its notices and reminders go to the outbox and the event table).
  const commands = createCommandRuntime({
    database,
    translator: new Translator([...platformCatalogues(), ...(bookingModule.catalogues ?? [])]),
    permissions: new Permissions([PLATFORM_PERMISSIONS, BOOKING_PERMISSIONS]),
    clock: { now: () => NOW },
    jobs: { send: () => Promise.resolve(null) },
    languagesOf: () => ["en"],
    eventKinds: new Set([REMINDER_EVENT, INVOICE_EVENT, HOLD_EVENT]),
    queues: new Set(),
    hooksOf: () => [],
  });
  let next = 0;
  let booked = 0;
  let refused = 0;
  const client = async (): Promise<void> => {
    while (next < times.length) {
      const index = next++;
      const time = times[index];
      if (time === undefined) return;
      const outcome = await commands.run({ botId: BOT, personId: 7_000_000 + index, source: "bot" }, bookAppointment, {
        masterId: time.masterId,
        serviceId: seeded.haircut,
        start: time.start,
        name: `Bench client ${index}`,
      });
      if (outcome.ok) booked += 1;
      else refused += 1;
    }
  };
  const dbMs = await timed(() => Promise.all(Array.from({ length: sizes.clients }, client)));
  return { booked, refused, dbPerSecond: round((booked / dbMs) * 1000), enginePerSecond: Math.round((times.length / engineMs) * 1000) };
}

interface AnalyticsFigures {
  analysed: number;
  analyticsDbMs: number;
  analyticsEngineMs: number;
}

const YEAR = { from: "2026-01-01", to: "2026-12-31" };

/**
 * The analytics of 2026 by master. Run last: it first spreads the month's bookings over the year
 * (March to December, by the tens digit of its id) and gives them the outcomes of a real year (7 in 10
 * done, 1 a no-show, 1 cancelled by the client, 1 still confirmed).
 */
async function measureAnalytics(database: Database): Promise<AnalyticsFigures> {
  const db = database.db as unknown as Kysely<Tables>;
  await sql`
    update booking set
      starts_at = starts_at + (id / 10 % 10) * interval '1 month',
      ends_at = ends_at + (id / 10 % 10) * interval '1 month',
      status = case when id % 10 < 7 then 'done' when id % 10 = 7 then 'no_show' when id % 10 = 8 then 'cancelled' else 'confirmed' end,
      cancelled_by = case when id % 10 = 8 then 'client' end
    where bot_id = ${BOT}`.execute(db);
  const { input } = await analyticsData(db, BOT, YEAR);
  const figures = { db: [] as number[], engine: [] as number[] };
  for (let round = 0; round <= sizes.rounds; round++) {
    const dbMs = await timed(() => bookingAnalytics(db, BOT, YEAR, "master"));
    const engineMs = await timed(() => analyticsOf(input));
    if (round === 0) continue;
    figures.db.push(dbMs);
    figures.engine.push(engineMs);
  }
  return { analysed: input.bookings.length, analyticsDbMs: round(median(figures.db)), analyticsEngineMs: round(median(figures.engine)) };
}

interface Result extends SearchFigures, BookingFigures, AnalyticsFigures {
  target: string;
}

async function measure(target: string, fresh: () => Promise<BenchDatabase>): Promise<Result> {
  const benchDatabase = await fresh();
  const url = benchDatabase.env.DATABASE_URL;
  const settings: Database["settings"] = url !== undefined ? { kind: "postgres", url, poolSize: sizes.clients + 2 } : { kind: "pglite", dataDir: benchDatabase.env.DATA_DIR ?? "" };
  const database = await openDatabase(settings);
  try {
    await migrateToLatest(database.db, bookingMigrations);
    log(`${target}: seeding ${sizes.masters} masters and ${sizes.existing} bookings`);
    const seeded = await seed(database);
    log(`${target}: month view and day slots for "any master" (${sizes.rounds} rounds)`);
    const search = await measureSearch(database, seeded);
    log(`${target}: ${sizes.bookings} bookings by ${sizes.clients} clients at once`);
    const bookings = await measureBookings(database, seeded);
    log(`${target}: a year's analytics by master (${sizes.rounds} rounds)`);
    const analytics = await measureAnalytics(database);
    return { target, ...search, ...bookings, ...analytics };
  } finally {
    await database.close();
    await benchDatabase.drop();
  }
}

const available: { key: string; name: string; fresh: () => Promise<BenchDatabase> }[] = [
  { key: "pglite", name: "Botyard PGlite", fresh: () => Promise.resolve(freshPglite()) },
  { key: "postgres", name: "Botyard PostgreSQL", fresh: () => freshPostgres(adminUrl) },
];
const notes: string[] = [];
const chosen = available.filter((target) => targets.includes(target.key));
if (chosen.some((target) => target.key === "postgres")) {
  const problem = await postgresProblem(adminUrl);
  if (problem !== undefined) {
    chosen.splice(chosen.findIndex((target) => target.key === "postgres"), 1);
    notes.push(`PostgreSQL skipped: ${new URL(adminUrl).host} is unreachable (${problem}); set BENCH_DATABASE_URL.`);
  }
}

const results: Result[] = [];
for (const target of chosen) results.push(await measure(target.name, target.fresh));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => "-".repeat(w + 1) + (i === 0 ? "-" : ":")).join("|")}|`, ...rows.map(line)].join("\n");
}
const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}x`;

console.log(
  `\nBooking slot search: "any master" of ${sizes.masters} for a 60-minute service, ${sizes.existing} bookings in the month (median of ${sizes.rounds}; engine alone = the same data already in memory)`,
);
console.log(
  table(
    ["target", "month view ms", "SQL statements", "engine alone ms", "vs engine", "one day ms", "engine alone ms", "vs engine"],
    results.map((r) => [r.target, r.monthDbMs, r.monthStatements, r.monthEngineMs, ratio(r.monthDbMs, r.monthEngineMs), r.dayDbMs, r.dayEngineMs, ratio(r.dayDbMs, r.dayEngineMs)].map(String)),
  ),
);
console.log(`\nConfirmed bookings per second: ${sizes.bookings} bookings of free times by ${sizes.clients} clients at once, one transaction each (engine alone = the same decisions in memory)`);
console.log(
  table(
    ["target", "booked", "refused", "bookings/s", "engine alone decisions/s", "engine vs database"],
    results.map((r) => [r.target, r.booked, r.refused, r.dbPerSecond, r.enginePerSecond, ratio(r.enginePerSecond, r.dbPerSecond)].map(String)),
  ),
);
console.log(
  `\nAnalytics of a year by master: ${sizes.masters} masters' working hours over 365 days and every booking of the year (median of ${sizes.rounds}; engine alone = analyticsOf on the same rows in memory)`,
);
console.log(
  table(
    ["target", "bookings", "analytics ms", "engine alone ms", "vs engine"],
    results.map((r) => [r.target, r.analysed, r.analyticsDbMs, r.analyticsEngineMs, ratio(r.analyticsDbMs, r.analyticsEngineMs)].map(String)),
  ),
);
for (const note of notes) console.log(`Note: ${note}`);

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "booking.json"), `${JSON.stringify({ at: new Date().toISOString(), sizes, results, notes }, null, 2)}\n`);
