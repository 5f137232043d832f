/**
 * The control API (see control.ts): simulated users act here, tests and the Playground read the
 * transcript. `Control` is the in-process API; `handleControlRequest` serves it under /control/.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BotCommand, BotCommandScope, CallbackQuery, Chat, Message, PreCheckoutQuery, User } from "@grammyjs/types";
import { menuButtonFor, newQueryId, normalizeScope, scopeKey } from "./bot-api.ts";
import { ALBUM_MAX, ALBUM_MIN, STICKER_TYPES, documentOf, locationOf, newMediaGroupId, photoSizes, stickerOf, videoOf, voiceOf } from "./media.ts";
import type {
  AlbumItem,
  BlockRequest,
  BlockResponse,
  CommandsQuery,
  CommandsResponse,
  CreateChatRequest,
  CreateUserRequest,
  EditRequest,
  EditResponse,
  EmulatorControl,
  EmulatorState,
  EmulatorStats,
  FaultRequest,
  InjectRequest,
  InjectResponse,
  LimitsRequest,
  MembershipRequest,
  MembershipResponse,
  PayRequest,
  PayResponse,
  PressRequest,
  PressResponse,
  RegisterBotRequest,
  SendRequest,
  SendResponse,
  SendVideo,
  StoredFile,
  TranscriptEntry,
  TranscriptQuery,
} from "./control.ts";
import { CAPTION_LIMIT, TEXT_LIMIT } from "./control.ts";
import { ControlError } from "./errors.ts";
import type { Faults } from "./faults.ts";
import { detectEntities } from "./formatting.ts";
import { readBody } from "./http-body.ts";
import type { RateLimits } from "./rate-limits.ts";
import { TOKEN_RE, randomToken, sniffMime, type BotRecord, type ChatRef, type FileRecord, type Store, type StoredMessage, type UpdatePayload } from "./state.ts";

export interface ControlDeps {
  store: Store;
  faults: Faults;
  limits: RateLimits;
  preCheckoutTimeoutMs: number;
}

function decodeBase64(value: unknown, field: string): Buffer {
  if (typeof value !== "string" || value === "") throw new ControlError(400, `${field}.base64 is required`);
  const bytes = Buffer.from(value, "base64");
  if (bytes.length === 0) throw new ControlError(400, `${field}.base64 is not valid base64`);
  return bytes;
}

/** What Telegram keeps as a voice note: OGG/Opus, MP3 or M4A. */
const VOICE_TYPES = new Set(["audio/ogg", "audio/mpeg", "audio/mp4"]);

/** A user's caption as the message holds it; over 1024 characters is refused, as the Bot API does. */
function captionOf(caption: unknown, field: string | undefined): { caption?: string } {
  if (caption === undefined || caption === "") return {};
  const name = field === undefined ? "caption" : `${field}.caption`;
  if (typeof caption !== "string") throw new ControlError(400, `${name} must be a string`);
  if (caption.length > CAPTION_LIMIT) throw new ControlError(400, `${name} is too long (${caption.length} characters; at most ${CAPTION_LIMIT})`);
  return { caption };
}

export class Control implements EmulatorControl {
  private readonly store: Store;
  private readonly deps: ControlDeps;

  constructor(deps: ControlDeps) {
    this.deps = deps;
    this.store = deps.store;
  }

  registerBot(req: RegisterBotRequest): User {
    const m = TOKEN_RE.exec(req.token ?? "");
    if (m === null) throw new ControlError(400, "token must look like <digits>:<secret>");
    const bot = this.store.botById(Number(m[1]));
    bot.token = req.token;
    if (req.username !== undefined) bot.user.username = req.username;
    if (req.first_name !== undefined) bot.user.first_name = req.first_name;
    return { ...bot.user };
  }

  createUser(req: CreateUserRequest): User {
    return { ...this.store.createUser(req) };
  }

  createChat(req: CreateChatRequest): Chat {
    return { ...this.store.createChat(req) };
  }

