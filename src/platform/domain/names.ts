/** Names as people read them: a person's from their parts, a thing's in the reader's language. */

/**
 * A person's name from the first and last name Telegram gives: the parts there are, trimmed and
 * joined by a space ("Anna Petrova", "Anna"); "" when there is neither.
 */
export function personName(first: string | null | undefined, last?: string | null): string {
  return [first, last]
    .map((part) => part?.trim() ?? "")
    .filter((part) => part !== "")
    .join(" ");
}

/**
 * A name kept per language (`{ en: "Haircut", ru: "Стрижка" }`) in the reader's `locale`: the
 * locale itself ("pt-BR"), then its language ("pt"), then each of `fallbacks` in order (the bot's
 * default language, say). An empty name counts as missing; undefined when none is there.
 */
export function nameIn(names: Readonly<Partial<Record<string, string>>>, locale: string, fallbacks: readonly string[] = []): string | undefined {
  const language = locale.split("-")[0] ?? locale;
  for (const candidate of [locale, language, ...fallbacks]) {
    const name = names[candidate];
    if (name !== undefined && name !== "") return name;
  }
  return undefined;
}
