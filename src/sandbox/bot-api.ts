/**
 * The Bot API methods: `call(bot, method, params, files)` returns the result or throws ApiError.
 * Parameters arrive as JSON values or as strings (form bodies); the `Params` reader coerces them
 * the way Telegram does.
 */
import type {
  BotCommand,
  BotCommandScope,
  ChatMember,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  MenuButton,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  Update,
} from "@grammyjs/types";
import { CAPTION_LIMIT, TEXT_LIMIT, type TranscriptEntry } from "./control.ts";
import { ApiError, BLOCKED, badRequest } from "./errors.ts";
import { faultError, type Faults } from "./faults.ts";
import { formatText } from "./formatting.ts";
import type { UploadedFile } from "./http-body.ts";
import { RateLimits, SENDING_METHODS } from "./rate-limits.ts";
import { ALBUM_MAX, STICKER_TYPES, documentOf, locationOf, newMediaGroupId, photoSizes, stickerOf, videoOf, voiceOf } from "./media.ts";
import { randomToken, sniffMime, type BotRecord, type ChatRef, type FileRecord, type Store, type StoredMessage } from "./state.ts";
import type { Webhooks } from "./webhook.ts";

/** Messages whose caption editMessageCaption changes. */
const CAPTIONED = ["photo", "video", "document", "voice", "audio", "animation"];

const CONFLICT_POLLER = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
const CONFLICT_WEBHOOK = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid";

/** Update types delivered when allowed_updates is empty or not given. */
const DEFAULT_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "";
}

export function isAllowed(update: Update, allowed: string[] | undefined): boolean {
  const type = updateType(update);
  if (allowed === undefined || allowed.length === 0) return !DEFAULT_EXCLUDED.has(type);
  return allowed.includes(type);
}

/** Typed access to a method's parameters, coercing form strings like Telegram. */
export class Params {
  readonly raw: Record<string, unknown>;
  readonly files: Record<string, UploadedFile>;
  constructor(raw: Record<string, unknown>, files: Record<string, UploadedFile> = {}) {
    this.raw = raw;
    this.files = files;
  }

  has(name: string): boolean {
    const v = this.raw[name];
    return v !== undefined && v !== null && v !== "";
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw badRequest(`field "${name}" must be of type String`);
  }

  int(name: string): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === "") return undefined;
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) throw badRequest(`field "${name}" must be of type Integer`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "1" || v === 1) return true;
    if (v === "false" || v === "0" || v === 0) return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  json<T>(name: string, error?: string): T | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string") return v as T;
    try {
      return JSON.parse(v) as T;
    } catch {
      throw badRequest(error ?? `can't parse ${name} JSON object`);
    }
  }

  /** A file parameter: an uploaded part (directly or via attach://name), or a string (file_id or URL). */
  file(name: string): UploadedFile | string | undefined {
    const direct = this.files[name];
    if (direct !== undefined) return direct;
    const v = this.str(name);
    if (v === undefined || v === "") return undefined;
    if (v.startsWith("attach://")) {
      const part = this.files[v.slice("attach://".length)];
      if (part === undefined) throw badRequest(`wrong file identifier/HTTP URL specified`);
      return part;
    }
    return v;
  }
}

interface ParsedMarkup {
  /** What goes into Message.reply_markup (inline keyboards only). */
  inline: InlineKeyboardMarkup | undefined;
  /** The markup as the bot sent it, normalised (for the transcript). */
  raw: TranscriptEntry["reply_markup"];
}

export interface BotApiDeps {
  store: Store;
  faults: Faults;
  limits: RateLimits;
  webhooks: Webhooks;
  /** Aborted when the emulator closes. */
  closing: AbortSignal;
}

type Handler = (bot: BotRecord, p: Params, signal: AbortSignal) => unknown;

export class BotApi {
  private readonly store: Store;
  private readonly deps: BotApiDeps;
  private readonly methods = new Map<string, [string, Handler]>();