  /** The user's side of a message: allocates its id, stores it, writes the transcript, queues the update. */
  private userMessage(bot: BotRecord, user: User, ref: ChatRef, content: Record<string, unknown>, thread?: number, replyTo?: number): SendResponse {
    if (ref.isPrivate && bot.blockedBy.has(user.id)) this.setBlocked(bot, user, false);
    let reply: Record<string, unknown> | undefined;
    if (replyTo !== undefined) {
      const stored = this.store.getMessage(ref.conv, replyTo);
      if (stored === undefined) throw new ControlError(404, `no message ${replyTo} in chat ${ref.chat.id}`);
      reply = structuredClone(stored.message) as unknown as Record<string, unknown>;
      delete reply["reply_to_message"];
    }
    if (thread !== undefined && ref.record !== undefined && !ref.record.topics.has(thread)) {
      throw new ControlError(404, `no topic ${thread} in chat ${ref.chat.id}`);
    }
    const message = {
      message_id: this.store.allocateMessageId(ref.conv),
      from: user,
      ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true } : {}),
      date: this.store.nowSeconds(),
      chat: ref.chat,
      ...(reply !== undefined ? { reply_to_message: reply } : {}),
      ...content,
    } as unknown as Message;
    this.store.storeMessage(ref.conv, { message, botId: bot.user.id, fromBot: false });
    this.store.addTranscript({ chat_id: ref.chat.id, bot_id: bot.user.id, direction: "from_user", message });
    const update = this.store.enqueueUpdate(bot, { message: structuredClone(message) } as UpdatePayload);
    return { update_id: update.update_id, message: structuredClone(message) };
  }

  send(req: SendRequest): SendResponse {
    const bot = this.store.resolveBot(req.bot);
    const user = this.store.user(req.from);
    const ref = this.store.chatForUser(bot, user, req.chat_id);
    const kinds = ["text", "contact", "photo", "voice", "document", "video", "sticker", "location", "media_group"] as const;
    const given = kinds.filter((k) => req[k] !== undefined);
    if (given.length !== 1) throw new ControlError(400, `give exactly one of ${kinds.join(", ")}`);
    if (req.media_group !== undefined) {
      const contents = this.albumContents(req.media_group);
      const media_group_id = newMediaGroupId();
      const sent = contents.map((content) => this.userMessage(bot, user, ref, { media_group_id, ...content }, req.message_thread_id, req.reply_to_message_id));
      const first = sent[0] as SendResponse;
      return { ...first, messages: sent.map((s) => s.message) };
    }
    return this.userMessage(bot, user, ref, this.content(req, user), req.message_thread_id, req.reply_to_message_id);
  }

  /** A message's content fields for one kind of SendRequest; every check before any file is stored. */
  private content(req: SendRequest, user: User): Record<string, unknown> {
    if (req.text !== undefined) {
      if (typeof req.text !== "string" || req.text.trim() === "") throw new ControlError(400, "text must be a non-empty string");
      if (req.text.length > TEXT_LIMIT) throw new ControlError(400, `text is too long (${req.text.length} characters; at most ${TEXT_LIMIT})`);
      const entities = detectEntities(req.text);
      return entities.length > 0 ? { text: req.text, entities } : { text: req.text };
    }
    if (req.contact !== undefined) {
      if (typeof req.contact.phone_number !== "string" || req.contact.phone_number === "") {
        throw new ControlError(400, "contact.phone_number is required");
      }
      return {
        contact: {
          phone_number: req.contact.phone_number,
          first_name: req.contact.first_name ?? user.first_name,
          ...(user.last_name !== undefined && req.contact.first_name === undefined ? { last_name: user.last_name } : {}),
          user_id: user.id,
        },
      };
    }
    if (req.location !== undefined) {
      const read = locationOf(req.location ?? {});
      if ("problem" in read) throw new ControlError(400, `location.${read.problem}`);
      return { location: read.location };
    }
    if (req.photo !== undefined) {
      const caption = captionOf(req.photo.caption, "photo");
      return { photo: photoSizes(this.imageFile(decodeBase64(req.photo.base64, "photo"), "photo")), ...caption };
    }
    if (req.video !== undefined) return this.videoContent(req.video, "video");
    if (req.voice !== undefined) {
      const caption = captionOf(req.voice.caption, "voice");
      const duration = req.voice.duration ?? 0;
      if (!Number.isSafeInteger(duration) || duration < 0) throw new ControlError(400, "voice.duration must be a whole number of seconds");
      const mime = req.voice.mime_type ?? "audio/ogg";
      if (!VOICE_TYPES.has(mime)) throw new ControlError(400, `voice.mime_type must be one of ${[...VOICE_TYPES].join(", ")}`);
      const file = this.store.addFile(decodeBase64(req.voice.base64, "voice"), mime, "voice");
      return { voice: voiceOf(file, duration), ...caption };
    }
    if (req.sticker !== undefined) return { sticker: this.sticker(req.sticker) };
    const doc = req.document as NonNullable<SendRequest["document"]>;
    const caption = captionOf(doc.caption, "document");
    const bytes = decodeBase64(doc.base64, "document");
    if (typeof doc.file_name !== "string" || doc.file_name === "") throw new ControlError(400, "document.file_name is required");
    const file = this.store.addFile(bytes, doc.mime_type ?? sniffMime(bytes, doc.file_name), "documents", doc.file_name);
    return { document: documentOf(file), ...caption };
  }

  private imageFile(bytes: Buffer, field: string): FileRecord {
    const mime = sniffMime(bytes);
    if (!mime.startsWith("image/")) throw new ControlError(400, `${field} is not an image (PNG, JPEG, GIF or WebP)`);
    return this.store.addFile(bytes, mime, "photos");
  }

  private videoContent(video: SendVideo, field: string): Record<string, unknown> {
    const caption = captionOf(video.caption, field);
    const bytes = decodeBase64(video.base64, field);
    const stated: { duration?: number; width?: number; height?: number } = {};
    for (const key of ["duration", "width", "height"] as const) {
      const value = video[key];
      if (value === undefined) continue;
      if (!Number.isSafeInteger(value) || value < 0) throw new ControlError(400, `${field}.${key} must be a whole number`);
      stated[key] = value;
    }
    const sniffed = sniffMime(bytes, video.file_name);
    const mime = video.mime_type ?? (sniffed.startsWith("video/") ? sniffed : "video/mp4");
    if (!mime.startsWith("video/")) throw new ControlError(400, `${field}.mime_type must be a video type`);
    const file = this.store.addFile(bytes, mime, "videos", video.file_name);
    return { video: videoOf(file, stated), ...caption };
  }

  private sticker(req: NonNullable<SendRequest["sticker"]>): unknown {
    if ((req.base64 === undefined) === (req.file_id === undefined)) throw new ControlError(400, "sticker needs exactly one of base64 and file_id");
    if (req.file_id !== undefined) {
      const known = this.store.files.get(req.file_id);
      if (known === undefined) throw new ControlError(400, `sticker.file_id ${req.file_id} is not a file of the emulator`);
      if (!STICKER_TYPES.has(known.mime_type)) throw new ControlError(400, "sticker.file_id is not a sticker file (.WEBP, .TGS or .WEBM)");
      return stickerOf(known, req.emoji);
    }
    const bytes = decodeBase64(req.base64, "sticker");
    const mime = bytes[0] === 0x1f && bytes[1] === 0x8b ? "application/x-tgsticker" : sniffMime(bytes);
    if (!STICKER_TYPES.has(mime)) throw new ControlError(400, "sticker must be a .WEBP, .TGS or .WEBM file");
    return stickerOf(this.store.addFile(bytes, mime, "stickers"), req.emoji);
  }

  /** Every item of an album checked (2 to 10 photos and videos, captions) before any is stored. */
  private albumContents(items: unknown): Record<string, unknown>[] {
    if (!Array.isArray(items)) throw new ControlError(400, "media_group must be an array of photos and videos");
    if (items.length < ALBUM_MIN || items.length > ALBUM_MAX) {
      throw new ControlError(400, `media_group must hold ${ALBUM_MIN} to ${ALBUM_MAX} photos and videos (got ${items.length})`);
    }
    items.forEach((item: AlbumItem, i) => {
      if (typeof item !== "object" || item === null || (item.type !== "photo" && item.type !== "video")) {
        throw new ControlError(400, `media_group[${i}].type must be photo or video`);
      }
      captionOf(item.caption, `media_group[${i}]`);
      const bytes = decodeBase64(item.base64, `media_group[${i}]`);
      if (item.type === "photo" && !sniffMime(bytes).startsWith("image/")) throw new ControlError(400, `media_group[${i}] is not an image (PNG, JPEG, GIF or WebP)`);
    });
    return (items as AlbumItem[]).map((item, i) => {
      const field = `media_group[${i}]`;
      if (item.type === "video") return this.videoContent(item, field);
      return { photo: photoSizes(this.imageFile(decodeBase64(item.base64, field), field)), ...captionOf(item.caption, field) };
    });
  }

  /** The bot, the acting user, their chat and the message a request names (404 when there is none). */
  private target(req: { bot?: string | number; from: number; chat_id?: number; message_id: number }): { bot: BotRecord; user: User; ref: ChatRef; stored: StoredMessage } {
    const bot = this.store.resolveBot(req.bot);
    const user = this.store.user(req.from);
    const ref = this.store.chatForUser(bot, user, req.chat_id);
    const stored = this.store.getMessage(ref.conv, req.message_id);
    if (stored === undefined) throw new ControlError(404, `no message ${req.message_id} in chat ${ref.chat.id}`);
    return { bot, user, ref, stored };
  }

  edit(req: EditRequest): EditResponse {
    const { bot, user, ref, stored } = this.target(req);
    if (stored.fromBot || stored.message.from?.id !== user.id) throw new ControlError(400, `message ${req.message_id} was not sent by user ${user.id}`);
    const msg = stored.message as unknown as Record<string, unknown>;
    if ((req.text === undefined) === (req.caption === undefined)) throw new ControlError(400, "give exactly one of text and caption");
    const next: Record<string, unknown> = {};
    if (req.text !== undefined) {
      if (msg["text"] === undefined) throw new ControlError(400, `message ${req.message_id} has no text to edit`);
      const content = this.content({ from: user.id, text: req.text }, user);
      next["text"] = content["text"];
      next["entities"] = content["entities"];
    } else {
      if (!["photo", "video", "document", "voice"].some((k) => msg[k] !== undefined)) throw new ControlError(400, `message ${req.message_id} has no caption to edit`);
      next["caption"] = captionOf(req.caption, undefined)["caption"];
    }
    if (Object.entries(next).every(([k, v]) => JSON.stringify(v) === JSON.stringify(msg[k]))) {
      throw new ControlError(400, "message is not modified: the new content is the same as the current one");
    }
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) delete msg[k];
      else msg[k] = v;
    }
    msg["edit_date"] = this.store.nowSeconds();
    this.store.addTranscript({ chat_id: ref.chat.id, bot_id: bot.user.id, direction: "edit", message: structuredClone(stored.message) });
    const update = this.store.enqueueUpdate(bot, { edited_message: structuredClone(stored.message) } as UpdatePayload);
    return { update_id: update.update_id, message: structuredClone(stored.message) };
  }

  inject(req: InjectRequest): InjectResponse {
    const bot = this.store.resolveBot(req.bot);
    if (typeof req.update !== "object" || req.update === null || Array.isArray(req.update)) throw new ControlError(400, "update must be an object");
    const { update_id: _ignored, ...fields } = structuredClone(req.update);
    return { update_id: this.store.enqueueUpdate(bot, fields).update_id };
  }

  press(req: PressRequest): PressResponse {
    const { bot, user, ref, stored } = this.target(req);
    if (!stored.fromBot || stored.botId !== bot.user.id) throw new ControlError(400, "the message is not from this bot");
    const markup = (stored.message as { reply_markup?: { inline_keyboard: { callback_data?: string }[][] } }).reply_markup;
    const found = markup?.inline_keyboard.some((row) => row.some((b) => b.callback_data === req.data)) ?? false;
    if (!found) throw new ControlError(400, `message ${req.message_id} has no button with callback_data ${JSON.stringify(req.data)}`);
    const id = newQueryId();
    this.store.callbackQueries.set(id, { botId: bot.user.id, userId: user.id, chatId: ref.chat.id, answered: false, createdAt: this.store.clock() });
    const query: CallbackQuery = {
      id,
      from: user,
      message: structuredClone(stored.message),
      chat_instance: chatInstance(bot, ref),
      data: req.data,
    };
    const update = this.store.enqueueUpdate(bot, { callback_query: query });
    return { update_id: update.update_id, callback_query_id: id };
  }

  private setBlocked(bot: BotRecord, user: User, blocked: boolean): number {
    if (blocked) bot.blockedBy.add(user.id);
    else bot.blockedBy.delete(user.id);
    const chat = this.store.privateChat(user);
    const member = { status: "member", user: bot.user };
    const banned = { status: "kicked", user: bot.user, until_date: 0 };
    const update = this.store.enqueueUpdate(bot, {
      my_chat_member: {
        chat,
        from: user,
        date: this.store.nowSeconds(),
        old_chat_member: blocked ? member : banned,
        new_chat_member: blocked ? banned : member,
      },
    } as never);
    this.store.addTranscript({ chat_id: user.id, bot_id: bot.user.id, direction: "event", event: { type: blocked ? "blocked" : "unblocked" } });
    return update.update_id;
  }

  membership(req: MembershipRequest): MembershipResponse {
    const bot = this.store.resolveBot(req.bot);
    const rec = this.store.chats.get(req.chat_id);
    if (rec === undefined) throw new ControlError(404, `unknown chat ${req.chat_id}`);
    if (!["member", "administrator", "left", "kicked"].includes(req.status)) throw new ControlError(400, "status must be member, administrator, left or kicked");
    const userId = req.user_id ?? bot.user.id;
    const target = userId === bot.user.id ? bot.user : this.store.user(userId);
    const byId = req.by ?? rec.creator ?? [...rec.members][0];
    if (byId === undefined || !rec.members.has(byId)) throw new ControlError(400, "by must be a member of the chat");
    const by = this.store.user(byId);
    const statusOf = (): { status: string } & Record<string, unknown> => {
      const removed = rec.removed.get(userId);
      if (removed !== undefined) return { status: removed, user: target, ...(removed === "kicked" ? { until_date: 0 } : {}) };
      if (rec.administrators.has(userId)) return { status: "administrator", user: target, can_be_edited: false, can_manage_chat: true, ...rec.rights.get(userId) };
      return { status: "member", user: target };
    };
    const before = statusOf();
    rec.administrators.delete(userId);
    rec.rights.delete(userId);
    rec.removed.delete(userId);
    if (req.status === "left" || req.status === "kicked") {
      rec.removed.set(userId, req.status);
      if (userId !== bot.user.id) rec.members.delete(userId);
    } else {
      if (userId !== bot.user.id) rec.members.add(userId);
      if (req.status === "administrator") {
        rec.administrators.add(userId);
        rec.rights.set(userId, { ...req.rights });
      }
    }
    const after = statusOf();
    if (userId !== bot.user.id) return {};
    const update = this.store.enqueueUpdate(bot, {
      my_chat_member: { chat: rec.chat, from: by, date: this.store.nowSeconds(), old_chat_member: before, new_chat_member: after },
    } as never);
    this.store.addTranscript({ chat_id: rec.chat.id, bot_id: bot.user.id, direction: "event", event: { type: `bot-${req.status}` } });
    return { update_id: update.update_id };
  }

  block(req: BlockRequest): BlockResponse {
    const bot = this.store.resolveBot(req.bot);
    const user = this.store.user(req.user_id);
    if (typeof req.blocked !== "boolean") throw new ControlError(400, "blocked must be true or false");
    if (bot.blockedBy.has(user.id) === req.blocked) return {};
    return { update_id: this.setBlocked(bot, user, req.blocked) };
  }

  async pay(req: PayRequest): Promise<PayResponse> {
    const bot = this.store.resolveBot(req.bot);
    const user = this.store.user(req.from);
    const ref = this.store.chatForUser(bot, user, req.chat_id);
    const stored = this.store.getMessage(ref.conv, req.message_id);
    if (stored?.invoice === undefined || stored.botId !== bot.user.id) {
      throw new ControlError(404, `no invoice message ${req.message_id} in chat ${ref.chat.id}`);
    }
    const invoice = stored.invoice;
    const id = newQueryId();
    const answer = new Promise<{ ok: boolean; error_message?: string }>((resolve) => {
      this.store.preCheckouts.set(id, { botId: bot.user.id, resolve });
    });
    const query: PreCheckoutQuery = {
      id,
      from: user,
      currency: invoice.currency,
      total_amount: invoice.total_amount,
      invoice_payload: invoice.payload,
    };
    this.store.addTranscript({ chat_id: ref.chat.id, bot_id: bot.user.id, direction: "event", event: { type: "pre_checkout_query", pre_checkout_query_id: id } });
    this.store.enqueueUpdate(bot, { pre_checkout_query: query });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.deps.preCheckoutTimeoutMs);
    });
    const result = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.store.preCheckouts.delete(id);
      this.store.addTranscript({ chat_id: ref.chat.id, bot_id: bot.user.id, direction: "event", event: { type: "pre_checkout_timeout", pre_checkout_query_id: id } });
      throw new ControlError(408, `the bot did not answer pre_checkout_query ${id} within ${this.deps.preCheckoutTimeoutMs / 1000} s`);
    }
    if (this.store.closed) throw new ControlError(503, "emulator closed");
    if (!result.ok) {
      const error_message = result.error_message ?? "";
      this.store.addTranscript({
        chat_id: ref.chat.id,
        bot_id: bot.user.id,
        direction: "event",
        event: { type: "pre_checkout_declined", pre_checkout_query_id: id, error_message },
      });
      return { ok: false, pre_checkout_query_id: id, error_message };
    }
    const sent = this.userMessage(bot, user, ref, {
      successful_payment: {
        currency: invoice.currency,
        total_amount: invoice.total_amount,
        invoice_payload: invoice.payload,
        telegram_payment_charge_id: `tg_${randomToken(12)}`,
        provider_payment_charge_id: `pr_${randomToken(12)}`,
      },
    });
    return { ok: true, pre_checkout_query_id: id, update_id: sent.update_id, message: sent.message };
  }

  async transcript(query: TranscriptQuery = {}, signal?: AbortSignal): Promise<TranscriptEntry[]> {
    const q: TranscriptQuery & { bot?: number } = {};
    if (query.chat_id !== undefined) q.chat_id = Number(query.chat_id);
    if (query.after !== undefined) q.after = Number(query.after);
    if (query.wait !== undefined) q.wait = Number(query.wait);
    if (query.bot !== undefined && query.bot !== "") q.bot = this.store.resolveBot(query.bot).user.id;
    for (const [k, v] of Object.entries(q)) if (Number.isNaN(v)) throw new ControlError(400, `${k} must be a number`);
    return this.store.waitTranscript(q, signal);
  }

  faults(req: FaultRequest): void {
    this.deps.faults.add(req);
  }

  clearFaults(): void {
    this.deps.faults.clear();
  }

  armedFaults(): FaultRequest[] {
    return this.deps.faults.list();
  }

  releaseHeld(): { released: number } {
    return { released: this.deps.faults.release() };
  }

  limits(req: LimitsRequest): void {
    this.deps.limits.set(req);
  }

  stats(): EmulatorStats {
    return structuredClone(this.store.stats);
  }

  state(): EmulatorState {
    const pendingUpdates: Record<string, number> = {};
    for (const bot of this.store.bots.values()) pendingUpdates[String(bot.user.id)] = bot.queue.length;
    return {
      bots: [...this.store.bots.values()].map((b) => ({ ...b.user })),
      users: [...this.store.users.values()].map((u) => ({ ...u })),
      chats: [...this.store.chats.values()].map((c) => ({ ...c.chat })),
      groups: [...this.store.chats.values()].map((c) => ({ chat: { ...c.chat }, members: [...c.members], topics: [...c.topics.values()].map((topic) => ({ ...topic })) })),
      pendingUpdates,
      polling: [...this.store.bots.values()].filter((b) => b.poll !== undefined).map((b) => b.user.id),
    };
  }

  updates(bot?: string | number): ReturnType<EmulatorControl["updates"]> {
    return structuredClone(this.store.resolveBot(bot).history);
  }

  commands(query: CommandsQuery = {}): CommandsResponse {
    const bot = this.store.resolveBot(query.bot);
    const scopes = [...bot.commands.values()].map((e) => structuredClone(e));
    const chatId = query.chat_id !== undefined ? Number(query.chat_id) : undefined;
    const response: CommandsResponse = { scopes, menu_button: structuredClone(menuButtonFor(bot, chatId)) };
    if (chatId !== undefined) {
      const isPrivate = chatId > 0;
      const userId = query.user_id !== undefined ? Number(query.user_id) : isPrivate ? chatId : undefined;
      const rec = this.store.chats.get(chatId);
      const isAdmin = userId !== undefined && rec !== undefined && (rec.creator === userId || rec.administrators.has(userId));
      const candidates: BotCommandScope[] = [];
      if (!isPrivate && userId !== undefined) candidates.push({ type: "chat_member", chat_id: chatId, user_id: userId });
      if (!isPrivate && isAdmin) candidates.push({ type: "chat_administrators", chat_id: chatId });
      candidates.push({ type: "chat", chat_id: chatId });
      if (!isPrivate && isAdmin) candidates.push({ type: "all_chat_administrators" });
      candidates.push({ type: isPrivate ? "all_private_chats" : "all_group_chats" });
      candidates.push({ type: "default" });
      const lang = query.language_code ?? (userId !== undefined ? this.store.users.get(userId)?.language_code : undefined) ?? "";
      let effective: BotCommand[] = [];
      outer: for (const scope of candidates) {
        for (const code of lang !== "" ? [lang, ""] : [""]) {
          const entry = bot.commands.get(scopeKey(normalizeScope(scope), code));
          if (entry !== undefined) {
            effective = structuredClone(entry.commands);
            break outer;
          }
        }
      }
      response.effective = effective;
    }
    return response;
  }

  file(fileId: string): StoredFile | undefined {
    const f = this.store.files.get(fileId);
    if (f === undefined) return undefined;
    return {
      file_id: f.file_id,
      file_unique_id: f.file_unique_id,
      file_path: f.file_path,
      mime_type: f.mime_type,
      ...(f.file_name !== undefined ? { file_name: f.file_name } : {}),
      bytes: f.bytes,
    };
  }
}

