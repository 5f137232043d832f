/**
 * Message text + entities -> a tree of segments that the Playground renders as React elements
 * (never as HTML). Offsets and lengths are UTF-16 code units, which is what JavaScript string
 * indexes are, so slicing `text` by them is exact. Nested entities become nested nodes; an entity
 * that overlaps another one's end is split in two at that boundary, so every node is well nested.
 */
import type { MessageEntity } from "@grammyjs/types";

export type Segment = TextSegment | EntitySegment;

export interface TextSegment {
  kind: "text";
  text: string;
}

export interface EntitySegment {
  kind: "entity";
  entity: MessageEntity;
  /** The entity's own text (all its children's text joined). */
  text: string;
  children: Segment[];
}

interface Span {
  entity: MessageEntity;
  start: number;
  end: number;
  /** Position in the original list: keeps ties in the bot's order. */
  order: number;
}

function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || a.order - b.order;
}

export function toSegments(text: string, entities: readonly MessageEntity[] | undefined): Segment[] {
  const spans: Span[] = [];
  (entities ?? []).forEach((entity, order) => {
    const start = Math.max(0, Math.trunc(entity.offset));
    const end = Math.min(text.length, Math.trunc(entity.offset + entity.length));
    if (end > start) spans.push({ entity, start, end, order });
  });
  return build(text, 0, text.length, spans);
}

function build(text: string, from: number, to: number, spans: Span[]): Segment[] {
  const out: Segment[] = [];
  let pos = from;
  let rest = [...spans].sort(compareSpans);
  while (rest.length > 0) {
    const [outer, ...others] = rest as [Span, ...Span[]];
    if (outer.start > pos) out.push({ kind: "text", text: text.slice(pos, outer.start) });
    const inner: Span[] = [];
    const later: Span[] = [];
    for (const span of others) {
      if (span.start >= outer.end) later.push(span);
      else if (span.end <= outer.end) inner.push(span);
      else {
        // Overlaps the outer entity's end: the part inside nests, the rest comes after it.
        inner.push({ ...span, end: outer.end });
        later.push({ ...span, start: outer.end });
      }
    }
    out.push({
      kind: "entity",
      entity: outer.entity,
      text: text.slice(outer.start, outer.end),
      children: build(text, outer.start, outer.end, inner),
    });
    pos = outer.end;
    rest = later.sort(compareSpans);
  }
  if (pos < to) out.push({ kind: "text", text: text.slice(pos, to) });
  return out;
}

/** Only links a browser can follow safely: never `javascript:` or `data:`. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (/^(https?:|mailto:|tel:|tg:)/i.test(trimmed)) return trimmed;
  // Telegram accepts bare hosts in text_link and autolinks ("example.com/path").
  if (/^[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i.test(trimmed)) return `https://${trimmed}`;
  return undefined;
}

/** Where a segment links to, if anywhere (text_link, url, email, phone_number, mention). */
export function linkOf(segment: EntitySegment): string | undefined {
  const { entity } = segment;
  switch (entity.type) {
    case "text_link":
      return safeUrl(entity.url);
    case "url":
      return safeUrl(segment.text);
    case "email":
      return `mailto:${segment.text}`;
    case "phone_number":
      return `tel:${segment.text.replace(/[^\d+]/g, "")}`;
    case "mention":
      return `https://t.me/${segment.text.replace(/^@/, "")}`;
    default:
      return undefined;
  }
}

/** The plain text of a segment tree (what the user would copy). */
export function plainText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join("");
}
