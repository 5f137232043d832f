/**
 * parse_mode -> text + entities, as Telegram does it: HTML, MarkdownV2 and legacy Markdown.
 * Offsets and lengths are in UTF-16 code units (JavaScript string indices), like Telegram's.
 * Bad markup throws `Bad Request: can't parse entities: ...` with a UTF-8 byte offset.
 */
import type { MessageEntity } from "@grammyjs/types";
import { badRequest, type ApiError } from "./errors.ts";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type Entity = MessageEntity & { language?: string; url?: string; custom_emoji_id?: string };

function cantParse(what: string): ApiError {
  return badRequest(`can't parse entities: ${what}`);
}

function byteOffset(src: string, index: number): number {
  return Buffer.byteLength(src.slice(0, index), "utf8");
}

/** Applies a parse mode (or none) and then Telegram's normalisation (trim, drop empty entities, sort). */
export function formatText(text: string, parseMode: string | undefined, entities?: MessageEntity[]): FormattedText {
  let result: FormattedText;
  if (entities !== undefined && entities.length > 0) {
    result = { text, entities: entities.map((e) => ({ ...e })) };
  } else if (parseMode === undefined || parseMode === "") {
    result = { text, entities: [] };
  } else {
    switch (parseMode.toLowerCase()) {
      case "html":
        result = parseHtml(text);
        break;
      case "markdownv2":
        result = parseMarkdownV2(text);
        break;
      case "markdown":
        result = parseMarkdown(text);
        break;
      default:
        throw badRequest(`unsupported parse_mode`);
    }
  }
  return normalize(result);
}

/** Trims whitespace at both ends (moving entities with it), drops empty entities, sorts them. */
export function normalize({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const out: MessageEntity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(trimmed.length, e.offset + e.length - lead);
    if (end > start) out.push({ ...e, offset: start, length: end - start });
  }
  out.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: trimmed, entities: out };
}

// ---------------------------------------------------------------- HTML

const HTML_TAGS: Record<string, MessageEntity["type"] | "span" | "a" | "tg-emoji"> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "span",
  a: "a",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "tg-emoji",
};

const NAMED_HTML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0" };

interface OpenTag {
  name: string;
  start: number;
  attrs: Record<string, string>;
  language?: string;
}

export function parseHtml(src: string): FormattedText {
  let out = "";
  const stack: OpenTag[] = [];
  const entities: Entity[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "<") {
      const close = src.indexOf(">", i);
      if (src[i + 1] === "/") {
        if (close < 0) throw cantParse(`Unclosed end tag at byte offset ${byteOffset(src, i)}`);
        const name = src.slice(i + 2, close).trim().toLowerCase();
        const top = stack.pop();
        if (top === undefined) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(src, i)}`);
        if (name !== top.name && name !== "") {
          throw cantParse(
            `Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${top.name}>", found "</${name}>"`,
          );
        }
        closeTag(top, out.length, stack, entities);
        i = close + 1;
        continue;
      }
      const m = /^<([a-zA-Z0-9-]+)/.exec(src.slice(i));
      const name = m?.[1]?.toLowerCase();
      if (name === undefined || HTML_TAGS[name] === undefined) {
        const shown = name ?? src.slice(i + 1, close < 0 ? undefined : close).split(/\s/)[0] ?? "";
        throw cantParse(`Unsupported start tag "${shown}" at byte offset ${byteOffset(src, i)}`);
      }
      if (close < 0) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(src, i)}`);
      const attrs = parseAttributes(src.slice(i + 1 + name.length, close));
      if (name === "span" && attrs["class"] !== "tg-spoiler") {
        throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
      }
      stack.push({ name, start: out.length, attrs });
      i = close + 1;
      continue;
    }
    if (c === "&") {
      const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(src.slice(i, i + 12));
      if (m !== null) {
        const body = m[1] ?? "";
        let decoded: string | undefined;
        if (body.startsWith("#x")) decoded = String.fromCodePoint(parseInt(body.slice(2), 16));
        else if (body.startsWith("#")) decoded = String.fromCodePoint(parseInt(body.slice(1), 10));
        else decoded = NAMED_HTML_ENTITIES[body.toLowerCase()];
        if (decoded !== undefined) {
          out += decoded;
          i += m[0].length;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) throw cantParse(`Can't find end tag corresponding to start tag "${open.name}"`);
  return { text: out, entities };
}

