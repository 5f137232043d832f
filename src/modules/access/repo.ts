import { sql, type ColumnType, type Generated, type Kysely, type Selectable, type Transaction } from "kysely";
import type { PlatformTables } from "../../platform/db/schema.ts";
import { personName } from "../../platform/domain/names.ts";
import type { RequestStatus } from "./domain/request.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person's application for staff access, and what became of it. */
export interface AccessRequestTable {
  id: Generated<number>;
  bot_id: string;
  telegram_id: number;
  name: string;
  /** E.164. */
  phone: string;
  comment: string | null;
  status: Generated<RequestStatus>;
  /** The role an approval granted. */
  role: string | null;
  /** Why it was rejected. */
  reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  /** Rises with every change, so each round of card edits has dedupe keys of its own. */
  revision: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A person barred from access in one bot: they can neither apply nor sign in. */
export interface AccessBlockTable {
  bot_id: string;
  telegram_id: number;
  reason: string | null;
  blocked_by: number | null;
  blocked_at: Timestamp;
}

export interface AccessTables {
  access_request: AccessRequestTable;
  access_block: AccessBlockTable;
}

export type Tables = PlatformTables & AccessTables;
export type Db = Kysely<Tables> | Transaction<Tables>;
export type AccessRequest = Selectable<AccessRequestTable>;

/** The roles a person holds in a bot, read from the database (never from a cached context). */
export async function rolesOf(db: Db, botId: string, telegramId: number): Promise<string[]> {
  const rows = await db.selectFrom("role").select("role").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).execute();
  return rows.map((row) => row.role);
}

export async function ownerCount(db: Db, botId: string): Promise<number> {
  const row = await db
    .selectFrom("role")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function isBlockedFromAccess(db: Db, botId: string, telegramId: number): Promise<boolean> {
  const row = await db.selectFrom("access_block").select("telegram_id").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).executeTakeFirst();
  return row !== undefined;
}

