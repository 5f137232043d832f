import { FluentResource, type Message } from "@fluent/bundle";
import { overrideSource } from "../i18n/translator.ts";

// The parsed shapes, from the one AST type @fluent/bundle exports.
type Pattern = NonNullable<Message["value"]>;
type Expression = Exclude<Exclude<Pattern, string>[number], string>;
type Argument = Extract<Expression, { type: "func" }>["args"][number];

/**
 * Why an edited text cannot replace a catalogue text. `line` counts from 1. Each kind has a
 * catalogue text `texts-problem-<kind>` that tells the admin what to change.
 */
export type TextProblem =
  | { kind: "empty" }
  | { kind: "unclosed-placeable"; line: number }
  | { kind: "stray-brace"; line: number }
  | { kind: "special-line"; line: number; character: string }
  | { kind: "syntax" }
  | { kind: "unknown-variable"; name: string; known: string[] }
  | { kind: "reference"; name: string }
  | { kind: "unknown-function"; name: string }
  | { kind: "unknown-tag"; tag: string }
  | { kind: "unclosed-tag"; tag: string }
  | { kind: "unopened-tag"; tag: string }
  | { kind: "stray-bracket" }
  | { kind: "plain-text"; tag: string };

export type TextCheck =
  | { ok: true; text: string; /** Variables the default uses and this text leaves out (allowed, worth a warning). */ unused: string[] }
  | { ok: false; problem: TextProblem };

/** Functions Fluent itself provides; overrides are formatted in a bundle with nothing else. */
const BUILT_IN_FUNCTIONS = new Set(["NUMBER", "DATETIME"]);

/** The HTML Telegram's `parse_mode: "HTML"` understands; anything else makes Telegram refuse the message. */
const TELEGRAM_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);

/** Tidies what a textarea sends: Windows line ends, trailing spaces and blank lines at the end. */
export function normaliseText(text: string): string {
  return text
    .replaceAll("\r\n", "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trimEnd();
}

/** Placeable depth at the start of each line, and the first brace out of place (string literals skipped). */
function scanBraces(text: string): { depthAtLine: number[]; problem: TextProblem | undefined } {
  const depthAtLine = [0];
  let depth = 0;
  let openedOn = 1;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "\n") depthAtLine.push(depth);
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"' && depth > 0) inString = true;
    else if (char === "{") {
      if (depth === 0) openedOn = depthAtLine.length;
      depth++;
    } else if (char === "}") {
      if (depth === 0) return { depthAtLine, problem: { kind: "stray-brace", line: depthAtLine.length } };
      depth--;
    }
  }
  return { depthAtLine, problem: depth > 0 ? { kind: "unclosed-placeable", line: openedOn } : undefined };
}

/**
 * Fluent reads a further line starting with `.` as an attribute, and one starting with `[` or
 * `*` outside a placeable as a variant: the text would silently end before it.
 */
function specialLineProblem(text: string, depthAtLine: readonly number[]): TextProblem | undefined {
  for (const [index, line] of text.split("\n").entries()) {
    const start = line.trimStart()[0];
    if (index === 0 || start === undefined) continue;
    if (start === "." || ((start === "[" || start === "*") && depthAtLine[index] === 0)) return { kind: "special-line", line: index + 1, character: start };
  }
  return undefined;
}

interface References {
  variables: Set<string>;
  messages: Set<string>;
  functions: Set<string>;
  /** The lenient runtime parser lets `{ $x -> }` through as a selector without variants. */
  malformed: boolean;
}

function collect(pattern: Pattern, into: References): References {
  if (typeof pattern === "string") return into;
  const visit = (expression: Argument): void => {
    switch (expression.type) {
      case "var":
        into.variables.add(expression.name);
        break;
      case "mesg":
        into.messages.add(expression.name);
        break;
      case "term":
        into.messages.add(`-${expression.name}`);
        break;
      case "func":
        into.functions.add(expression.name);
        expression.args.forEach(visit);
        break;
      case "select":
        visit(expression.selector);
        if (!Array.isArray(expression.variants)) into.malformed = true;
        else for (const variant of expression.variants) collect(variant.value, into);
        break;
      default:
        break;
    }
  };
  for (const element of pattern) if (typeof element !== "string") visit(element);
  return into;
}

