import type { BroadcastButton } from "../../db/schema.ts";
import type { Problem } from "./problem.ts";
import { parseTelegramHtml } from "./telegram-html.ts";

/** What an admin composed: the message every person in the audience gets. */
export interface BroadcastDraft {
  /** Telegram's HTML subset; the caption when there is a photo. */
  text: string;
  /** A Telegram file_id or an http(s) URL of the picture; null for a text message. */
  photo: string | null;
  /** Link buttons under the message, one per row. */
  buttons: BroadcastButton[];
}

/** Telegram's limits on what one message may carry. */
export const DRAFT_LIMITS = {
  /** Visible characters of a text message. */
  text: 4096,
  /** Visible characters of a photo's caption. */
  caption: 1024,
  buttons: 10,
  buttonText: 64,
  photo: 2048,
} as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A file_id as Telegram issues them: letters, digits, `-` and `_`. */
const FILE_ID = /^[A-Za-z0-9_-]{8,}$/;

/**
 * Checks a draft against what Telegram will accept: valid HTML of the allowed tags, a text of
 * 1-4096 visible characters (1-1024 as a caption), a photo given as a file_id or http(s) URL, and
 * at most 10 link buttons with http(s) URLs. Returns the first problem, or undefined.
 */
export function checkDraft(draft: BroadcastDraft): Problem | undefined {
  const parsed = parseTelegramHtml(draft.text);
  if (!parsed.ok) return parsed.problem;
  const visible = parsed.value.plainText.trim().length;
  const max = draft.photo === null ? DRAFT_LIMITS.text : DRAFT_LIMITS.caption;
  if (visible === 0) return { code: "text-empty" };
  if (parsed.value.plainText.length > max) {
    return { code: draft.photo === null ? "text-too-long" : "caption-too-long", args: { max, length: parsed.value.plainText.length } };
  }
  if (draft.photo !== null) {
    const photo = draft.photo.trim();
    if (photo.length > DRAFT_LIMITS.photo || !(isHttpUrl(photo) || FILE_ID.test(photo))) return { code: "photo-invalid" };
  }
  if (draft.buttons.length > DRAFT_LIMITS.buttons) return { code: "too-many-buttons", args: { max: DRAFT_LIMITS.buttons } };
  for (const [index, button] of draft.buttons.entries()) {
    const text = button.text.trim();
    if (text === "" || text.length > DRAFT_LIMITS.buttonText) {
      return { code: "button-text-invalid", args: { number: index + 1, max: DRAFT_LIMITS.buttonText } };
    }
    if (!isHttpUrl(button.url.trim())) return { code: "button-url-invalid", args: { number: index + 1 } };
  }
  return undefined;
}

/** The Bot API call that delivers a draft to one chat. */
export interface ComposedMessage {
  method: "sendMessage" | "sendPhoto";
  payload: Record<string, unknown>;
}

/** The sendMessage (or sendPhoto with a caption) that brings a checked draft to `chatId`. */
export function composeMessage(draft: BroadcastDraft, chatId: number): ComposedMessage {
  const markup =
    draft.buttons.length === 0
      ? {}
      : { reply_markup: { inline_keyboard: draft.buttons.map((button) => [{ text: button.text.trim(), url: button.url.trim() }]) } };
  if (draft.photo === null) {
    return { method: "sendMessage", payload: { chat_id: chatId, text: draft.text, parse_mode: "HTML", ...markup } };
  }
  return { method: "sendPhoto", payload: { chat_id: chatId, photo: draft.photo.trim(), caption: draft.text, parse_mode: "HTML", ...markup } };
}

/** How far in the past "now" may be given, for a panel whose clock runs a little behind. */
export const SEND_AT_GRACE_MS = 60_000;

/** A broadcast is sent now or later, never in the past. */
export function checkSendAt(sendAt: Date, now: Date): Problem | undefined {
  if (Number.isNaN(sendAt.getTime())) return { code: "send-at-invalid" };
  if (sendAt.getTime() < now.getTime() - SEND_AT_GRACE_MS) return { code: "send-at-past" };
  return undefined;
}
