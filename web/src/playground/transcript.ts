/**
 * The chat as the Playground draws it, folded from the emulator's transcript entries (pure, no
 * React): messages in the order they appeared, edits replacing a message in place, deletes
 * removing it, the reply keyboard in force, and the notices (callback answers) to pop up.
 */
import type { ForceReply, KeyboardButton, Message, ReplyKeyboardMarkup } from "@grammyjs/types";
import type { TranscriptEntry } from "../../../src/sandbox/control.ts";

export interface ChatMessage {
  kind: "message";
  /** Stable React key: the message id. */
  key: string;
  message: Message;
  fromBot: boolean;
  edited: boolean;
}

export interface ChatEvent {
  kind: "event";
  key: string;
  text: string;
}

export type ChatItem = ChatMessage | ChatEvent;

/** Messages of one album (same media_group_id, one after another), drawn as one bubble. */
export interface ChatAlbum {
  kind: "album";
  key: string;
  fromBot: boolean;
  messages: ChatMessage[];
}

export type ShownItem = ChatItem | ChatAlbum;

export interface ChatState {
  items: ChatItem[];
  /** The highest seq seen: the next read asks for what came after it. */
  lastSeq: number;
  /** The reply keyboard of the newest bot message that set one, until a remove_keyboard. */
  replyKeyboard?: ReplyKeyboardMarkup;
  /** The user sent something after a one_time_keyboard appeared: show it collapsed. */
  replyKeyboardUsed: boolean;
  /** input_field_placeholder of the keyboard or force_reply in force. */
  placeholder?: string;
  /** The latest sendChatAction ("typing", "upload_photo"), cleared by the next bot message. */
  action?: string;
}

export interface CallbackNotice {
  seq: number;
  text: string;
  alert: boolean;
}

export const emptyChat: ChatState = { items: [], lastSeq: 0, replyKeyboardUsed: false };

function messageKey(message: Message): string {
  return `m${message.message_id}`;
}

function eventText(entry: TranscriptEntry): string | undefined {
  switch (entry.event?.type) {
    case "blocked":
      return "You blocked the bot";
    case "unblocked":
      return "You unblocked the bot";
    case "pre_checkout_query":
      return "Payment: waiting for the bot to confirm…";
    case "pre_checkout_declined":
      return `Payment declined${entry.event.error_message ? `: ${entry.event.error_message}` : ""}`;
    case "pre_checkout_timeout":
      return "Payment failed: the bot did not confirm in time";
    case "bot-member":
      return "The bot is a member of the group";
    case "bot-administrator":
      return "The bot is an administrator of the group";
    case "bot-left":
    case "bot-kicked":
      return "The bot was removed from the group";
    default:
      return undefined;
  }
}

/**
 * Applies transcript entries (in seq order) to the chat. Returns the new state and the callback
 * answers among the entries, which the page shows as a toast or an alert.
 */
export function applyEntries(state: ChatState, entries: readonly TranscriptEntry[]): { state: ChatState; notices: CallbackNotice[] } {
  let items = state.items;
  let { lastSeq, replyKeyboard, replyKeyboardUsed, placeholder, action } = state;
  const notices: CallbackNotice[] = [];
  const replace = (message: Message, edited: boolean): void => {
    const key = messageKey(message);
    const index = items.findIndex((i) => i.key === key);
    if (index < 0) return;
    const old = items[index] as ChatMessage;
    items = [...items.slice(0, index), { ...old, message, edited: old.edited || edited }, ...items.slice(index + 1)];
  };
  for (const entry of entries) {
    if (entry.seq <= lastSeq) continue;
    lastSeq = entry.seq;
    switch (entry.direction) {
      case "from_user":
      case "from_bot": {
        const message = entry.message;
        if (message === undefined) break;
        const fromBot = entry.direction === "from_bot";
        const key = messageKey(message);
        if (items.some((i) => i.key === key)) replace(message, false);
        else items = [...items, { kind: "message", key, message, fromBot, edited: false }];
        if (fromBot) {
          action = undefined;
          const markup = entry.reply_markup;
          if (markup === undefined) {
            // No markup: the keyboard in force stays.
          } else if ("keyboard" in markup) {
            replyKeyboard = markup;
            replyKeyboardUsed = false;
            placeholder = markup.input_field_placeholder;
          } else if ("remove_keyboard" in markup) {
            replyKeyboard = undefined;
            replyKeyboardUsed = false;
            placeholder = undefined;
          } else if ("force_reply" in markup) {
            placeholder = (markup as ForceReply).input_field_placeholder ?? placeholder;
          }
        } else if (replyKeyboard?.one_time_keyboard === true) {
          replyKeyboardUsed = true;
        }
        break;
      }
      case "edit":
        if (entry.message !== undefined) replace(entry.message, true);
        break;
      case "delete":
        if (entry.message !== undefined) {
          const key = messageKey(entry.message);
          items = items.filter((i) => i.key !== key);
        }
        break;
      case "callback_answer": {
        const text = entry.callback_answer?.text;
        if (text !== undefined && text !== "") notices.push({ seq: entry.seq, text, alert: entry.callback_answer?.show_alert === true });
        break;
      }
      case "chat_action":
        action = entry.action;
        break;
      case "event": {
        const text = eventText(entry);
        if (text !== undefined) items = [...items, { kind: "event", key: `e${entry.seq}`, text }];
        break;
      }
    }
  }
  const next: ChatState = { items, lastSeq, replyKeyboardUsed };
  if (replyKeyboard !== undefined) next.replyKeyboard = replyKeyboard;
  if (placeholder !== undefined) next.placeholder = placeholder;
  if (action !== undefined) next.action = action;
  return { state: next, notices };
}

