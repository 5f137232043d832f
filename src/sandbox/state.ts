/**
 * The emulator's world: bots, users, chats, messages, queued updates, files and the transcript.
 * Bot API handlers and the control API both change it only through this store.
 */
import { randomBytes } from "node:crypto";
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  ForumTopic,
  InlineKeyboardMarkup,
  MenuButton,
  Message,
  Update,
  User,
} from "@grammyjs/types";
import type { AdministratorRights, EmulatorStats, TranscriptEntry, TranscriptQuery } from "./control.ts";
import { ApiError, ControlError, badRequest } from "./errors.ts";

export type UpdatePayload = Omit<Update, "update_id">;

export interface WebhookConfig {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
  allowedUpdates: string[] | undefined;
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;
}

export interface PendingPoll {
  /** Ends the poll with a 409 (when another poller arrives) or with what is queued. */
  terminate(error?: ApiError): void;
}

export interface CommandsEntry {
  scope: BotCommandScope;
  language_code: string;
  commands: BotCommand[];
}

export interface BotRecord {
  user: User;
  token: string | undefined;
  nextUpdateId: number;
  /** Updates not yet confirmed (getUpdates offset) or delivered (webhook). */
  queue: Update[];
  /** Every update ever queued, for tests. */
  history: Update[];
  allowedUpdates: string[] | undefined;
  webhook: WebhookConfig | undefined;
  poll: PendingPoll | undefined;
  commands: Map<string, CommandsEntry>;
  /** Menu buttons by chat id; "default" for the bot-wide one. */
  menuButtons: Map<string, MenuButton>;
  blockedBy: Set<number>;
}

export interface ChatRecord {
  chat: Chat;
  members: Set<number>;
  administrators: Set<number>;
  /** Rights of administrators that differ by person (can_manage_topics, ...); absent ones are false. */
  rights: Map<number, AdministratorRights>;
  /** Bots (and users) removed from the chat, and how. */
  removed: Map<number, "left" | "kicked">;
  creator: number | undefined;
  topics: Map<number, ForumTopic>;
}

export interface InvoiceInfo {
  payload: string;
  currency: string;
  total_amount: number;
}

export interface StoredMessage {
  message: Message;
  botId: number;
  fromBot: boolean;
  invoice?: InvoiceInfo;
}

export interface FileRecord {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  bytes: Buffer;
  mime_type: string;
  file_name: string | undefined;
}

export interface CallbackQueryRecord {
  botId: number;
  userId: number;
  chatId: number;
  answered: boolean;
  createdAt: number;
}

export interface PreCheckoutRecord {
  botId: number;
  resolve(answer: { ok: boolean; error_message?: string }): void;
}

/** A chat as seen by one bot: private chats are per (bot, user), groups are shared. */
export interface ChatRef {
  chat: Chat;
  /** Key of the message store: "<bot>:<user>" for private chats, "<chat id>" for groups. */
  conv: string;
  isPrivate: boolean;
  record: ChatRecord | undefined;
}

interface TranscriptWaiter {
  query: TranscriptQuery & { bot?: number };
  resolve(entries: TranscriptEntry[]): void;
}

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

export const TOKEN_RE = /^(\d+):([A-Za-z0-9_-]+)$/;

export class Store {
  readonly bots = new Map<number, BotRecord>();
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, ChatRecord>();
  readonly messages = new Map<string, Map<number, StoredMessage>>();
  readonly nextMessageIds = new Map<string, number>();
  readonly files = new Map<string, FileRecord>();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly preCheckouts = new Map<string, PreCheckoutRecord>();
  readonly transcript: TranscriptEntry[] = [];
  readonly stats: EmulatorStats = {
    conflicts409: 0,
    rateLimitViolations: 0,
    calls: {},
    messagesSent: 0,
    webhookDeliveries: 0,
    webhookFailures: 0,
  };
  private seq = 0;
  private nextUserId = 100_000_001;
  private nextGroupId = 1;
  private nextFileId = 1;
  private transcriptWaiters = new Set<TranscriptWaiter>();
  /** Called after an update is queued (wired to long polls and webhook delivery). */
  onUpdateQueued: (bot: BotRecord) => void = () => {};
  closed = false;
  readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  // ------------------------------------------------------------ bots

