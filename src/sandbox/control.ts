/**
 * The emulator's control API: what tests and the Playground use to act as Telegram users and to
 * read what the bot did. Served over HTTP under `/control/` next to the Bot API (`/bot<token>/`).
 * All bodies are JSON. Ids of users and chats are Telegram-style numbers the emulator assigns.
 */
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  ForumTopic,
  ForceReply,
  InlineKeyboardMarkup,
  MenuButton,
  Message,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  Update,
  User,
} from "@grammyjs/types";

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
  /** Added: user ids getChatMember reports as administrators. */
  administrators?: number[];
  /** Added: the user id getChatMember reports as the creator. */
  creator?: number;
  /** Added: a public @username (supergroups), so chat_id "@name" works. */
  username?: string;
}

/** Telegram's limits on one message, in characters: its text, and a media message's caption. */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/**
 * POST /control/send -> { update_id, message }: a user sends a message to a bot.
 * Exactly one of text, contact, photo, voice, document, video, sticker, location, media_group is
 * given. Text holds at most 4096 characters and captions 1024; anything refused is a 400 `{ error }` naming why.
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
  /** Added: caption on voice notes and documents, and a voice note's mime_type (audio/ogg by default; audio/mpeg and audio/mp4 too). */
  voice?: { base64: string; duration: number; caption?: string; mime_type?: string };
  document?: { base64: string; file_name: string; mime_type?: string; caption?: string };
  /** Added: a video (mime type from the bytes or the name, video/mp4 otherwise); duration and size as the sender states them. */
  video?: SendVideo;
  /**
   * Added: a sticker: a new .WEBP (static), .TGS (animated) or .WEBM (video) file as base64, or
   * the file_id of a sticker already in the emulator; `emoji` is the one it stands for.
   */
  sticker?: { base64?: string; file_id?: string; emoji?: string };
  /** Added: a location, like the "share location" attachment (latitude -90..90, longitude -180..180, accuracy 0..1500 m). */
  location?: { latitude: number; longitude: number; horizontal_accuracy?: number };
  /**
   * Added: an album of 2 to 10 photos and videos sent at once: one message (and update) each, all
   * with the same media_group_id; the response's `message` is the first, `messages` all of them.
   * A caption on the first item is the album's caption, as Telegram apps send it.
   */
  media_group?: AlbumItem[];
  /** Added: the message replies to this message (of the same chat). */
  reply_to_message_id?: number;
}
export interface SendVideo {
  base64: string;
  caption?: string;
  duration?: number;
  width?: number;
  height?: number;
  file_name?: string;
  mime_type?: string;
}
export type AlbumItem = ({ type: "photo" } & { base64: string; caption?: string }) | ({ type: "video" } & SendVideo);
export interface SendResponse {
  update_id: number;
  message: Message;
  /** Added: for a media_group, every message of the album in order (`update_id` and `message` are the first's). */
  messages?: Message[];
}

/**
 * Added: POST /control/edit -> { update_id, message }: a user edits a message they sent; the bot
 * gets an `edited_message` update (with edit_date) and the transcript an "edit" entry. `text`
 * for a text message (at most 4096 characters), `caption` for a photo, video, document or voice
 * note (at most 1024; "" removes it). Editing someone else's message or changing nothing is a 400.
 */
export interface EditRequest {
  bot?: string | number;
  from: number;
  chat_id?: number;
  message_id: number;
  text?: string;
  caption?: string;
}
export type EditResponse = SendResponse;

/** POST /control/press -> { update_id, callback_query_id }: a user presses an inline button. */
export interface PressRequest {
  bot?: string | number;
  from: number;
  chat_id?: number;
  message_id: number;
  /** The button's callback_data. */
  data: string;
}
export interface PressResponse {
  update_id: number;
  callback_query_id: string;
}

/**
 * Added: POST /control/inject -> { update_id }: queues an update exactly as given (only its
 * update_id is the emulator's), delivered like any other. For tests of what a bot does with an
 * update Telegram should never send: a message without a chat, a string for a message, ...
 */
export interface InjectRequest {
  bot?: string | number;
  /** The update's fields besides update_id; not checked at all. */
  update: Record<string, unknown>;
}
export interface InjectResponse {
  update_id: number;
}

/** POST /control/block -> {}: the user blocks (or unblocks) the bot; the bot gets my_chat_member. */
export interface BlockRequest {
  bot?: string | number;
  user_id: number;
  blocked: boolean;
}
/** Added: what POST /control/block returns (the my_chat_member update's id; absent when nothing changed). */
export interface BlockResponse {
  update_id?: number;
}