  constructor(deps: BotApiDeps) {
    this.deps = deps;
    this.store = deps.store;
    const handlers: Record<string, Handler> = {
      getMe: (bot) => ({
        ...bot.user,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      }),
      logOut: () => true,
      close: () => true,
      getUpdates: (bot, p, signal) => this.getUpdates(bot, p, signal),
      setWebhook: (bot, p) => this.setWebhook(bot, p),
      deleteWebhook: (bot, p) => {
        this.deps.webhooks.remove(bot, p.bool("drop_pending_updates") === true);
        return true;
      },
      getWebhookInfo: (bot) => this.deps.webhooks.info(bot),
      sendMessage: (bot, p) => this.sendMessage(bot, p),
      sendPhoto: (bot, p) => this.sendMedia(bot, p, "sendPhoto"),
      sendDocument: (bot, p) => this.sendMedia(bot, p, "sendDocument"),
      sendVoice: (bot, p) => this.sendMedia(bot, p, "sendVoice"),
      sendVideo: (bot, p) => this.sendMedia(bot, p, "sendVideo"),
      sendSticker: (bot, p) => this.sendMedia(bot, p, "sendSticker"),
      sendLocation: (bot, p) => this.sendLocation(bot, p),
      sendMediaGroup: (bot, p) => this.sendMediaGroup(bot, p),
      sendInvoice: (bot, p) => this.sendInvoice(bot, p),
      copyMessage: (bot, p) => this.copyOrForward(bot, p, "copyMessage"),
      forwardMessage: (bot, p) => this.copyOrForward(bot, p, "forwardMessage"),
      editMessageText: (bot, p) => this.editMessage(bot, p, "editMessageText"),
      editMessageCaption: (bot, p) => this.editMessage(bot, p, "editMessageCaption"),
      editMessageReplyMarkup: (bot, p) => this.editMessage(bot, p, "editMessageReplyMarkup"),
      deleteMessage: (bot, p) => this.deleteMessage(bot, p),
      answerCallbackQuery: (bot, p) => this.answerCallbackQuery(bot, p),
      sendChatAction: (bot, p) => this.sendChatAction(bot, p),
      setMyCommands: (bot, p) => this.setMyCommands(bot, p),
      getMyCommands: (bot, p) => bot.commands.get(commandsKey(p))?.commands ?? [],
      deleteMyCommands: (bot, p) => {
        bot.commands.delete(commandsKey(p));
        return true;
      },
      setChatMenuButton: (bot, p) => {
        const button = p.json<MenuButton>("menu_button") ?? { type: "default" };
        const chatId = p.int("chat_id");
        bot.menuButtons.set(chatId === undefined ? "default" : String(chatId), button);
        return true;
      },
      getChatMenuButton: (bot, p) => {
        const chatId = p.int("chat_id");
        return menuButtonFor(bot, chatId);
      },
      setMyName: () => true,
      setMyDescription: () => true,
      setMyShortDescription: () => true,
      getFile: (_bot, p) => {
        const file = this.store.files.get(p.str("file_id") ?? "");
        if (file === undefined) throw badRequest("invalid file_id");
        return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length, file_path: file.file_path };
      },
      answerPreCheckoutQuery: (bot, p) => {
        const id = p.str("pre_checkout_query_id") ?? "";
        const pending = this.store.preCheckouts.get(id);
        if (pending === undefined || pending.botId !== bot.user.id) throw badRequest(QUERY_TOO_OLD);
        const ok = p.bool("ok");
        if (ok === undefined) throw badRequest("ok is required");
        const errorMessage = p.str("error_message");
        if (!ok && (errorMessage === undefined || errorMessage === "")) throw badRequest("ERROR_MESSAGE_EMPTY");
        this.store.preCheckouts.delete(id);
        pending.resolve(ok ? { ok } : { ok, error_message: errorMessage ?? "" });
        return true;
      },
      getChat: (bot, p) => this.getChat(bot, p),
      getChatMember: (bot, p) => this.getChatMember(bot, p),
      getChatAdministrators: (bot, p) => {
        const ref = this.chatRef(bot, p);
        if (ref.isPrivate) throw badRequest("there are no administrators in the private chat");
        const rec = ref.record;
        const ids = [...(rec?.creator !== undefined ? [rec.creator] : []), ...(rec?.administrators ?? [])];
        return ids.map((id) => this.memberOf(bot, ref, id));
      },
      getChatMemberCount: (bot, p) => {
        const ref = this.chatRef(bot, p);
        return ref.isPrivate ? 2 : (ref.record?.members.size ?? 0) + 1;
      },
      createForumTopic: (bot, p) => this.createForumTopic(bot, p),
      setMessageReaction: () => true,
    };
    for (const [name, handler] of Object.entries(handlers)) this.methods.set(name.toLowerCase(), [name, handler]);
  }

  /** The canonical spelling of a method name (Telegram's are case-insensitive), or undefined. */
  canonical(method: string): string | undefined {
    return this.methods.get(method.toLowerCase())?.[0];
  }

  async call(bot: BotRecord, method: string, params: Params, signal: AbortSignal): Promise<unknown> {
    const entry = this.methods.get(method.toLowerCase());
    if (entry === undefined) throw new ApiError(404, "Not Found");
    const [name, handler] = entry;
    this.store.countCall(name);
    const fault = this.deps.faults.take(name, params.raw["chat_id"]);
    if (fault !== undefined) {
      const error = faultError(fault);
      if (error !== undefined) throw error;
      await this.deps.faults.waitForRelease(AbortSignal.any([signal, this.deps.closing]));
    }
    return await handler(bot, params, signal);
  }

  // ------------------------------------------------------------ getUpdates

  private takeUpdates(bot: BotRecord, limit: number): Update[] {
    bot.queue = bot.queue.filter((u) => isAllowed(u, bot.allowedUpdates));
    return bot.queue.slice(0, limit).map((u) => structuredClone(u));
  }

  private async getUpdates(bot: BotRecord, p: Params, signal: AbortSignal): Promise<Update[]> {
    if (bot.webhook !== undefined) {
      this.store.stats.conflicts409++;
      throw new ApiError(409, CONFLICT_WEBHOOK);
    }
    if (bot.poll !== undefined) {
      this.store.stats.conflicts409++;
      bot.poll.terminate(new ApiError(409, CONFLICT_POLLER));
    }
    const offset = p.int("offset") ?? 0;
    const limit = Math.min(100, Math.max(1, p.int("limit") ?? 100));
    const timeout = Math.max(0, p.int("timeout") ?? 0);
    const allowed = p.json<string[]>("allowed_updates");
    if (allowed !== undefined) {
      if (!Array.isArray(allowed)) throw badRequest("can't parse allowed_updates JSON array");
      bot.allowedUpdates = allowed;
    }
    if (offset > 0) bot.queue = bot.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) bot.queue = bot.queue.slice(offset);
    const now = this.takeUpdates(bot, limit);
    if (now.length > 0 || timeout === 0 || this.store.closed || signal.aborted) return now;
    return new Promise<Update[]>((resolve, reject) => {
      const poll = {
        terminate: (error?: ApiError): void => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          if (bot.poll === poll) bot.poll = undefined;
          if (error !== undefined) reject(error);
          else resolve(bot.webhook === undefined ? this.takeUpdates(bot, limit) : []);
        },
      };
      const onAbort = (): void => poll.terminate();
      const timer = setTimeout(onAbort, Math.min(timeout, 3600) * 1000);
      signal.addEventListener("abort", onAbort, { once: true });
      bot.poll = poll;
    });
  }

  /** Wakes a waiting long poll (called when an update is queued). */
  wakePoll(bot: BotRecord): void {
    if (bot.poll !== undefined && bot.queue.some((u) => isAllowed(u, bot.allowedUpdates))) bot.poll.terminate();
  }

  // ------------------------------------------------------------ webhooks

  private setWebhook(bot: BotRecord, p: Params): true {
    const url = p.str("url") ?? "";
    if (url === "") {
      this.deps.webhooks.remove(bot, p.bool("drop_pending_updates") === true);
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid webhook URL specified");
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secret = p.str("secret_token");
    if (secret !== undefined && secret !== "" && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw badRequest("secret token contains unallowed characters");
    }
    const maxConnections = p.int("max_connections") ?? 40;
    if (maxConnections < 1 || maxConnections > 100) throw badRequest("bad webhook: max_connections must be between 1 and 100");
    const allowed = p.json<string[]>("allowed_updates");
    if (allowed !== undefined) bot.allowedUpdates = allowed;
    this.deps.webhooks.set(
      bot,
      {
        url,
        secretToken: secret === "" ? undefined : secret,
        maxConnections,
        allowedUpdates: allowed,
        lastErrorDate: undefined,
        lastErrorMessage: undefined,
      },
      p.bool("drop_pending_updates") === true,
    );
    // A poll still waiting ends empty: from now on the webhook gets the updates.
    bot.poll?.terminate();
    return true;
  }

  // ------------------------------------------------------------ sending

  private chatRef(bot: BotRecord, p: Params): ChatRef {
    if (!p.has("chat_id")) throw badRequest("chat_id is empty");
    return this.store.chatForBot(bot, p.raw["chat_id"]);
  }

  private writableChat(bot: BotRecord, p: Params): ChatRef {
    const ref = this.chatRef(bot, p);
    if (ref.isPrivate && bot.blockedBy.has(ref.chat.id)) throw new ApiError(403, BLOCKED);
    if (ref.record?.removed.has(bot.user.id) === true) throw new ApiError(403, `Forbidden: bot was kicked from the ${ref.chat.type} chat`);
    return ref;
  }

  private parseMarkup(p: Params): ParsedMarkup {
    const markup = p.json<Record<string, unknown>>("reply_markup", "can't parse reply keyboard markup JSON object");
    if (markup === undefined) return { inline: undefined, raw: undefined };
    if (typeof markup !== "object" || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
    if ("inline_keyboard" in markup) {
      const inline = validateInlineKeyboard(markup["inline_keyboard"]);
      return { inline, raw: inline };
    }
    if ("keyboard" in markup) {
      const rows = markup["keyboard"];
      if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) throw badRequest("can't parse reply keyboard markup JSON object");
      const keyboard = (rows as unknown[][]).map((row) =>
        row.map((b) => {
          if (typeof b === "string") return { text: b };
          if (typeof b === "object" && b !== null && typeof (b as { text?: unknown }).text === "string") return b;
          throw badRequest("can't parse keyboard button: Field \"text\" must be of type String");
        }),
      );
      if (keyboard.every((row) => row.length === 0)) throw badRequest("keyboard must be non-empty");
      return { inline: undefined, raw: { ...markup, keyboard } as ReplyKeyboardMarkup };
    }
    if (markup["remove_keyboard"] === true) return { inline: undefined, raw: { remove_keyboard: true, ...markup } };
    if (markup["force_reply"] === true) return { inline: undefined, raw: { force_reply: true, ...markup } };
    throw badRequest("can't parse reply keyboard markup JSON object");
  }

  private threadFor(ref: ChatRef, p: Params): number | undefined {
    const thread = p.int("message_thread_id");
    if (thread === undefined) return undefined;
    if (ref.record !== undefined && "is_forum" in ref.chat && ref.chat.is_forum === true) {
      if (!ref.record.topics.has(thread)) throw badRequest("message thread not found");
      return thread;
    }
    return undefined;
  }

  private replyTo(ref: ChatRef, p: Params): Message | undefined {
    const params = p.json<{ message_id?: number; allow_sending_without_reply?: boolean }>("reply_parameters");
    const id = params?.message_id ?? p.int("reply_to_message_id");
    if (id === undefined) return undefined;
    const stored = this.store.getMessage(ref.conv, id);
    if (stored === undefined) {
      if (params?.allow_sending_without_reply === true || p.bool("allow_sending_without_reply") === true) return undefined;
      throw badRequest("message to be replied not found");
    }
    const copy = structuredClone(stored.message) as Message & { reply_to_message?: unknown };
    delete copy.reply_to_message;
    return copy;
  }

  /** Checks limits, stores the message, writes the transcript. `content` holds text/media fields. */
  private deliver(
    bot: BotRecord,
    p: Params,
    ref: ChatRef,
    method: string,
    content: Record<string, unknown>,
    markup: ParsedMarkup,
    extra?: Partial<StoredMessage>,
  ): Message {
    const thread = this.threadFor(ref, p);
    const reply = this.replyTo(ref, p);
    if (SENDING_METHODS.has(method)) this.deps.limits.check(ref.chat.id, ref.isPrivate);
    const message = {
      message_id: this.store.allocateMessageId(ref.conv),
      from: bot.user,
      ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true } : {}),
      date: this.store.nowSeconds(),
      chat: ref.chat,
      ...(reply !== undefined ? { reply_to_message: reply } : {}),
      ...content,
      ...(markup.inline !== undefined ? { reply_markup: markup.inline } : {}),
    } as unknown as Message;
    this.store.storeMessage(ref.conv, { message, botId: bot.user.id, fromBot: true, ...extra });
    this.store.stats.messagesSent++;
    this.store.addTranscript({
      chat_id: ref.chat.id,
      bot_id: bot.user.id,
      direction: "from_bot",
      message,
      method,
      ...(markup.raw !== undefined ? { reply_markup: markup.raw } : {}),
    });
    return structuredClone(message);
  }

  private sendMessage(bot: BotRecord, p: Params): Message {
    const ref = this.writableChat(bot, p);
    const formatted = formatText(p.str("text") ?? "", p.str("parse_mode"), p.json<MessageEntity[]>("entities"));
    if (formatted.text === "") throw badRequest("message text is empty");
    if (formatted.text.length > TEXT_LIMIT) throw badRequest("message is too long");
    const markup = this.parseMarkup(p);
    return this.deliver(bot, p, ref, "sendMessage", textContent(formatted.text, formatted.entities), markup);
  }

  private caption(p: Params): Record<string, unknown> {
    return captionContent(p.str("caption"), p.str("parse_mode"), p.json<MessageEntity[]>("caption_entities"));
  }

  private async inputFile(p: Params, field: string, folder: string, signal: AbortSignal): Promise<FileRecord> {
    return this.resolveFile(p.file(field), field, folder, signal);
  }

  private async resolveFile(input: UploadedFile | string | undefined, field: string, folder: string, signal: AbortSignal): Promise<FileRecord> {
    if (input === undefined) throw badRequest(`there is no ${field} in the request`);
    if (typeof input !== "string") {
      if (input.data.length === 0) throw badRequest("file must be non-empty");
      let mime = input.contentType;
      if (mime === "" || mime === "application/octet-stream") mime = sniffMime(input.data, input.filename);
      return this.store.addFile(input.data, mime, folder, input.filename || undefined);
    }
    const known = this.store.files.get(input);
    if (known !== undefined) return known;
    if (/^https?:\/\//.test(input)) {
      let bytes: Buffer;
      try {
        const res = await fetch(input, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
        if (!res.ok) throw new Error(String(res.status));
        bytes = Buffer.from(await res.arrayBuffer());
      } catch {
        throw badRequest("failed to get HTTP URL content");
      }
      const name = new URL(input).pathname.split("/").pop();
      return this.store.addFile(bytes, sniffMime(bytes, name), folder, name);
    }
    throw badRequest("wrong file identifier/HTTP URL specified");
  }

  private async sendMedia(bot: BotRecord, p: Params, method: "sendPhoto" | "sendDocument" | "sendVoice" | "sendVideo" | "sendSticker"): Promise<Message> {
    const ref = this.writableChat(bot, p);
    // Stickers carry no caption.
    const caption = method === "sendSticker" ? {} : this.caption(p);
    const markup = this.parseMarkup(p);
    let media: Record<string, unknown>;
    if (method === "sendPhoto") {
      media = { photo: photoSizes(photoFile(await this.inputFile(p, "photo", "photos", this.deps.closing))) };
    } else if (method === "sendDocument") {
      const file = await this.inputFile(p, "document", "documents", this.deps.closing);
      media = { document: documentOf(file) };
    } else if (method === "sendVideo") {
      const file = await this.inputFile(p, "video", "videos", this.deps.closing);
      media = { video: videoOf(file, { duration: p.int("duration"), width: p.int("width"), height: p.int("height") }) };
    } else if (method === "sendSticker") {
      const file = await this.inputFile(p, "sticker", "stickers", this.deps.closing);
      if (!STICKER_TYPES.has(file.mime_type)) throw badRequest("STICKER_FILE_INVALID");
      media = { sticker: stickerOf(file, p.str("emoji")) };
    } else {
      const file = await this.inputFile(p, "voice", "voice", this.deps.closing);
      media = { voice: voiceOf(file, p.int("duration") ?? 0) };
    }
    // The chat may have blocked the bot while the upload was read.
    if (ref.isPrivate && bot.blockedBy.has(ref.chat.id)) throw new ApiError(403, BLOCKED);
    if (ref.record?.removed.has(bot.user.id) === true) throw new ApiError(403, `Forbidden: bot was kicked from the ${ref.chat.type} chat`);
    return this.deliver(bot, p, ref, method, { ...media, ...caption }, markup);
  }

  private sendLocation(bot: BotRecord, p: Params): Message {
    const ref = this.writableChat(bot, p);
    if (!p.has("latitude") || !p.has("longitude")) throw badRequest(`parameter "${p.has("latitude") ? "longitude" : "latitude"}" is required`);
    const read = locationOf(p.raw as { latitude: unknown; longitude: unknown });
    if ("problem" in read) throw badRequest(read.coordinates ? "wrong latitude or longitude specified" : read.problem);
    return this.deliver(bot, p, ref, "sendLocation", { location: read.location }, this.parseMarkup(p));
  }

  /**
   * An album: every item checked and its file read before anything is sent, then one message per
   * item sharing a media_group_id. A single item is sent as one message outside any album, as
   * Telegram's server does.
   */
  private async sendMediaGroup(bot: BotRecord, p: Params): Promise<Message[]> {
    const ref = this.writableChat(bot, p);
    const items = p.json<Record<string, unknown>[]>("media", "can't parse media JSON object");
    if (items === undefined || (Array.isArray(items) && items.length === 0)) throw badRequest("there are no messages to send");
    if (!Array.isArray(items)) throw badRequest("can't parse media JSON object");
    if (items.length > ALBUM_MAX) throw badRequest("too many messages to send as an album");
    const contents: Record<string, unknown>[] = [];
    const kinds = new Set<string>();
    for (const item of items) {
      if (typeof item !== "object" || item === null) throw badRequest("can't parse InputMedia: media not found");
      const type = String(item["type"]);
      if (type === "animation") throw badRequest(`can't parse InputMedia: type "animation" can't be used in sendMediaGroup`);
      if (type === "audio") throw badRequest(`InputMedia of type "audio" is not supported`);
      if (type !== "photo" && type !== "video" && type !== "document") throw badRequest(`can't parse InputMedia: type "${type}" is unsupported`);
      kinds.add(type === "document" ? "document" : "visual");
      if (kinds.size > 1) throw badRequest("document can't be mixed with other media types");
      const caption = captionContent(
        typeof item["caption"] === "string" ? item["caption"] : undefined,
        typeof item["parse_mode"] === "string" ? item["parse_mode"] : undefined,
        Array.isArray(item["caption_entities"]) ? (item["caption_entities"] as MessageEntity[]) : undefined,
      );
      const media = typeof item["media"] === "string" ? item["media"] : "";
      const input = media.startsWith("attach://") ? p.files[media.slice("attach://".length)] : media !== "" ? media : undefined;
      if (input === undefined) throw badRequest("can't parse InputMedia: media not found");
      const int = (name: string): number | undefined => new Params(item).int(name);
      if (type === "photo") {
        contents.push({ photo: photoSizes(photoFile(await this.resolveFile(input, "media", "photos", this.deps.closing))), ...caption });
      } else if (type === "video") {
        const file = await this.resolveFile(input, "media", "videos", this.deps.closing);
        contents.push({ video: videoOf(file, { duration: int("duration"), width: int("width"), height: int("height") }), ...caption });
      } else {
        contents.push({ document: documentOf(await this.resolveFile(input, "media", "documents", this.deps.closing)), ...caption });
      }
    }
    if (ref.isPrivate && bot.blockedBy.has(ref.chat.id)) throw new ApiError(403, BLOCKED);
    if (ref.record?.removed.has(bot.user.id) === true) throw new ApiError(403, `Forbidden: bot was kicked from the ${ref.chat.type} chat`);
    const group = contents.length > 1 ? { media_group_id: newMediaGroupId() } : {};
    const none = { inline: undefined, raw: undefined };
    return contents.map((content) => this.deliver(bot, p, ref, "sendMediaGroup", { ...group, ...content }, none));
  }

  private sendInvoice(bot: BotRecord, p: Params): Message {
    const ref = this.writableChat(bot, p);
    const title = p.str("title") ?? "";
    const description = p.str("description") ?? "";
    const payload = p.str("payload") ?? "";
    const currency = p.str("currency") ?? "";
    const prices = p.json<{ label: string; amount: number }[]>("prices", "can't parse prices JSON object") ?? [];
    if (title.length < 1 || title.length > 32) throw badRequest("INVOICE_TITLE_EMPTY");
    if (description.length < 1 || description.length > 255) throw badRequest("INVOICE_DESCRIPTION_EMPTY");
    const payloadBytes = Buffer.byteLength(payload);
    if (payloadBytes < 1 || payloadBytes > 128) throw badRequest("INVOICE_PAYLOAD_INVALID");
    if (!/^[A-Z]{3}$/.test(currency)) throw badRequest("CURRENCY_INVALID");
    if (!Array.isArray(prices) || prices.length === 0) throw badRequest("can't parse prices JSON object");
    for (const price of prices) {
      if (typeof price.label !== "string" || !Number.isSafeInteger(price.amount)) throw badRequest("can't parse prices JSON object");
    }
    const total = prices.reduce((sum, price) => sum + price.amount, 0);
    if (total <= 0) throw badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
    const markup = this.parseMarkup(p);
    const invoice = { title, description, start_parameter: p.str("start_parameter") ?? "", currency, total_amount: total };
    return this.deliver(bot, p, ref, "sendInvoice", { invoice }, markup, {
      invoice: { payload, currency, total_amount: total },
    });
  }

  private copyOrForward(bot: BotRecord, p: Params, method: "copyMessage" | "forwardMessage"): unknown {
    const ref = this.writableChat(bot, p);
    if (!p.has("from_chat_id")) throw badRequest("from_chat_id is empty");
    const from = this.store.chatForBot(bot, p.raw["from_chat_id"]);
    const source = this.store.getMessage(from.conv, p.int("message_id") ?? 0);
    if (source === undefined) throw badRequest(method === "copyMessage" ? "message to copy not found" : "message to forward not found");
    const src = source.message as unknown as Record<string, unknown>;
    const content: Record<string, unknown> = {};
    for (const key of ["text", "entities", "photo", "video", "document", "voice", "sticker", "location", "contact", "caption", "caption_entities"]) {
      if (src[key] !== undefined) content[key] = structuredClone(src[key]);
    }
    if (Object.keys(content).length === 0) throw badRequest("message can't be copied");
    if (method === "copyMessage" && p.raw["caption"] !== undefined) {
      delete content["caption"];
      delete content["caption_entities"];
      Object.assign(content, this.caption(p));
    }
    if (method === "forwardMessage") {
      const origin = source.message.from;
      content["forward_origin"] =
        origin !== undefined
          ? { type: "user", date: source.message.date, sender_user: origin }
          : { type: "hidden_user", date: source.message.date, sender_user_name: "" };
    }
    const markup = method === "copyMessage" ? this.parseMarkup(p) : { inline: undefined, raw: undefined };
    const message = this.deliver(bot, p, ref, method, content, markup);
    return method === "copyMessage" ? { message_id: message.message_id } : message;
  }

  // ------------------------------------------------------------ editing

  private editTarget(bot: BotRecord, p: Params): { ref: ChatRef; stored: StoredMessage } {
    if (p.has("inline_message_id")) throw badRequest("inline messages are not supported by the emulator");
    const ref = this.writableChat(bot, p);
    const id = p.int("message_id");
    if (id === undefined) throw badRequest("message identifier is not specified");
    const stored = this.store.getMessage(ref.conv, id);
    if (stored === undefined) throw badRequest("message to edit not found");
    if (!stored.fromBot || stored.botId !== bot.user.id) throw badRequest("message can't be edited");
    return { ref, stored };
  }

  private editMessage(bot: BotRecord, p: Params, method: "editMessageText" | "editMessageCaption" | "editMessageReplyMarkup"): Message {
    const { ref, stored } = this.editTarget(bot, p);
    const msg = stored.message as unknown as Record<string, unknown>;
    const markup = this.parseMarkup(p);
    if (markup.raw !== undefined && markup.inline === undefined) throw badRequest("inline keyboard expected");
    const next: Record<string, unknown> = {};
    if (method === "editMessageText") {
      if (msg["text"] === undefined) throw badRequest("there is no text in the message to edit");
      const formatted = formatText(p.str("text") ?? "", p.str("parse_mode"), p.json<MessageEntity[]>("entities"));
      if (formatted.text === "") throw badRequest("message text is empty");
      if (formatted.text.length > TEXT_LIMIT) throw badRequest("MESSAGE_TOO_LONG");
      next["text"] = formatted.text;
      next["entities"] = formatted.entities.length > 0 ? formatted.entities : undefined;
    } else if (method === "editMessageCaption") {
      if (!CAPTIONED.some((kind) => msg[kind] !== undefined)) {
        throw badRequest("there is no caption in the message to edit");
      }
      const caption = this.caption(p);
      next["caption"] = caption["caption"];
      next["caption_entities"] = caption["caption_entities"];
    }
    next["reply_markup"] = markup.inline;
    const same = Object.entries(next).every(([k, v]) => stableJson(v) === stableJson(msg[k]));
    if (same) {
      throw badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) delete msg[k];
      else msg[k] = v;
    }
    msg["edit_date"] = this.store.nowSeconds();
    this.store.addTranscript({
      chat_id: ref.chat.id,
      bot_id: bot.user.id,
      direction: "edit",
      message: structuredClone(stored.message),
      method,
      ...(markup.raw !== undefined ? { reply_markup: markup.raw } : {}),
    });
    return structuredClone(stored.message);
  }

  private deleteMessage(bot: BotRecord, p: Params): true {
    const ref = this.chatRef(bot, p);
    const id = p.int("message_id") ?? 0;
    const stored = this.store.getMessage(ref.conv, id);
    if (stored === undefined) throw badRequest("message to delete not found");
    if (!ref.isPrivate && !stored.fromBot && !(ref.record?.administrators.has(bot.user.id) ?? false)) {
      throw badRequest("message can't be deleted");
    }
    this.store.deleteMessage(ref.conv, id);
    this.store.addTranscript({
      chat_id: ref.chat.id,
      bot_id: bot.user.id,
      direction: "delete",
      message: structuredClone(stored.message),
      method: "deleteMessage",
    });
    return true;
  }

  // ------------------------------------------------------------ callbacks, actions, commands

  private answerCallbackQuery(bot: BotRecord, p: Params): true {
    const id = p.str("callback_query_id") ?? "";
    const query = this.store.callbackQueries.get(id);
    if (query === undefined || query.botId !== bot.user.id || query.answered) throw badRequest(QUERY_TOO_OLD);
    query.answered = true;
    const text = p.str("text");
    const showAlert = p.bool("show_alert");
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    this.store.addTranscript({
      chat_id: query.chatId,
      bot_id: bot.user.id,
      direction: "callback_answer",
      callback_answer: {
        callback_query_id: id,
        ...(text !== undefined && text !== "" ? { text } : {}),
        ...(showAlert !== undefined ? { show_alert: showAlert } : {}),
      },
      method: "answerCallbackQuery",
    });
    return true;
  }

  private sendChatAction(bot: BotRecord, p: Params): true {
    const ref = this.writableChat(bot, p);
    const action = p.str("action") ?? "";
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    this.store.addTranscript({ chat_id: ref.chat.id, bot_id: bot.user.id, direction: "chat_action", action, method: "sendChatAction" });
    return true;
  }

  private setMyCommands(bot: BotRecord, p: Params): true {
    const commands = p.json<BotCommand[]>("commands", "can't parse commands JSON object");
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    for (const c of commands) {
      if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command.replace(/^\//, ""))) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    const key = commandsKey(p);
    if (commands.length === 0) bot.commands.delete(key);
    else {
      bot.commands.set(key, {
        scope: normalizeScope(p.json<BotCommandScope>("scope")),
        language_code: p.str("language_code") ?? "",
        commands: commands.map((c) => ({ command: c.command.replace(/^\//, ""), description: c.description })),
      });
    }
    return true;
  }

  // ------------------------------------------------------------ chats

  private getChat(bot: BotRecord, p: Params): unknown {
    const ref = this.chatRef(bot, p);
    return {
      ...ref.chat,
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false },
    };
  }

  memberOf(bot: BotRecord, ref: ChatRef, userId: number): ChatMember {
    const user = userId === bot.user.id ? bot.user : this.store.users.get(userId);
    if (user === undefined) throw badRequest("PARTICIPANT_ID_INVALID");
    if (ref.isPrivate) {
      if (userId === bot.user.id || userId === ref.chat.id) return { status: "member", user };
      throw badRequest("user not found");
    }
    const rec = ref.record;
    const removed = rec?.removed.get(userId);
    if (removed === "kicked") return { status: "kicked", user, until_date: 0 };
    if (removed === "left") return { status: "left", user };
    if (rec?.creator === userId) return { status: "creator", user, is_anonymous: false };
    if (rec?.administrators.has(userId) === true) {
      const rights = rec.rights.get(userId) ?? {};
      return {
        status: "administrator",
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: rights.can_pin_messages === true,
        ...(ref.chat.type === "supergroup" ? { can_manage_topics: rights.can_manage_topics === true } : {}),
        ...(rights.can_delete_messages === undefined ? {} : { can_delete_messages: rights.can_delete_messages }),
      } as ChatMember;
    }
    if (userId === bot.user.id || rec?.members.has(userId) === true) return { status: "member", user };
    return { status: "left", user };
  }

  private getChatMember(bot: BotRecord, p: Params): ChatMember {
    const ref = this.chatRef(bot, p);
    const userId = p.int("user_id");
    if (userId === undefined) throw badRequest("user_id is empty");
    return this.memberOf(bot, ref, userId);
  }

  private createForumTopic(bot: BotRecord, p: Params): unknown {
    const ref = this.chatRef(bot, p);
    if (ref.record === undefined || !("is_forum" in ref.chat) || ref.chat.is_forum !== true) {
      throw badRequest("the chat is not a forum");
    }
    const member = this.memberOf(bot, ref, bot.user.id);
    if (member.status !== "creator" && (member.status !== "administrator" || member.can_manage_topics !== true)) throw badRequest("not enough rights to create a topic");
    const name = p.str("name") ?? "";
    if (name.length < 1 || name.length > 128) throw badRequest("TOPIC_TITLE_EMPTY");
    const iconColor = p.int("icon_color") ?? 7322096;
    const id = this.store.allocateMessageId(ref.conv);
    const topic = { message_thread_id: id, name, icon_color: iconColor };
    ref.record.topics.set(id, topic);
    const message = {
      message_id: id,
      from: bot.user,
      message_thread_id: id,
      date: this.store.nowSeconds(),
      chat: ref.chat,
      forum_topic_created: { name, icon_color: iconColor },
      is_topic_message: true,
    } as unknown as Message;
    this.store.storeMessage(ref.conv, { message, botId: bot.user.id, fromBot: true });
    this.store.addTranscript({ chat_id: ref.chat.id, bot_id: bot.user.id, direction: "from_bot", message, method: "createForumTopic" });
    return topic;
  }
}

// ------------------------------------------------------------ helpers

/** JSON with object keys sorted, so equal content compares equal whatever the key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A caption as a message holds it (formatted; none when empty); over 1024 characters is refused. */
function captionContent(caption: string | undefined, parseMode: string | undefined, entities: MessageEntity[] | undefined): Record<string, unknown> {
  if (caption === undefined || caption === "") return {};
  const formatted = formatText(caption, parseMode, entities);
  if (formatted.text.length > CAPTION_LIMIT) throw badRequest("message caption is too long");
  if (formatted.text === "") return {};
  return formatted.entities.length > 0 ? { caption: formatted.text, caption_entities: formatted.entities } : { caption: formatted.text };
}

function photoFile(file: FileRecord): FileRecord {
  if (!file.mime_type.startsWith("image/")) throw badRequest("IMAGE_PROCESS_FAILED");
  return file;
}

function textContent(text: string, entities: MessageEntity[]): Record<string, unknown> {
  return entities.length > 0 ? { text, entities } : { text };
}

export function validateInlineKeyboard(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const actions = [
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
  ];
  for (const row of rows as unknown[][]) {
    for (const b of row) {
      if (typeof b !== "object" || b === null) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      const button = b as Record<string, unknown>;
      if (typeof button["text"] !== "string") throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
      if (!actions.some((a) => button[a] !== undefined)) {
        throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      const data = button["callback_data"];
      if (data !== undefined) {
        const bytes = typeof data === "string" ? Buffer.byteLength(data) : 0;
        if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
      }
      const url = button["url"];
      if (url !== undefined) {
        if (typeof url !== "string" || !/^(https?|tg):\/\/\S+$/.test(url)) throw badRequest(`inline keyboard button URL '${JSON.stringify(url)}' is invalid`);
      }
    }
  }
  return { inline_keyboard: structuredClone(rows) as InlineKeyboardButton[][] };
}

export function normalizeScope(scope: BotCommandScope | undefined): BotCommandScope {
  if (scope === undefined || typeof scope !== "object" || scope === null) return { type: "default" };
  const s = scope as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { type: s["type"] };
  const chatId = s["chat_id"];
  if (typeof chatId === "number" || typeof chatId === "string") out["chat_id"] = /^-?\d+$/.test(String(chatId)) ? Number(chatId) : chatId;
  if (s["user_id"] !== undefined) out["user_id"] = Number(s["user_id"]);
  return out as unknown as BotCommandScope;
}

export function scopeKey(scope: BotCommandScope, languageCode: string): string {
  return `${JSON.stringify(scope)}|${languageCode}`;
}

function commandsKey(p: Params): string {
  const scope = normalizeScope(p.json<BotCommandScope>("scope"));
  const valid = ["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"];
  if (!valid.includes(scope.type)) throw badRequest("can't parse BotCommandScope");
  return scopeKey(scope, p.str("language_code") ?? "");
}

export function menuButtonFor(bot: BotRecord, chatId: number | undefined): MenuButton {
  return (chatId !== undefined ? bot.menuButtons.get(String(chatId)) : undefined) ?? bot.menuButtons.get("default") ?? { type: "commands" };
}

export function newQueryId(): string {
  return `${BigInt(`0x${Buffer.from(randomToken(8), "base64url").toString("hex")}`)}`;
}