export async function latestRequestOf(db: Db, botId: string, telegramId: number): Promise<AccessRequest | undefined> {
  return db
    .selectFrom("access_request")
    .selectAll()
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** A request of the bot, locked for the deciding transaction so two admins decide one after the other. */
export async function requestForDecision(trx: Transaction<Tables>, botId: string, requestId: number): Promise<AccessRequest | undefined> {
  return trx.selectFrom("access_request").selectAll().where("bot_id", "=", botId).where("id", "=", requestId).forUpdate().executeTakeFirst();
}

/** People the bot speaks to in their own language: chosen language and Telegram's. */
export interface Addressee {
  telegramId: number;
  language: string | null;
  languageCode: string | null;
  name: string;
}

/** How people are named to staff: first and last name, and @username when there is one. */
function displayName(row: { first_name: string | null; last_name: string | null; username: string | null; telegram_id: number }): string {
  const name = personName(row.first_name, row.last_name);
  const handle = row.username === null ? "" : ` @${row.username}`;
  return `${name === "" ? String(row.telegram_id) : name}${handle}`;
}

/** The people with these ids, in the bot's eyes; someone the bot never met has no languages and their id as name. */
export async function addresseesOf(db: Db, botId: string, telegramIds: readonly number[]): Promise<Addressee[]> {
  if (telegramIds.length === 0) return [];
  const rows = await db
    .selectFrom("person")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.telegram_id", "=", "person.telegram_id").on("bot_member.bot_id", "=", botId))
    .select(["person.telegram_id", "person.first_name", "person.last_name", "person.username", "person.language_code", "bot_member.language"])
    .where("person.telegram_id", "in", [...telegramIds])
    .execute();
  return [...new Set(telegramIds)].map((telegramId) => {
    const row = rows.find((candidate) => candidate.telegram_id === telegramId);
    if (row === undefined) return { telegramId, language: null, languageCode: null, name: String(telegramId) };
    return { telegramId, language: row.language, languageCode: row.language_code, name: displayName(row) };
  });
}

/** A person's name as staff see it, or their id when the bot never met them. */
export async function nameOf(db: Db, telegramId: number): Promise<string> {
  const row = await db.selectFrom("person").select(["telegram_id", "first_name", "last_name", "username"]).where("telegram_id", "=", telegramId).executeTakeFirst();
  return row === undefined ? String(telegramId) : displayName(row);
}

/** Everyone holding one of `roles` in the bot. */
export async function holdersOf(db: Db, botId: string, roles: readonly string[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db.selectFrom("role").select("telegram_id").distinct().where("bot_id", "=", botId).where("role", "in", [...roles]).execute();
  return rows.map((row) => row.telegram_id);
}

/** The cards about a request the outbox has queued, one per admin: their chat and dedupe key. */
export async function cardsOf(db: Db, botId: string, requestId: number): Promise<{ chatId: number; dedupeKey: string }[]> {
  const rows = await db
    .selectFrom("outbox")
    .select(["chat_id", "dedupe_key"])
    .where("bot_id", "=", botId)
    .where("dedupe_key", "like", `${cardKeyPrefix(requestId)}%`)
    .execute();
  return rows.map((row) => ({ chatId: row.chat_id, dedupeKey: row.dedupe_key }));
}

export function cardKeyPrefix(requestId: number): string {
  return `access:request:${requestId}:card:`;
}

/** Requests still waiting for a decision (pending and postponed), oldest first, with the applicant's name. */
export async function pendingRequests(db: Db, botId: string): Promise<AccessRequest[]> {
  return db
    .selectFrom("access_request")
    .selectAll()
    .where("bot_id", "=", botId)
    .where("status", "in", ["pending", "postponed"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The live figures of the admin menu and the panel's dashboard. */
export interface AccessStatistics {
  people: { total: number; staff: number; blocked: number; applicants: number };
  requests: { pending: number; postponed: number; approvedToday: number; rejectedToday: number };
  activeSessions: number;
  today: { updates: number; activePeople: number };
}

/**
 * Figures from the database: people by status, requests waiting, live web sessions, and today's
 * updates and active people ("today" in the bot's time zone).
 */
export async function accessStatistics(db: Db, botId: string, options: { timeZone?: string; now?: Date } = {}): Promise<AccessStatistics> {
  const now = options.now ?? new Date();
  const dayStart = sql<Date>`(date_trunc('day', ${now}::timestamptz at time zone ${options.timeZone ?? "UTC"}) at time zone ${options.timeZone ?? "UTC"})`;
  const count = (value: { count: string | number | bigint } | undefined) => Number(value?.count ?? 0);
  const total = await db.selectFrom("bot_member").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).executeTakeFirst();
  const staff = await db.selectFrom("role").select((eb) => eb.fn.count<string>("telegram_id").distinct().as("count")).where("bot_id", "=", botId).executeTakeFirst();
  const blocked = await db.selectFrom("access_block").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).executeTakeFirst();
  const byStatus = await db
    .selectFrom("access_request")
    .select(["status", (eb) => eb.fn.countAll<string>().as("count")])
    .where("bot_id", "=", botId)
    .where((eb) => eb.or([eb("status", "in", ["pending", "postponed"]), eb("decided_at", ">=", dayStart)]))
    .groupBy("status")
    .execute();
  const ofStatus = (status: RequestStatus) => count(byStatus.find((row) => row.status === status));
  const sessions = await db
    .selectFrom("web_session")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("ended_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  const updates = await db
    .selectFrom("inbox")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("received_at", ">=", dayStart)
    .executeTakeFirst();
  const active = await db
    .selectFrom("bot_member")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("last_seen_at", ">=", dayStart)
    .executeTakeFirst();
  return {
    people: { total: count(total), staff: count(staff), blocked: count(blocked), applicants: ofStatus("pending") + ofStatus("postponed") },
    requests: { pending: ofStatus("pending"), postponed: ofStatus("postponed"), approvedToday: ofStatus("approved"), rejectedToday: ofStatus("rejected") },
    activeSessions: count(sessions),
    today: { updates: count(updates), activePeople: count(active) },
  };
}

/** How a person stands with the bot's access, for lists. */
export type PersonStatus = "staff" | "blocked" | "applicant" | "rejected";

export interface PersonListing {
  telegramId: number;
  name: string;
  username: string | null;
  roles: string[];
  status: PersonStatus;
  /** Their open request, if they are an applicant. */
  requestId: number | null;
}

/**
 * People the access side deals with: staff, blocked people and applicants (with open or
 * rejected requests), staff first, then by name. Plain bot users who never applied are not listed.
 */
export async function listPeople(db: Db, botId: string): Promise<PersonListing[]> {
  const roles = await db.selectFrom("role").select(["telegram_id", "role"]).where("bot_id", "=", botId).orderBy("role").execute();
  const blocks = await db.selectFrom("access_block").select("telegram_id").where("bot_id", "=", botId).execute();
  const requests = await db
    .selectFrom("access_request")
    .select(["id", "telegram_id", "status"])
    .where("bot_id", "=", botId)
    .where("status", "in", ["pending", "postponed", "rejected"])
    .orderBy("id")
    .execute();
  const ids = [...new Set([...roles.map((row) => row.telegram_id), ...blocks.map((row) => row.telegram_id), ...requests.map((row) => row.telegram_id)])];
  if (ids.length === 0) return [];
  const people = await db.selectFrom("person").select(["telegram_id", "first_name", "last_name", "username"]).where("telegram_id", "in", ids).execute();
  const blocked = new Set(blocks.map((row) => row.telegram_id));
  const listing = ids.map((telegramId): PersonListing => {
    const person = people.find((row) => row.telegram_id === telegramId);
    const held = roles.filter((row) => row.telegram_id === telegramId).map((row) => row.role);
    const latest = requests.filter((row) => row.telegram_id === telegramId).at(-1);
    const open = latest !== undefined && latest.status !== "rejected" ? latest : undefined;
    const status: PersonStatus = blocked.has(telegramId) ? "blocked" : held.length > 0 ? "staff" : open !== undefined ? "applicant" : "rejected";
    return {
      telegramId,
      name: person === undefined ? String(telegramId) : displayName({ ...person, username: null }),
      username: person?.username ?? null,
      roles: held,
      status,
      requestId: open?.id ?? null,
    };
  });
  const order: Record<PersonStatus, number> = { staff: 0, applicant: 1, blocked: 2, rejected: 3 };
  return listing.sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
}
