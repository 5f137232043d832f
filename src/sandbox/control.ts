/**
 * The emulator's control API: what tests and the Playground use to act as Telegram users and to
 * read what the bot did. Served over HTTP under `/control/` next to the Bot API (`/bot<token>/`).
 * All bodies are JSON. Ids of users and chats are Telegram-style numbers the emulator assigns.
 */
import type { Chat, Message, Update, User } from "@grammyjs/types";

/** POST /control/users -> SimulatedUser. A private chat with each bot exists implicitly (chat id = user id). */
export interface CreateUserRequest {
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** Defaults to a fresh id. */
  id?: number;
}
export type SimulatedUser = User;

/** POST /control/chats -> Chat (group or supergroup, optionally a forum). */
export interface CreateChatRequest {
  type: "group" | "supergroup";
  title: string;
  is_forum?: boolean;
  /** User ids that are members. */
  members: number[];
}

/**
 * POST /control/send -> { update_id, message }: a user sends a message to a bot.
 * Exactly one of text, contact, photo, voice, document is given.
 */
export interface SendRequest {
  /** Bot token or bot id (number); defaults to the only bot when there is one. */
  bot?: string | number;
  from: number;
  /** Defaults to the private chat with the user. */
  chat_id?: number;
  message_thread_id?: number;
  text?: string;
  /** Share the sender's own contact (like the "share contact" reply button). */
  contact?: { phone_number: string; first_name?: string };
  /** A photo: bytes as base64 (a tiny PNG is fine) and an optional caption. */
  photo?: { base64: string; caption?: string };
  voice?: { base64: string; duration: number };
  document?: { base64: string; file_name: string; mime_type?: string };
}
export interface SendResponse {
  update_id: number;
  message: Message;
}

/** POST /control/press -> { update_id, callback_query_id }: a user presses an inline button. */
export interface PressRequest {
  bot?: string | number;
  from: number;
  chat_id?: number;
  message_id: number;
  /** The button's callback_data. */
  data: string;
}

/** POST /control/block -> {}: the user blocks (or unblocks) the bot; the bot gets my_chat_member. */
export interface BlockRequest {
  bot?: string | number;
  user_id: number;
  blocked: boolean;
}

/** POST /control/pay -> {}: the user pays an invoice message (pre_checkout_query, then successful_payment). */
export interface PayRequest {
  bot?: string | number;
  from: number;
  message_id: number;
}

/**
 * One line of a chat's transcript. `seq` rises across the whole emulator, so a reader can ask for
 * what came after the last line it saw.
 */
export interface TranscriptEntry {
  seq: number;
  chat_id: number;
  direction: "from_user" | "from_bot" | "edit" | "delete" | "callback_answer" | "chat_action" | "event";
  /** The message as it stands now (edits update it in place and also add an "edit" entry). */
  message?: Message;
  /** For callback answers: the text shown to the user and whether as an alert. */
  callback_answer?: { callback_query_id: string; text?: string; show_alert?: boolean };
  /** The Bot API method that produced a bot-side entry. */
  method?: string;
  at: number;
}

/** GET /control/transcript?chat_id=&after=&wait= -> TranscriptEntry[] (long-polls up to `wait` seconds when empty). */
export interface TranscriptQuery {
  chat_id?: number;
  after?: number;
  wait?: number;
}

/**
 * POST /control/faults -> {}: the next `count` matching calls fail as given.
 * Matches on method and/or chat_id when given.
 */
export interface FaultRequest {
  method?: string;
  chat_id?: number;
  kind: "429" | "403" | "400" | "500" | "slow";
  count: number;
  retry_after?: number;
  delay_ms?: number;
}

/**
 * POST /control/limits -> {}: rate limits the emulator enforces with 429s (and counts as
 * violations). `time_scale` > 1 makes time pass faster for the limits (10 = a 30/s limit
 * behaves as 300/s of wall time).
 */
export interface LimitsRequest {
  global_per_second?: number;
  private_chat_per_second?: number;
  group_per_minute?: number;
  time_scale?: number;
}

/** GET /control/stats -> EmulatorStats */
export interface EmulatorStats {
  conflicts409: number;
  rateLimitViolations: number;
  /** Bot API calls by method. */
  calls: Record<string, number>;
  /** Messages sent by bots, total. */
  messagesSent: number;
  webhookDeliveries: number;
  webhookFailures: number;
}

/** GET /control/state -> what the Playground needs to draw: bots, users, chats. */
export interface EmulatorState {
  bots: User[];
  users: User[];
  chats: Chat[];
  /** Pending updates not yet taken by getUpdates or delivered to a webhook, per bot id. */
  pendingUpdates: Record<string, number>;
}

/** Updates as the emulator queued them, for tests: GET /control/updates?bot= */
export type QueuedUpdates = Update[];
