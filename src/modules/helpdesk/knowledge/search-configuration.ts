/**
 * The PostgreSQL text search configuration for articles and questions in a bot language: the
 * Snowball stemmer where PostgreSQL (and PGlite) ship one for it, `simple` (lower-cased words,
 * no stemming, no stop words) otherwise. The migration's generated `search` column spells out
 * the same mapping; change both together.
 */
export function searchConfigurationOf(language: string): "english" | "russian" | "simple" {
  if (language === "en") return "english";
  if (language === "ru") return "russian";
  return "simple";
}
