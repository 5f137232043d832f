/** The most of a question that is searched; the rest of a long message adds little but cost. */
export const QUESTION_SEARCH_CHARS = 500;

/**
 * A user's question as `websearch_to_tsquery` input, or null when it has no word to search for
 * (empty, punctuation, emoji). Its words are joined with `or`: a question says more than an
 * article's words ("Hi, I forgot my password, how do I reset it?"), so an article matches on any
 * of them and `ts_rank` puts the one sharing most first. Only words are kept, so nothing the
 * user types reads as websearch syntax (a quote, a leading minus, a literal "or").
 */
export function questionQuery(question: string): string | null {
  const words = question
    .slice(0, QUESTION_SEARCH_CHARS)
    .match(/[\p{L}\p{N}]+/gu)
    ?.filter((word) => word.toLowerCase() !== "or");
  if (words === undefined || words.length === 0) return null;
  return [...new Set(words.map((word) => word.toLowerCase()))].join(" or ");
}