function chatInstance(bot: BotRecord, ref: ChatRef): string {
  // Stable per (bot, chat), like Telegram's opaque chat_instance.
  let h = 0n;
  for (const c of `${bot.user.id}:${ref.chat.id}`) h = (h * 131n + BigInt(c.charCodeAt(0))) % 9_223_372_036_854_775_807n;
  return String(-h);
}

// ------------------------------------------------------------ HTTP

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "content-type",
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CORS, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ControlError(400, "body must be JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new ControlError(400, "body must be a JSON object");
  return parsed as Record<string, unknown>;
}

function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

/** Serves /control/...; `path` is the part after /control/. */
export async function handleControlRequest(control: Control, req: IncomingMessage, res: ServerResponse, url: URL, signal: AbortSignal): Promise<void> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/^\/control\/?/, "").replace(/\/$/, "");
  if (method === "OPTIONS") {
    res.writeHead(204, { ...CORS, "access-control-max-age": "600" });
    res.end();
    return;
  }
  try {
    if (method === "GET" && path.startsWith("files/")) {
      const file = control.file(decodeURIComponent(path.slice("files/".length)));
      if (file === undefined) throw new ControlError(404, "unknown file_id");
      const headers: Record<string, string | number> = { ...CORS, "content-type": file.mime_type, "content-length": file.bytes.length };
      if (file.file_name !== undefined) headers["content-disposition"] = `inline; filename*=UTF-8''${encodeURIComponent(file.file_name)}`;
      res.writeHead(200, headers);
      res.end(file.bytes);
      return;
    }
    const q = queryObject(url);
    const num = (v: string | undefined): number | undefined => (v === undefined || v === "" ? undefined : Number(v));
    const route = `${method} ${path}`;
    let result: unknown;
    switch (route) {
      case "POST bots":
        result = control.registerBot((await jsonBody(req)) as unknown as RegisterBotRequest);
        break;
      case "POST users":
        result = control.createUser((await jsonBody(req)) as unknown as CreateUserRequest);
        break;
      case "POST chats":
        result = control.createChat((await jsonBody(req)) as unknown as CreateChatRequest);
        break;
      case "POST send":
        result = control.send((await jsonBody(req)) as unknown as SendRequest);
        break;
      case "POST edit":
        result = control.edit((await jsonBody(req)) as unknown as EditRequest);
        break;
      case "POST press":
        result = control.press((await jsonBody(req)) as unknown as PressRequest);
        break;
      case "POST inject":
        result = control.inject((await jsonBody(req)) as unknown as InjectRequest);
        break;
      case "POST block":
        result = control.block((await jsonBody(req)) as unknown as BlockRequest);
        break;
      case "POST membership":
        result = control.membership((await jsonBody(req)) as unknown as MembershipRequest);
        break;
      case "POST pay":
        result = await control.pay((await jsonBody(req)) as unknown as PayRequest);
        break;
      case "GET transcript": {
        const query: TranscriptQuery = {};
        const chatId = num(q["chat_id"]);
        const after = num(q["after"]);
        const wait = num(q["wait"]);
        if (chatId !== undefined) query.chat_id = chatId;
        if (after !== undefined) query.after = after;
        if (wait !== undefined) query.wait = wait;
        if (q["bot"] !== undefined && q["bot"] !== "") query.bot = q["bot"];
        result = await control.transcript(query, signal);
        break;
      }
      case "POST faults":
        control.faults((await jsonBody(req)) as unknown as FaultRequest);
        result = {};
        break;
      case "GET faults":
        result = control.armedFaults();
        break;
      case "DELETE faults":
        control.clearFaults();
        result = {};
        break;
      case "POST faults/release":
        result = control.releaseHeld();
        break;
      case "POST limits":
        control.limits((await jsonBody(req)));
        result = {};
        break;
      case "GET stats":
        result = control.stats();
        break;
      case "GET state":
        result = control.state();
        break;
      case "GET updates":
        result = control.updates(q["bot"] === "" ? undefined : q["bot"]);
        break;
      case "GET commands": {
        const query: CommandsQuery = {};
        if (q["bot"] !== undefined && q["bot"] !== "") query.bot = q["bot"];
        const chatId = num(q["chat_id"]);
        const userId = num(q["user_id"]);
        if (chatId !== undefined) query.chat_id = chatId;
        if (userId !== undefined) query.user_id = userId;
        if (q["language_code"] !== undefined) query.language_code = q["language_code"];
        result = control.commands(query);
        break;
      }
      default:
        throw new ControlError(404, `no control route ${route}`);
    }
    if (!res.headersSent && !res.destroyed) sendJson(res, 200, result ?? {});
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    if (error instanceof ControlError) sendJson(res, error.status, { error: error.message });
    else if (error instanceof TypeError || error instanceof SyntaxError) sendJson(res, 400, { error: error.message });
    else throw error;
  }
}
