/** A moment as people read it in the bot's time zone: "12 Mar 2025, 14:05". */
export function formatMoment(moment: Date | string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(moment));
}
