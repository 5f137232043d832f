/** The most distinct words of a question that are searched; the rest of a long message adds little but cost. */
export const QUESTION_SEARCH_WORDS = 30;

/**
 * A user's question as `websearch_to_tsquery` input, or null when it has no word to search for
 * (empty, punctuation, emoji). Its words are joined with `or`: a question says more than an
 * article's words ("Hi, I forgot my password, how do I reset it?"), so an article matches on any
 * of them and `ts_rank` puts the one sharing most first. Only words are kept, so nothing the
 * user types reads as websearch syntax (a quote, a leading minus, a literal "or").
 */
export function questionQuery(question: string): string | null {
  const words = (question.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.toLowerCase()).filter((word) => word !== "or");
  if (words.length === 0) return null;
  return [...new Set(words)].slice(0, QUESTION_SEARCH_WORDS).join(" or ");
}