/** The rights an administrator holds that the emulator tells apart (the rest are always granted). */
export interface AdministratorRights {
  can_manage_topics?: boolean;
  can_delete_messages?: boolean;
  can_pin_messages?: boolean;
}

/**
 * Added: POST /control/membership -> {update_id?}: someone (`by`, a member) adds the bot to a
 * group, promotes or demotes it, or removes it; the bot gets a my_chat_member update. With
 * `user_id`, the same for a user (no update then).
 */
export interface MembershipRequest {
  bot?: string | number;
  chat_id: number;
  /** Whose membership changes; the bot's by default. */
  user_id?: number;
  status: "member" | "administrator" | "left" | "kicked";
  /** For administrators: can_manage_topics and the like (false unless given). */
  rights?: AdministratorRights;
  /** Who made the change (a member of the chat); the chat's creator, else its first member, by default. */
  by?: number;
}
export interface MembershipResponse {
  update_id?: number;
}

/** POST /control/pay -> {}: the user pays an invoice message (pre_checkout_query, then successful_payment). */
export interface PayRequest {
  bot?: string | number;
  from: number;
  message_id: number;
  /** Added: the chat of the invoice; defaults to the private chat with the user. */
  chat_id?: number;
}
/**
 * Added: what POST /control/pay returns once the bot answered the pre_checkout_query.
 * ok true: the successful_payment message was sent to the bot (its update_id and message).
 * ok false: the bot declined with error_message (also in the transcript as an "event" entry).
 * No answer within 10 s (EmulatorOptions.preCheckoutTimeoutMs) -> HTTP 408 `{ error }`.
 */
export interface PayResponse {
  ok: boolean;
  pre_checkout_query_id: string;
  error_message?: string;
  update_id?: number;
  message?: Message;
}

/**
 * One line of a chat's transcript. `seq` rises across the whole emulator, so a reader can ask for
 * what came after the last line it saw.
 */
export interface TranscriptEntry {
  seq: number;
  chat_id: number;
  direction: "from_user" | "from_bot" | "edit" | "delete" | "callback_answer" | "chat_action" | "event";
  /**
   * The message as it stands now (edits update it in place and also add an "edit" entry: the
   * bot's with the method, a user's (POST /control/edit) without one).
   */
  message?: Message;
  /** For callback answers: the text shown to the user and whether as an alert. */
  callback_answer?: { callback_query_id: string; text?: string; show_alert?: boolean };
  /** The Bot API method that produced a bot-side entry. */
  method?: string;
  at: number;
  /** Added: the bot whose conversation this is (private chats with two bots share the user's chat id). */
  bot_id: number;
  /**
   * Added: for "from_bot" and "edit" entries, the reply_markup exactly as the bot sent it. Reply
   * keyboards (and remove_keyboard / force_reply) never appear in `message`, so the Playground
   * draws them from here.
   */
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;
  /** Added: for "chat_action" entries, the action (typing, upload_photo, ...). */
  action?: string;
  /**
   * Added: for "event" entries: "blocked" / "unblocked", "pre_checkout_query" (with
   * pre_checkout_query_id), "pre_checkout_declined" (with error_message), "pre_checkout_timeout".
   */
  event?: { type: string; pre_checkout_query_id?: string; error_message?: string };
}

/** GET /control/transcript?chat_id=&after=&wait= -> TranscriptEntry[] (long-polls up to `wait` seconds when empty). */
export interface TranscriptQuery {
  chat_id?: number;
  after?: number;
  wait?: number;
  /** Added: only entries of this bot (token or id). */
  bot?: string | number;
}

/**
 * POST /control/faults -> {}: the next `count` matching calls fail as given.
 * Matches on method and/or chat_id when given. A fault without `method` matches every method
 * except getUpdates (a polling bot would otherwise use it up at once).
 * Added: GET /control/faults -> the faults still armed (with `count` = remaining);
 * DELETE /control/faults -> {} disarms all. A "hold" fault keeps the call waiting (the bot sees a
 * slow Telegram) until POST /control/faults/release -> `{ released }` lets every held call go on.
 */
export interface FaultRequest {
  method?: string;
  chat_id?: number;
  kind: "429" | "403" | "400" | "500" | "hold";
  count: number;
  retry_after?: number;
  /** Added: the error's description for 400/403/500 (e.g. "Bad Request: message to edit not found"). */
  description?: string;
}