/** What pressing a reply keyboard button does in the Playground. */
export type ReplyButtonAction = { kind: "text"; text: string } | { kind: "contact" } | { kind: "unsupported"; text: string; reason: string };

export function replyButtonAction(button: KeyboardButton): ReplyButtonAction {
  if (typeof button === "string") return { kind: "text", text: button };
  if ("request_contact" in button && button.request_contact) return { kind: "contact" };
  // Any other request_* or web_app field makes it a special button the Playground does not simulate.
  const special = Object.entries(button).find(([k, v]) => (k.startsWith("request_") || k === "web_app") && v !== undefined && v !== false);
  if (special !== undefined) {
    const what = special[0] === "web_app" ? "web app buttons" : `${special[0].replace("request_", "")} requests`;
    return { kind: "unsupported", text: button.text, reason: `${what} are not simulated in the Playground` };
  }
  return { kind: "text", text: button.text };
}

export function buttonText(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

/** The chat's items with each album's messages folded into one ChatAlbum, as Telegram draws them. */
export function groupAlbums(items: readonly ChatItem[]): ShownItem[] {
  const shown: ShownItem[] = [];
  for (const item of items) {
    const group = item.kind === "message" ? item.message.media_group_id : undefined;
    const last = shown.at(-1);
    if (item.kind === "message" && group !== undefined) {
      if (last?.kind === "album" && last.messages[0]?.message.media_group_id === group) {
        last.messages.push(item);
        continue;
      }
      if (last?.kind === "message" && last.message.media_group_id === group) {
        shown[shown.length - 1] = { kind: "album", key: `a${group}`, fromBot: last.fromBot, messages: [last, item] };
        continue;
      }
    }
    shown.push(item);
  }
  return shown;
}

/**
 * What one forum topic shows: its messages (`topicId` undefined: the General topic, messages
 * without a thread) and the group's events, without the service message that created the topic,
 * which the topic's header stands for.
 */
export function itemsInTopic(items: readonly ChatItem[], topicId: number | undefined): ChatItem[] {
  return items.filter((item) => {
    if (item.kind === "event") return true;
    const message = item.message as Message & { forum_topic_created?: unknown };
    if (message.forum_topic_created !== undefined) return false;
    return message.message_thread_id === topicId;
  });
}

/** What a user may edit in a message they sent: its text, its caption, or nothing. */
export function editableField(message: Message): "text" | "caption" | undefined {
  if (message.text !== undefined) return "text";
  if (message.photo !== undefined || message.video !== undefined || message.document !== undefined || message.voice !== undefined) return "caption";
  return undefined;
}

/** The largest size of a photo (the last one, as Telegram orders them; by area to be safe). */
export function largestPhoto<T extends { width: number; height: number }>(sizes: readonly T[] | undefined): T | undefined {
  let best: T | undefined;
  for (const size of sizes ?? []) if (best === undefined || size.width * size.height >= best.width * best.height) best = size;
  return best;
}
