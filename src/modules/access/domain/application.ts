/** The longest name and comment an application keeps (they are shown on every admin's card). */
export const MAX_NAME_LENGTH = 100;
export const MAX_COMMENT_LENGTH = 500;

export type TextCheck = { ok: true; value: string } | { ok: false; error: "access-name-invalid" | "access-comment-too-long" };

/** A person's name as they typed it: trimmed, 2 to 100 characters, not a command. */
export function checkName(text: string): TextCheck {
  const value = text.trim().replace(/\s+/g, " ");
  if (value.length < 2 || value.length > MAX_NAME_LENGTH || value.startsWith("/")) return { ok: false, error: "access-name-invalid" };
  return { ok: true, value };
}

export function checkComment(text: string): TextCheck {
  const value = text.trim();
  if (value.length > MAX_COMMENT_LENGTH) return { ok: false, error: "access-comment-too-long" };
  return { ok: true, value };
}
