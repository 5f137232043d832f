/**
 * Where a value holds text PostgreSQL cannot keep (U+0000 or a lone surrogate: `text` and `jsonb`
 * refuse both), as a field path ("" for the value itself); undefined when it holds none.
 */
export function unstorableTextAt(value: unknown, path: readonly (string | number)[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed() ? path.join(".") : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableTextAt(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The text with what PostgreSQL cannot keep replaced by U+FFFD, for logs and reasons stored alongside. */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", "\uFFFD");
}
