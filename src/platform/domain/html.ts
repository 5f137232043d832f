/**
 * Text for Telegram's HTML parse mode or an HTML page: people's words must not be read as markup.
 * The quote is escaped too, so the same text is safe inside an attribute value (Telegram reads
 * `&quot;` as well).
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
