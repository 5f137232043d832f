/**
 * Whether a staff message in a thread is an internal note: it starts with the bot's note marker
 * (case aside), followed by the end or a space, so "#notes" or "#noteworthy" stay messages.
 * Returns the note's text without the marker, or null for a message to route.
 */
export function noteText(text: string, marker: string): string | null {
  const trimmed = text.trimStart();
  if (marker === "" || trimmed.length < marker.length) return null;
  if (trimmed.slice(0, marker.length).toLowerCase() !== marker.toLowerCase()) return null;
  const rest = trimmed.slice(marker.length);
  if (rest !== "" && !/^\s/.test(rest)) return null;
  return rest.trim();
}