function parseAttributes(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of s.matchAll(re)) {
    const key = (m[1] ?? "").toLowerCase();
    attrs[key] = decodeAttr(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

function decodeAttr(v: string): string {
  return v.replace(/&(lt|gt|amp|quot);/g, (_, n: string) => NAMED_HTML_ENTITIES[n] ?? "");
}

function closeTag(tag: OpenTag, end: number, stack: OpenTag[], entities: Entity[]): void {
  const kind = HTML_TAGS[tag.name];
  const offset = tag.start;
  const length = end - tag.start;
  switch (kind) {
    case "span":
      entities.push({ type: "spoiler", offset, length });
      return;
    case "a": {
      const href = tag.attrs["href"];
      if (href === undefined || href === "") return;
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention !== null) {
        entities.push({ type: "text_mention", offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: "" } });
      } else {
        entities.push({ type: "text_link", offset, length, url: href });
      }
      return;
    }
    case "tg-emoji":
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: tag.attrs["emoji-id"] ?? "" });
      return;
    case "code": {
      const parent = stack[stack.length - 1];
      if (parent?.name === "pre") {
        const lang = /^language-(.+)$/.exec(tag.attrs["class"] ?? "");
        if (lang !== null) parent.language = lang[1];
        return;
      }
      entities.push({ type: "code", offset, length });
      return;
    }
    case "pre":
      entities.push(
        tag.language !== undefined ? { type: "pre", offset, length, language: tag.language } : { type: "pre", offset, length },
      );
      return;
    case "blockquote":
      entities.push({ type: "expandable" in tag.attrs ? "expandable_blockquote" : "blockquote", offset, length });
      return;
    case undefined:
      return;
    default:
      entities.push({ type: kind, offset, length } as Entity);
  }
}

// ---------------------------------------------------------------- MarkdownV2

const RESERVED_V2 = "_*[]()~`>#+-=|{}.!";

const V2_NAMES: Record<string, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
  emoji: "CustomEmoji",
};

interface OpenV2 {
  type: "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "link" | "emoji";
  start: number;
  srcIndex: number;
}

export function parseMarkdownV2(src: string): FormattedText {
  let out = "";
  const entities: Entity[] = [];
  const stack: OpenV2[] = [];
  let quote: { start: number; expandable: boolean } | undefined;
  let i = 0;
  const toggle = (type: OpenV2["type"], width: number): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined && top.type === type) {
      stack.pop();
      entities.push({ type, offset: top.start, length: out.length - top.start } as Entity);
    } else {
      stack.push({ type, start: out.length, srcIndex: i });
    }
    i += width;
  };
  const endQuote = (): void => {
    if (quote === undefined) return;
    entities.push({ type: quote.expandable ? "expandable_blockquote" : "blockquote", offset: quote.start, length: out.length - quote.start });
    quote = undefined;
  };
  while (i < src.length) {
    const c = src[i] ?? "";
    const atLineStart = i === 0 || src[i - 1] === "\n";
    if (atLineStart) {
      if (src.startsWith("**>", i)) {
        endQuote();
        quote = { start: out.length, expandable: true };
        i += 3;
        continue;
      }
      if (c === ">") {
        if (quote === undefined) quote = { start: out.length, expandable: false };
        i += 1;
        continue;
      }
      if (quote !== undefined) {
        // The previous line was the quote's last: the entity ends before its newline.
        out = out.slice(0, -1);
        endQuote();
        out += "\n";
      }
    }
    if (c === "\\") {
      const next = src[i + 1];
      if (next !== undefined && next.charCodeAt(0) >= 1 && next.charCodeAt(0) <= 126) {
        out += next;
        i += 2;
        continue;
      }
      throw cantParse(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
    }
    if (c === "`") {
      const isPre = src.startsWith("```", i);
      const open = isPre ? 3 : 1;
      let j = i + open;
      let content = "";
      let closed = false;
      while (j < src.length) {
        const d = src[j];
        if (d === "\\" && (src[j + 1] === "`" || src[j + 1] === "\\")) {
          content += src[j + 1];
          j += 2;
          continue;
        }
        if (isPre ? src.startsWith("```", j) : d === "`") {
          closed = true;
          break;
        }
        content += d;
        j++;
      }
      if (!closed) throw cantParse(`Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${byteOffset(src, i)}`);
      if (isPre) {
        let language: string | undefined;
        const nl = content.indexOf("\n");
        if (nl >= 0) {
          const first = content.slice(0, nl);
          if (first === "" || /^\S+$/.test(first)) {
            if (first !== "") language = first;
            content = content.slice(nl + 1);
          }
        }
        entities.push(
          language !== undefined
            ? { type: "pre", offset: out.length, length: content.length, language }
            : { type: "pre", offset: out.length, length: content.length },
        );
      } else {
        entities.push({ type: "code", offset: out.length, length: content.length });
      }
      out += content;
      i = j + open;
      continue;
    }
    if (c === "*") {
      toggle("bold", 1);
      continue;
    }
    if (c === "_") {
      if (src[i + 1] === "_") toggle("underline", 2);
      else toggle("italic", 1);
      continue;
    }
    if (c === "~") {
      toggle("strikethrough", 1);
      continue;
    }
    if (c === "|" && src[i + 1] === "|") {
      if (quote?.expandable === true && (i + 2 === src.length || src[i + 2] === "\n") && stack[stack.length - 1]?.type !== "spoiler") {
        i += 2;
        continue;
      }
      toggle("spoiler", 2);
      continue;
    }
    if (c === "[" || (c === "!" && src[i + 1] === "[")) {
      const width = c === "[" ? 1 : 2;
      stack.push({ type: width === 1 ? "link" : "emoji", start: out.length, srcIndex: i });
      i += width;
      continue;
    }
    if (c === "]") {
      const top = stack[stack.length - 1];
      if (top !== undefined && (top.type === "link" || top.type === "emoji")) {
        if (src[i + 1] !== "(") throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(src, i + 1)}`);
        let j = i + 2;
        let url = "";
        while (j < src.length && src[j] !== ")") {
          if (src[j] === "\\" && j + 1 < src.length) {
            url += src[j + 1];
            j += 2;
            continue;
          }
          url += src[j];
          j++;
        }
        if (j >= src.length) throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(src, i + 1)}`);
        stack.pop();
        const offset = top.start;
        const length = out.length - top.start;
        if (top.type === "emoji") {
          const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url);
          if (id === null) throw cantParse(`Custom emoji URL must have scheme tg://emoji`);
          entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: id[1] ?? "" });
        } else {
          const mention = /^tg:\/\/user\?id=(\d+)$/.exec(url);
          if (mention !== null) {
            entities.push({ type: "text_mention", offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: "" } });
          } else if (url !== "") {
            entities.push({ type: "text_link", offset, length, url });
          }
        }
        i = j + 1;
        continue;
      }
    }
    if (RESERVED_V2.includes(c)) {
      throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    }
    out += c;
    i++;
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) {
    throw cantParse(`Can't find end of ${V2_NAMES[open.type] ?? open.type} entity at byte offset ${byteOffset(src, open.srcIndex)}`);
  }
  endQuote();
  return { text: out, entities };
}