  botById(id: number): BotRecord {
    let bot = this.bots.get(id);
    if (bot === undefined) {
      bot = {
        user: { id, is_bot: true, first_name: `Bot ${id}`, username: `bot${id}_bot` },
        token: undefined,
        nextUpdateId: 10_000_001,
        queue: [],
        history: [],
        allowedUpdates: undefined,
        webhook: undefined,
        poll: undefined,
        commands: new Map(),
        menuButtons: new Map(),
        blockedBy: new Set(),
      };
      this.bots.set(id, bot);
    }
    return bot;
  }

  /** The bot a Bot API token belongs to; unknown formats and wrong secrets are 401. */
  authenticate(token: string): BotRecord {
    const m = TOKEN_RE.exec(token);
    if (m === null) throw new ApiError(401, "Unauthorized");
    const bot = this.botById(Number(m[1]));
    if (bot.token === undefined) bot.token = token;
    else if (bot.token !== token) throw new ApiError(401, "Unauthorized");
    return bot;
  }

  /** Control API: a bot by token or id, or the only bot when none is named. */
  resolveBot(ref: string | number | undefined): BotRecord {
    if (ref === undefined || ref === "") {
      if (this.bots.size === 1) return [...this.bots.values()][0] as BotRecord;
      throw new ControlError(
        400,
        this.bots.size === 0 ? "no bot is known yet: pass `bot` (token or id)" : "several bots are known: pass `bot` (token or id)",
      );
    }
    if (typeof ref === "number" || /^\d+$/.test(ref)) return this.botById(Number(ref));
    const m = TOKEN_RE.exec(ref);
    if (m === null) throw new ControlError(400, "`bot` must be a bot token or a bot id");
    const bot = this.botById(Number(m[1]));
    bot.token ??= ref;
    return bot;
  }

  // ------------------------------------------------------------ users and chats

  createUser(req: { first_name: string; last_name?: string; username?: string; language_code?: string; id?: number }): User {
    if (typeof req.first_name !== "string" || req.first_name === "") throw new ControlError(400, "first_name is required");
    const id = req.id ?? this.nextUserId++;
    if (!Number.isSafeInteger(id) || id <= 0) throw new ControlError(400, "id must be a positive integer");
    if (this.bots.has(id)) throw new ControlError(409, `id ${id} belongs to a bot`);
    const user: User = { id, is_bot: false, first_name: req.first_name };
    if (req.last_name !== undefined) user.last_name = req.last_name;
    if (req.username !== undefined) user.username = req.username;
    if (req.language_code !== undefined) user.language_code = req.language_code;
    this.users.set(id, user);
    if (id >= this.nextUserId) this.nextUserId = id + 1;
    return user;
  }

  user(id: number): User {
    const user = this.users.get(id);
    if (user === undefined) throw new ControlError(404, `unknown user ${id}: create it with POST /control/users`);
    return user;
  }

  createChat(req: {
    type: "group" | "supergroup";
    title: string;
    is_forum?: boolean;
    members: number[];
    administrators?: number[];
    creator?: number;
    username?: string;
  }): Chat {
    if (req.type !== "group" && req.type !== "supergroup") throw new ControlError(400, "type must be group or supergroup");
    if (typeof req.title !== "string" || req.title === "") throw new ControlError(400, "title is required");
    if (req.is_forum === true && req.type !== "supergroup") throw new ControlError(400, "only supergroups can be forums");
    const members = req.members ?? [];
    for (const id of members) this.user(id);
    const n = this.nextGroupId++;
    const id = req.type === "group" ? -(4_000_000_000 + n) : -(1_000_000_000_000 + n);
    const chat = (
      req.type === "group"
        ? { id, type: "group", title: req.title }
        : { id, type: "supergroup", title: req.title, ...(req.is_forum === true ? { is_forum: true } : {}), ...(req.username !== undefined ? { username: req.username } : {}) }
    ) as Chat;
    this.chats.set(id, {
      chat,
      members: new Set(members),
      administrators: new Set(req.administrators ?? []),
      rights: new Map(),
      removed: new Map(),
      creator: req.creator,
      topics: new Map(),
    });
    return chat;
  }