/**
 * POST /control/limits -> {}: rate limits the emulator enforces with 429s (and counts as
 * violations). `time_scale` > 1 makes time pass faster for the limits (10 = a 30/s limit
 * behaves as 300/s of wall time).
 * Each call replaces all limits (an omitted limit is off; `{}` turns them all off) and clears the
 * windows. They apply to sendMessage, sendPhoto, sendDocument, sendVoice, sendVideo, sendSticker,
 * sendLocation, sendMediaGroup (each message of an album), copyMessage, forwardMessage and
 * sendInvoice, never to edits. `retry_after` is in emulated seconds (a
 * 1 s wait at time_scale 10 is 100 ms of wall time; at least 1).
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
  /** Groups and supergroups; private chats are implicit (chat id = user id). */
  chats: Chat[];
  /** Added: the same groups with who is in them and their forum topics, for the Playground's group view. */
  groups: GroupState[];
  /** Pending updates not yet taken by getUpdates or delivered to a webhook, per bot id. */
  pendingUpdates: Record<string, number>;
  /** Added: ids of the bots with a getUpdates long poll waiting right now (tests wait for this). */
  polling: number[];
}

/** A group as the Playground draws it: its members (user ids) and, in a forum, its topics in the order they were created. */
export interface GroupState {
  chat: Chat;
  members: number[];
  topics: ForumTopic[];
}

/** Updates as the emulator queued them, for tests: GET /control/updates?bot= (every update ever queued, delivered or not). */
export type QueuedUpdates = Update[];

/** Added: POST /control/bots -> User: registers a bot's token and names before (or after) it first calls the API. */
export interface RegisterBotRequest {
  token: string;
  username?: string;
  first_name?: string;
}

/**
 * Added: GET /control/commands?bot=&chat_id=&user_id=&language_code= -> CommandsResponse.
 * `scopes` is every stored setMyCommands list; `effective` is the list the given user sees in the
 * given chat, resolved as Telegram does (chat_member, chat_administrators, chat,
 * all_chat_administrators, all_group_chats / all_private_chats, default; the language_code match
 * first); present when chat_id is given (user_id defaults to chat_id for private chats).
 */
export interface CommandsQuery {
  bot?: string | number;
  chat_id?: number;
  user_id?: number;
  language_code?: string;
}
export interface CommandsResponse {
  scopes: { scope: BotCommandScope; language_code: string; commands: BotCommand[] }[];
  effective?: BotCommand[];
  /** The menu button for chat_id (or the bot's default one). */
  menu_button: MenuButton;
}

/**
 * Added: GET /control/files/<file_id> -> the file's bytes with its Content-Type (and
 * Content-Disposition with the file name for documents). 404 `{ error }` for an unknown id.
 * Works for files users sent (control send) and files bots uploaded.
 */
export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  mime_type: string;
  file_name?: string;
  bytes: Uint8Array;
}

/**
 * Added: the in-process twin of the HTTP control API (`emulator.control`), one method per
 * endpoint, same shapes. Methods that change state return at once; `pay` and `transcript`
 * (with `wait`) are async. Errors are thrown as `Error`s with a `status` (the HTTP status the
 * endpoint answers with).
 */
export interface EmulatorControl {
  /** POST /control/bots */
  registerBot(req: RegisterBotRequest): User;
  /** POST /control/users */
  createUser(req: CreateUserRequest): SimulatedUser;
  /** POST /control/chats */
  createChat(req: CreateChatRequest): Chat;
  /** POST /control/send */
  send(req: SendRequest): SendResponse;
  /** POST /control/edit */
  edit(req: EditRequest): EditResponse;
  /** POST /control/press */
  press(req: PressRequest): PressResponse;
  /** POST /control/inject */
  inject(req: InjectRequest): InjectResponse;
  /** POST /control/block */
  block(req: BlockRequest): BlockResponse;
  /** POST /control/pay */
  pay(req: PayRequest): Promise<PayResponse>;
  /** POST /control/membership */
  membership(req: MembershipRequest): MembershipResponse;
  /** GET /control/transcript */
  transcript(query?: TranscriptQuery, signal?: AbortSignal): Promise<TranscriptEntry[]>;
  /** POST /control/faults */
  faults(req: FaultRequest): void;
  /** DELETE /control/faults */
  clearFaults(): void;
  /** GET /control/faults */
  armedFaults(): FaultRequest[];
  /** POST /control/faults/release: the calls a "hold" fault keeps waiting go on; how many. */
  releaseHeld(): { released: number };
  /** POST /control/limits */
  limits(req: LimitsRequest): void;
  /** GET /control/stats */
  stats(): EmulatorStats;
  /** GET /control/state */
  state(): EmulatorState;
  /** GET /control/updates?bot= */
  updates(bot?: string | number): QueuedUpdates;
  /** GET /control/commands */
  commands(query?: CommandsQuery): CommandsResponse;
  /** GET /control/files/<file_id> (undefined when unknown) */
  file(fileId: string): StoredFile | undefined;
}