// ---------------------------------------------------------------- legacy Markdown

export function parseMarkdown(src: string): FormattedText {
  let out = "";
  const entities: Entity[] = [];
  let i = 0;
  const missingEnd = (at: number): ApiError => cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(src, at)}`);
  while (i < src.length) {
    const c = src[i] ?? "";
    if (c === "\\" && "_*`[".includes(src[i + 1] ?? "x")) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    if (c === "*" || c === "_") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw missingEnd(i);
      const content = src.slice(i + 1, end);
      entities.push({ type: c === "*" ? "bold" : "italic", offset: out.length, length: content.length });
      out += content;
      i = end + 1;
      continue;
    }
    if (c === "`") {
      if (src.startsWith("```", i)) {
        const end = src.indexOf("```", i + 3);
        if (end < 0) throw missingEnd(i);
        let content = src.slice(i + 3, end);
        let language: string | undefined;
        const nl = content.indexOf("\n");
        if (nl >= 0 && /^\S*$/.test(content.slice(0, nl))) {
          if (nl > 0) language = content.slice(0, nl);
          content = content.slice(nl + 1);
        }
        entities.push(
          language !== undefined
            ? { type: "pre", offset: out.length, length: content.length, language }
            : { type: "pre", offset: out.length, length: content.length },
        );
        out += content;
        i = end + 3;
        continue;
      }
      const end = src.indexOf("`", i + 1);
      if (end < 0) throw missingEnd(i);
      const content = src.slice(i + 1, end);
      entities.push({ type: "code", offset: out.length, length: content.length });
      out += content;
      i = end + 1;
      continue;
    }
    if (c === "[") {
      const close = src.indexOf("]", i + 1);
      if (close < 0 || src[close + 1] !== "(") throw missingEnd(i);
      const urlEnd = src.indexOf(")", close + 2);
      if (urlEnd < 0) throw missingEnd(i);
      const content = src.slice(i + 1, close);
      const url = src.slice(close + 2, urlEnd);
      if (url !== "") entities.push({ type: "text_link", offset: out.length, length: content.length, url });
      out += content;
      i = urlEnd + 1;
      continue;
    }
    out += c;
    i++;
  }
  return { text: out, entities };
}

// ---------------------------------------------------------------- entities in what users type

/** The entities Telegram detects in a user's plain text: bot commands, mentions, hashtags, URLs. */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const patterns: [RegExp, MessageEntity["type"]][] = [
    [/(?<![\w/])\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,})?/g, "bot_command"],
    [/(?<![\w@])@[a-zA-Z0-9_]{4,32}/g, "mention"],
    [/(?<![\w#])#[\p{L}\p{N}_]+/gu, "hashtag"],
    [/\bhttps?:\/\/[^\s]+/g, "url"],
  ];
  for (const [re, type] of patterns) {
    for (const m of text.matchAll(re)) {
      found.push({ type, offset: m.index, length: m[0].length } as MessageEntity);
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  return found;
}
