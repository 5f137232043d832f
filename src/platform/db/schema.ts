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
  /** Rises with every change of settings or texts; replicas reload when it moves. */
  version: Generated<number>;
  /** When an admin last edited the settings in the panel; until then the config file's win. */
  settings_edited_at: Timestamp | null;
  created_at: Timestamp;
}
export interface BotSettings {
  timeZone: string;
  languages: string[];
  /** Enabled modules; null means every installed module but the opt-in ones. */
  modules: string[] | null;
  /** Whether strangers see "Apply for access" (absent means yes). */
  staffMayApply?: boolean;
  /** What a staff message in a work group's thread starts with to stay an internal note (absent means "#note"). */
  noteMarker?: string;
  /** Whether what staff write in a work group reaches people under the team's name rather than their own (absent means their own). */
  anonymousStaff?: boolean;
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
  /** The panel's language they chose; null: their Telegram language. */
  panel_language: string | null;
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
  /** The update exactly as Telegram sent it, as JSON text (see `readPayload`). */
  payload: string;
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
  /**
   * An API call is recorded before it is made, `started`, and again with its answer (no
   * `call`) or, when it threw, `failed`. A replay that finds it `started` knows the call may
   * have reached Telegram: making it again possibly repeats a message.
   */
  call?: "started" | "failed";
  /** A commit of the platform's own bookkeeping (the sender's record), not a change the update asked for. */
  bookkeeping?: true;
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
  /** 0 for conversation and notices, 1 for bulk (broadcasts), which waits behind them. */
  priority: Generated<number>;
  broadcast_id: number | null;
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

/** A one-time login link, or a secret calendar feed URL; only the hash is stored. */
export interface LoginTokenTable {
  id: Generated<number>;
  bot_id: string;
  telegram_id: number;
  kind: "link" | "feed";
  token_hash: string;
  expires_at: Timestamp | null;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

/** A signed-in browser (cookie) or Mini App (bearer); only the secret's hash is stored. */
export interface WebSessionTable {
  id: Generated<number>;
  secret_hash: string;
  csrf_token: string;
  kind: "cookie" | "bearer";
  /** How the person signed in: link, login_url, mini_app. */
  via: string;
  bot_id: string;
  telegram_id: number;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  ended_reason: string | null;
}

/** Who changed what, when, from where: one row per use case. */
export interface AuditLogTable {
  id: Generated<number>;
  bot_id: string | null;
  /** The person acting; null for the system and jobs. */
  actor_id: number | null;
  source: "bot" | "web" | "job" | "system";
  action: string;
  object_type: string | null;
  object_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
  at: Timestamp;
}

/** Hits per key in each window (see hitRateLimit), shared by every replica. */
export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

/** Tokens and money LLM calls cost, per bot, module, model and day (`2026-12-02`, in the bot's time zone). */
export interface LlmUsageTable {
  bot_id: string;
  module: string;
  model: string;
  day: string;
  calls: Generated<number>;
  prompt_tokens: Generated<number>;
  completion_tokens: Generated<number>;
  /** Millionths of the price unit the settings give prices in (US dollars for OpenAI). */
  cost_micros: Generated<number>;
}

/** A text of the catalogue as an admin rewrote it for one bot. */
export interface TextOverrideTable {
  bot_id: string;
  locale: string;
  key: string;
  text: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type BroadcastStatus = "scheduled" | "sending" | "done" | "cancelled";

export interface BroadcastButton {
  text: string;
  url: string;
}

/** A message to an audience, delivered through the outbox at bulk priority. */
export interface BroadcastTable {
  id: Generated<number>;
  bot_id: string;
  created_by: number | null;
  /** HTML (Telegram's subset). */
  text: string;
  photo: string | null;
  buttons: ColumnType<BroadcastButton[], string | undefined, string>;
  segment: string;
  segment_params: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<BroadcastStatus>;
  send_at: Timestamp;
  /** How many people the audience had when delivery was queued. */
  audience: number | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/**
 * A streak of failures of one problem (`telegram:salon`), and the incident it became once it
 * persisted (`opened_at`, when owners were told) until the part reported it recovered.
 */
export interface HealthIncidentTable {
  id: Generated<number>;
  /** Which part fails for what: `intake:<bot>`, `telegram:<bot>`, `backup`, `dead-letter:<bot>:<queue>`. */
  problem: string;
  kind: string;
  /** Whose owners are told; null for the whole deployment (every bot's owners, each once). */
  bot_id: string | null;
  /** The latest failure's reason, secrets removed. */
  detail: string;
  failures: Generated<number>;
  first_failed_at: Timestamp;
  last_failed_at: Timestamp;
  opened_at: Timestamp | null;
  recovered_at: Timestamp | null;
}

/** The bytes of a file, once per bot and content; the files naming them share them. */
export interface StoredFileContentTable {
  bot_id: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

export type StoredFileStatus = "receiving" | "stored" | "refused";

/** A file the bot received, the app made, or someone uploaded in the panel (see platform/files). */
export interface StoredFileTable {
  id: Generated<number>;
  bot_id: string;
  /** Who owns it: a module's name, or a platform feature's. */
  module: string;
  /** The person it came from or is about, if any. */
  person_id: number | null;
  origin: "received" | "made" | "uploaded";
  /** `receiving` until a received file is downloaded from Telegram; `refused` when it could not be (too large). */
  status: StoredFileStatus;
  name: string;
  mime_type: string;
  /** Bytes; for a file still being received, what Telegram said it would be. */
  size: number | null;
  sha256: string | null;
  /** Telegram's file id per way it was sent (`photo`, `document`, `voice`), reused instead of uploading again. */
  telegram_file_ids: ColumnType<Record<string, string>, string | undefined, string>;
  refused_reason: string | null;
  created_at: Timestamp;
  stored_at: Timestamp | null;
  /** When the retention prune deletes it; null keeps it until it is deleted. */
  expires_at: Timestamp | null;
}

/** One move of a subject through a workflow (src/platform/workflow/); the first row of a subject has no `from_status`. */
export interface StatusHistoryTable {
  id: Generated<number>;
  bot_id: string;
  subject_type: string;
  subject_id: number;
  from_status: string | null;
  to_status: string;
  /** The person who moved it; null for the system and jobs. */
  actor_id: number | null;
  source: "bot" | "web" | "job" | "system";
  reason: string | null;
  at: Timestamp;
}

/** A Telegram group or supergroup a bot is linked to, where staff work (src/platform/work-groups/). */
export interface WorkGroupTable {
  id: Generated<number>;
  bot_id: string;
  chat_id: number;
  title: string;
  /** A supergroup with topics: each subject gets a topic; otherwise a card message staff reply to. */
  is_forum: boolean;
  /** Who ran the setup command. */
  linked_by: number | null;
  linked_at: Timestamp;
  /** When the bot was removed from the group; a group gone gets no new threads. */
  gone_at: Timestamp | null;
}

/** What a work group serves: a module, and a routing key the module names ("" for its default group). */
export interface WorkGroupPurposeTable {
  bot_id: string;
  module: string;
  routing_key: string;
  group_id: number;
}

/** A subject's thread in a work group: a forum topic, or a card message in a group without topics. */
export interface SubjectThreadTable {
  id: Generated<number>;
  bot_id: string;
  group_id: number;
  chat_id: number;
  /** The module that owns the subject: staff messages in the thread are routed to it. */
  module: string;
  subject_type: string;
  subject_id: number;
  kind: "topic" | "card";
  /** The outbox dedupe key of the createForumTopic call, or of the card in a group without topics. */
  opening_key: string;
  /** The outbox dedupe key of the card message (in a forum, the first message in the topic). */
  card_key: string;
  /** How many times the card was edited: each edit's dedupe key. */
  card_version: Generated<number>;
  /** The topic's message_thread_id, or the card's message_id; null until the outbox has sent it. */
  message_id: number | null;
  opened_at: Timestamp;
}

/** A message staff wrote in a thread behind the note marker: internal, never routed to the module. */
export interface ThreadNoteTable {
  id: Generated<number>;
  bot_id: string;
  thread_id: number;
  author_id: number;
  message_id: number;
  text: string;
  at: Timestamp;
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
  login_token: LoginTokenTable;
  web_session: WebSessionTable;
  audit_log: AuditLogTable;
  rate_limit: RateLimitTable;
  llm_usage: LlmUsageTable;
  text_override: TextOverrideTable;
  broadcast: BroadcastTable;
  health_incident: HealthIncidentTable;
  stored_file: StoredFileTable;
  stored_file_content: StoredFileContentTable;
  status_history: StatusHistoryTable;
  work_group: WorkGroupTable;
  work_group_purpose: WorkGroupPurposeTable;
  subject_thread: SubjectThreadTable;
  thread_note: ThreadNoteTable;
}

export type InboxRow = Selectable<InboxTable>;
