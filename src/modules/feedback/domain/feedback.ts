import { escapeHtml } from "../../../platform/domain/html.ts";

/** The longest message a person may leave (Telegram captions allow 1024, so staff see it whole). */
export const MAX_FEEDBACK_LENGTH = 1000;

export interface FeedbackDraft {
  text: string;
  /** file_id of an attached photo. */
  photo: string | null;
}

/** Who wrote, as Telegram names them. */
export interface FeedbackAuthor {
  id: number;
  first_name: string;
  last_name?: string | null;
  username?: string | null;
}

export type DraftCheck = { ok: true; draft: FeedbackDraft } | { ok: false; error: "feedback-empty" | "feedback-too-long" };

/** Checks what a person wrote before it can be sent to staff. */
export function checkDraft(text: string | undefined, photo: string | null): DraftCheck {
  const trimmed = (text ?? "").trim();
  if (trimmed.length === 0 && photo === null) return { ok: false, error: "feedback-empty" };
  if (trimmed.length > MAX_FEEDBACK_LENGTH) return { ok: false, error: "feedback-too-long" };
  return { ok: true, draft: { text: trimmed, photo } };
}

/** Who wrote, as staff see it: name and @username when there is one. */
export function authorLine(author: FeedbackAuthor): string {
  const name = escapeHtml([author.first_name, author.last_name].filter(Boolean).join(" "));
  const handle = author.username ? ` @${author.username}` : "";
  return `<a href="tg://user?id=${author.id}">${name}</a>${handle}`;
}
