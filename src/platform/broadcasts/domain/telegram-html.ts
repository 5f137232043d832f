import type { Problem } from "./problem.ts";

/**
 * The tags of Telegram's HTML parse mode that a broadcast may use. Anything else makes Telegram
 * refuse the whole message, so a broadcast with it is refused before it is stored.
 */
export const TELEGRAM_TAGS: readonly string[] = [
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "blockquote",
];

/** What Telegram shows of the HTML: its text with tags removed and entities decoded. */
export interface ParsedHtml {
  plainText: string;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x") || body.startsWith("#X")) {
    const code = Number.parseInt(body.slice(2), 16);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  if (body.startsWith("#")) {
    const code = Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[body];
}

function hrefOf(attributes: string): string | undefined {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  const href = match?.[1] ?? match?.[2] ?? match?.[3];
  return href === undefined || href.trim() === "" ? undefined : href;
}

/**
 * Checks HTML against what Telegram accepts (the tags above, properly nested and closed, links
 * with an href, nothing inside `code`) and returns the text people will see, or the first problem.
 *
 * @example
 * parseTelegramHtml("<b>Sale</b> today") // { ok: true, value: { plainText: "Sale today" } }
 * parseTelegramHtml("<div>Sale</div>")   // { ok: false, problem: { code: "html-unsupported-tag", args: { tag: "div" } } }
 */
export function parseTelegramHtml(html: string): { ok: true; value: ParsedHtml } | { ok: false; problem: Problem } {
  let plainText = "";
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const char = html[i];
    if (char === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return { ok: false, problem: { code: "html-stray-bracket" } };
      const inside = html.slice(i + 1, end);
      const closing = /^\/\s*([a-zA-Z][a-zA-Z0-9-]*)\s*$/.exec(inside);
      if (closing !== null) {
        const tag = (closing[1] ?? "").toLowerCase();
        const expected = open.pop();
        if (expected === undefined) return { ok: false, problem: { code: "html-unexpected-end-tag", args: { tag } } };
        if (expected !== tag) return { ok: false, problem: { code: "html-mismatched-end-tag", args: { tag, expected } } };
        i = end + 1;
        continue;
      }
      const opening = /^([a-zA-Z][a-zA-Z0-9-]*)(\s[^]*)?$/.exec(inside);
      if (opening === null) return { ok: false, problem: { code: "html-stray-bracket" } };
      const tag = (opening[1] ?? "").toLowerCase();
      if (!TELEGRAM_TAGS.includes(tag)) return { ok: false, problem: { code: "html-unsupported-tag", args: { tag } } };
      const parent = open.at(-1);
      // Telegram allows nothing inside inline code, and only code inside pre.
      if (parent === "code" || (parent === "pre" && tag !== "code")) {
        return { ok: false, problem: { code: "html-nested-in-code", args: { tag } } };
      }
      if (tag === "a" && hrefOf(opening[2] ?? "") === undefined) return { ok: false, problem: { code: "html-link-without-href" } };
      open.push(tag);
      i = end + 1;
      continue;
    }
    if (char === "&") {
      const entity = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      const decoded = entity === null ? undefined : decodeEntity(entity[1] ?? "");
      if (entity !== null && decoded !== undefined) {
        plainText += decoded;
        i += entity[0].length;
        continue;
      }
    }
    plainText += char;
    i++;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) return { ok: false, problem: { code: "html-unclosed-tag", args: { tag: unclosed } } };
  return { ok: true, value: { plainText } };
}