  privateChat(user: User): Chat {
    const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    return chat;
  }

  /** A chat as the Bot API's chat_id names it; unknown chats are 400 "chat not found". */
  chatForBot(bot: BotRecord, chatId: unknown): ChatRef {
    if (typeof chatId === "string" && chatId.startsWith("@")) {
      const name = chatId.slice(1).toLowerCase();
      for (const rec of this.chats.values()) {
        if ("username" in rec.chat && rec.chat.username?.toLowerCase() === name) return this.groupRef(rec);
      }
      throw badRequest("chat not found");
    }
    const id = typeof chatId === "number" ? chatId : typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : NaN;
    if (!Number.isSafeInteger(id) || id === 0) throw badRequest("chat not found");
    if (id > 0) {
      const user = this.users.get(id);
      if (user === undefined) throw badRequest("chat not found");
      return { chat: this.privateChat(user), conv: `${bot.user.id}:${id}`, isPrivate: true, record: undefined };
    }
    const rec = this.chats.get(id);
    if (rec === undefined) throw badRequest("chat not found");
    return this.groupRef(rec);
  }

  groupRef(rec: ChatRecord): ChatRef {
    return { chat: rec.chat, conv: String(rec.chat.id), isPrivate: false, record: rec };
  }

  /** Control API: the chat a user acts in (the private chat with the bot by default). */
  chatForUser(bot: BotRecord, user: User, chatId: number | undefined): ChatRef {
    if (chatId === undefined || chatId === user.id) {
      return { chat: this.privateChat(user), conv: `${bot.user.id}:${user.id}`, isPrivate: true, record: undefined };
    }
    const rec = this.chats.get(chatId);
    if (rec === undefined) throw new ControlError(404, `unknown chat ${chatId}`);
    if (!rec.members.has(user.id)) throw new ControlError(400, `user ${user.id} is not a member of chat ${chatId}`);
    return this.groupRef(rec);
  }

  // ------------------------------------------------------------ messages

  allocateMessageId(conv: string): number {
    const id = this.nextMessageIds.get(conv) ?? 1;
    this.nextMessageIds.set(conv, id + 1);
    return id;
  }

  storeMessage(conv: string, stored: StoredMessage): void {
    let map = this.messages.get(conv);
    if (map === undefined) {
      map = new Map();
      this.messages.set(conv, map);
    }
    map.set(stored.message.message_id, stored);
  }

  getMessage(conv: string, messageId: number): StoredMessage | undefined {
    return this.messages.get(conv)?.get(messageId);
  }

  deleteMessage(conv: string, messageId: number): StoredMessage | undefined {
    const map = this.messages.get(conv);
    const stored = map?.get(messageId);
    map?.delete(messageId);
    return stored;
  }

  // ------------------------------------------------------------ updates

  enqueueUpdate(bot: BotRecord, payload: UpdatePayload): Update {
    const update = { update_id: bot.nextUpdateId++, ...payload };
    bot.queue.push(update);
    bot.history.push(update);
    this.onUpdateQueued(bot);
    return update;
  }

  // ------------------------------------------------------------ files

  addFile(bytes: Buffer, mimeType: string, folder: string, fileName?: string): FileRecord {
    const n = this.nextFileId++;
    const ext = extensionFor(mimeType, fileName);
    const record: FileRecord = {
      file_id: `${folder.slice(0, 2).toUpperCase()}ACAg${randomToken(24)}`,
      file_unique_id: `AQAD${randomToken(8)}`,
      file_path: `${folder}/file_${n}${ext}`,
      bytes,
      mime_type: mimeType,
      file_name: fileName,
    };
    this.files.set(record.file_id, record);
    return record;
  }

  fileByPath(path: string): FileRecord | undefined {
    for (const f of this.files.values()) if (f.file_path === path) return f;
    return undefined;
  }

  // ------------------------------------------------------------ transcript

