/** Telegram's limit on a media message's caption. */
export const MAX_CAPTION_LENGTH = 1024;
/** Telegram's limit on a text message. */
export const MAX_TEXT_LENGTH = 4096;

/** What a message of a ticket holds: its text (or caption) and its file, if any. */
export interface TicketMessageContent<File> {
  text: string | null;
  file: File | null;
}

/** A message's text, trimmed; null when there is none. Refused when there is neither text nor a file. */
export function contentOf<File>(text: string | null | undefined, file: File | null): TicketMessageContent<File> | null {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "" && file === null) return null;
  return { text: trimmed === "" ? null : trimmed, file };
}

/** A text cut to fit `max` characters, with an ellipsis where it was cut. */
export function fitted(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
