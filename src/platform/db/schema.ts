import type { ColumnType, Generated, Selectable } from "kysely";

/** Written as a Date or SQL; optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** A Telegram bot this deployment runs: the tenant every other row belongs to. */
export interface BotTable {
  id: string;
  telegram_id: number;
  username: string | null;
  settings: Json<BotSettings>;
  created_at: Timestamp;
}
export interface BotSettings {
  timeZone: string;
  languages: string[];
  modules: string[] | null;
}

/** A Telegram user, the same person across every bot. */
export interface PersonTable {
  telegram_id: number;
  first_name: string;
  last_name: string | null;
  username: string | null;
  language_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A person as one bot knows them: chosen language, whether they blocked the bot. */
export interface BotMemberTable {
  bot_id: string;
  telegram_id: number;
  language: string | null;
  blocked_at: Timestamp | null;
  last_seen_at: Timestamp;
  created_at: Timestamp;
}

export interface RoleTable {
  bot_id: string;
  telegram_id: number;
  role: string;
  granted_by: number | null;
  granted_at: Timestamp;
}

export type InboxStatus = "pending" | "handling" | "done" | "failed";

/** Every update, stored before Telegram is told we have it. */
export interface InboxTable {
  bot_id: string;
  update_id: number;
  chat_key: string;
  payload: Json<unknown>;
  status: Generated<InboxStatus>;
  /** Also the fencing token: each handling attempt takes the next number. */
  attempts: Generated<number>;
  /** What a handling attempt did (transactions' results, API calls' results), replayed on retry. */
  journal: ColumnType<JournalStep[], string | undefined, string>;
  received_at: Timestamp;
  finished_at: Timestamp | null;
  error: string | null;
}
export interface JournalStep {
  kind: "commit" | "api";
  /** The API method, or the transaction's label. */
  name: string;
  result: unknown;
}

/** Which worker handles a chat's updates now; expired leases are taken over. */
export interface ChatLeaseTable {
  bot_id: string;
  chat_key: string;
  owner: string;
  expires_at: Timestamp;
}

export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "blocked";

/** A Bot API call to make later, once, in order per chat, within Telegram's limits. */
export interface OutboxTable {
  id: Generated<number>;
  bot_id: string;
  chat_id: number;
  method: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  not_before: Timestamp;
  message_id: number | null;
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** Where a person is in a multi-step flow (none when name is null); survives restarts. */
export interface FlowTable {
  bot_id: string;
  chat_id: number;
  user_id: number;
  name: string | null;
  step: string | null;
  data: Json<Record<string, unknown>>;
  /** Rises with every new flow in this chat, so buttons of an older one are recognised as stale. */
  instance: number;
  updated_at: Timestamp;
}

/** A time-bound domain event (reminder, hold expiry) claimed by the tick when due. */
export interface ScheduledEventTable {
  id: Generated<number>;
  bot_id: string;
  kind: string;
  dedupe_key: string;
  payload: Json<Record<string, unknown>>;
  due_at: Timestamp;
  done_at: Timestamp | null;
  attempts: Generated<number>;
  error: string | null;
}

export interface PlatformTables {
  bot: BotTable;
  person: PersonTable;
  bot_member: BotMemberTable;
  role: RoleTable;
  inbox: InboxTable;
  chat_lease: ChatLeaseTable;
  outbox: OutboxTable;
  flow: FlowTable;
  scheduled_event: ScheduledEventTable;
}

export type InboxRow = Selectable<InboxTable>;