  addTranscript(entry: Omit<TranscriptEntry, "seq" | "at">): TranscriptEntry {
    const full = { ...entry, seq: ++this.seq, at: this.clock() };
    this.transcript.push(full);
    for (const waiter of [...this.transcriptWaiters]) {
      if (matchesTranscript(full, waiter.query)) {
        this.transcriptWaiters.delete(waiter);
        waiter.resolve(this.readTranscript(waiter.query));
      }
    }
    return full;
  }

  readTranscript(query: TranscriptQuery & { bot?: number }): TranscriptEntry[] {
    return this.transcript.filter((e) => matchesTranscript(e, query)).map((e) => structuredClone(e));
  }

  /** Entries matching the query; when there are none, waits up to `wait` seconds for one. */
  async waitTranscript(query: TranscriptQuery & { bot?: number }, signal?: AbortSignal): Promise<TranscriptEntry[]> {
    const now = this.readTranscript(query);
    const wait = query.wait ?? 0;
    if (now.length > 0 || wait <= 0 || this.closed) return now;
    return new Promise((resolve) => {
      const waiter: TranscriptWaiter = {
        query,
        resolve: (entries) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve(entries);
        },
      };
      const onAbort = (): void => {
        this.transcriptWaiters.delete(waiter);
        waiter.resolve([]);
      };
      const timer = setTimeout(onAbort, Math.min(wait, 600) * 1000);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.transcriptWaiters.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.transcriptWaiters]) {
      this.transcriptWaiters.delete(waiter);
      waiter.resolve([]);
    }
    for (const bot of this.bots.values()) bot.poll?.terminate();
    for (const [id, pc] of this.preCheckouts) {
      this.preCheckouts.delete(id);
      pc.resolve({ ok: false, error_message: "emulator closed" });
    }
  }

  countCall(method: string): void {
    this.stats.calls[method] = (this.stats.calls[method] ?? 0) + 1;
  }
}

function matchesTranscript(e: TranscriptEntry, q: TranscriptQuery & { bot?: number }): boolean {
  if (q.after !== undefined && e.seq <= q.after) return false;
  if (q.chat_id !== undefined && e.chat_id !== q.chat_id) return false;
  if (q.bot !== undefined && e.bot_id !== q.bot) return false;
  return true;
}

function extensionFor(mime: string, name?: string): string {
  const fromName = name !== undefined ? /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] : undefined;
  if (fromName !== undefined) return fromName.toLowerCase();
  const map: Record<string, string> = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "audio/ogg": ".oga",
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "application/x-tgsticker": ".tgs",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
  };
  return map[mime] ?? "";
}

/** Guesses a content type from magic bytes, then from the file name. */
export function sniffMime(bytes: Buffer, fileName?: string): string {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  if (bytes.subarray(0, 4).toString("latin1") === "OggS") return "audio/ogg";
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (bytes.subarray(4, 8).toString("latin1") === "ftyp") return "video/mp4";
  if (bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return "video/webm";
  const ext = fileName !== undefined ? /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() : undefined;
  const byExt: Record<string, string> = {
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    gif: "image/gif",
    webp: "image/webp",
    ogg: "audio/ogg",
    oga: "audio/ogg",
    mp3: "audio/mpeg",
    mp4: "video/mp4",
    mov: "video/quicktime",
    webm: "video/webm",
    tgs: "application/x-tgsticker",
    pdf: "application/pdf",
    txt: "text/plain",
    csv: "text/csv",
    json: "application/json",
  };
  return (ext !== undefined ? byExt[ext] : undefined) ?? "application/octet-stream";
}

/** Width and height of a PNG, JPEG or WebP, or 0x0 when unknown. */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length >= 25 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") {
    const chunk = bytes.subarray(12, 16).toString("latin1");
    if (bytes.length < 30 && chunk !== "VP8L") return { width: 0, height: 0 };
    if (chunk === "VP8X") return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    if (chunk === "VP8 ") return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    if (chunk === "VP8L") {
      const bits = bytes.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
  }
  if (bytes.length >= 24 && bytes.subarray(12, 16).toString("latin1") === "IHDR") {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) break;
      const marker = bytes[i + 1] ?? 0;
      const len = bytes.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
  }
  return { width: 0, height: 0 };
}

export type InlineMarkup = InlineKeyboardMarkup;
