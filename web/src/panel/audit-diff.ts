/** One side of a changed field as the audit log shows it: its text, and the whole of it when that was cut short. */
export interface ShownValue {
  text: string;
  full?: string;
}

/** A field an audited change touched: its dotted path, and what it was and became (undefined: it was not there). */
export interface FieldChange {
  field: string;
  before?: ShownValue;
  after?: ShownValue;
}

/** Values longer than this are cut short on the page, the whole value a click away. */
export const SHOWN_LENGTH = 60;

type Leaves = Map<string, string>;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Nested objects become dotted paths; an array or a scalar is one value. A null counts as no
 * value, so a field that goes from null to absent (or back) is no change.
 */
function leavesOf(value: unknown, path: string, into: Leaves): Leaves {
  if (value === null || value === undefined) return into;
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) leavesOf(item, path === "" ? key : `${path}.${key}`, into);
  } else {
    into.set(path, textOf(value));
  }
  return into;
}

const isScalar = (value: unknown) => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** A string as it is; a list of plain values as "a, b"; anything else as JSON. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) return value.join(", ");
  return JSON.stringify(value);
}

function shown(text: string | undefined): ShownValue | undefined {
  if (text === undefined) return undefined;
  return text.length <= SHOWN_LENGTH ? { text } : { text: `${text.slice(0, SHOWN_LENGTH - 1)}…`, full: text };
}

/**
 * The fields an audit row's before and after differ in, in the order they first appear: one per
 * changed field, unchanged ones left out. A row with only an after (something created) lists
 * every field as added; one with only a before, as removed.
 */
export function auditDiff(before: unknown, after: unknown): FieldChange[] {
  const old = leavesOf(before, "", new Map());
  const next = leavesOf(after, "", new Map());
  const fields = [...new Set([...old.keys(), ...next.keys()])];
  return fields
    .filter((field) => old.get(field) !== next.get(field))
    .map((field) => {
      const change: FieldChange = { field };
      const was = shown(old.get(field));
      const is = shown(next.get(field));
      if (was !== undefined) change.before = was;
      if (is !== undefined) change.after = is;
      return change;
    });
}