/** The references of a message value's source, or undefined when it does not parse as one message value. */
function referencesOf(text: string): References | undefined {
  const body = new FluentResource(overrideSource("text", text)).body;
  const message = body[0];
  if (body.length !== 1 || message === undefined || message.value === null || Object.keys(message.attributes).length > 0) return undefined;
  const references = collect(message.value, { variables: new Set(), messages: new Set(), functions: new Set(), malformed: false });
  return references.malformed ? undefined : references;
}

const TAG = /<(\/?)([a-zA-Z][\w-]*)\b[^<>]*>/g;

/**
 * Whether a catalogue text is sent as Telegram HTML. The bot sends every formatted default with
 * `parse_mode: "HTML"`; the others also go where nothing is parsed (replies, buttons, command
 * menus, callback answers), where a tag would show as typed.
 */
function isFormatted(defaultSource: string): boolean {
  return [...defaultSource.matchAll(TAG)].some(([, , name = ""]) => TELEGRAM_TAGS.has(name.toLowerCase()));
}

/** A text sent as it is: a tag Telegram would format is shown to people as typed. */
function plainTextProblem(text: string): TextProblem | undefined {
  for (const [, , name = ""] of text.matchAll(TAG)) {
    const tag = name.toLowerCase();
    if (TELEGRAM_TAGS.has(tag)) return { kind: "plain-text", tag };
  }
  return undefined;
}

/** Telegram HTML: only tags it knows, each closed in order, and no `<` that opens none (Telegram refuses the message). */
function tagProblem(text: string): TextProblem | undefined {
  if (text.replaceAll(TAG, "").includes("<")) return { kind: "stray-bracket" };
  const open: string[] = [];
  for (const match of text.matchAll(TAG)) {
    const [, closing, name = ""] = match;
    const tag = name.toLowerCase();
    if (!TELEGRAM_TAGS.has(tag)) return { kind: "unknown-tag", tag };
    if (closing === "") {
      open.push(tag);
      continue;
    }
    if (open.at(-1) !== tag) return open.includes(tag) ? { kind: "unclosed-tag", tag: open.at(-1) ?? tag } : { kind: "unopened-tag", tag };
    open.pop();
  }
  const unclosed = open.at(-1);
  return unclosed === undefined ? undefined : { kind: "unclosed-tag", tag: unclosed };
}

/**
 * Whether `text` can replace a catalogue text whose source is `defaultSource`: it must be a
 * Fluent message value, use only the variables the default is given (others would print as
 * `{$name}`), refer to no other message (overrides are formatted on their own), call only
 * Fluent's own functions, and send as it looks: tags only where the default is formatted (sent
 * as Telegram HTML), and there well formed. Pure: no I/O.
 *
 * @example
 * checkText("Hi { $name }!", "Hello, { $name }!") // { ok: true, text: "Hi { $name }!", unused: [] }
 */
export function checkText(text: string, defaultSource: string): TextCheck {
  const normalised = normaliseText(text);
  if (normalised.trim() === "") return { ok: false, problem: { kind: "empty" } };
  const braces = scanBraces(normalised);
  const problem = braces.problem ?? specialLineProblem(normalised, braces.depthAtLine);
  if (problem !== undefined) return { ok: false, problem };
  const references = referencesOf(normalised);
  if (references === undefined) return { ok: false, problem: { kind: "syntax" } };
  const known = referencesOf(defaultSource)?.variables ?? new Set<string>();
  for (const name of references.variables) {
    if (!known.has(name)) return { ok: false, problem: { kind: "unknown-variable", name, known: [...known] } };
  }
  for (const name of references.messages) return { ok: false, problem: { kind: "reference", name } };
  for (const name of references.functions) {
    if (!BUILT_IN_FUNCTIONS.has(name)) return { ok: false, problem: { kind: "unknown-function", name } };
  }
  const tags = isFormatted(defaultSource) ? tagProblem(normalised) : plainTextProblem(normalised);
  if (tags !== undefined) return { ok: false, problem: tags };
  return { ok: true, text: normalised, unused: [...known].filter((name) => !references.variables.has(name)) };
}
