import type { Problem } from "./problem.ts";

/** What a segment asks for, as modules declare it (see AudienceSegment in platform/module.ts). */
export interface SegmentParameter {
  name: string;
  label: string;
  kind: "role" | "number" | "text" | "choice";
}

/**
 * Checks an audience choice: a segment the bot offers and a value of the right kind for each of
 * its parameters (a role the bot knows, a number, a non-empty text, one of a choice's option
 * values, given in `choices` by parameter name). Returns the parameters cleaned of anything the
 * segment does not ask for, or the problem.
 */
export function checkAudienceChoice(
  offered: Readonly<Record<string, { params?: readonly SegmentParameter[] }>>,
  segment: string,
  params: Readonly<Record<string, unknown>>,
  roleNames: readonly string[],
  choices: Readonly<Record<string, readonly string[]>> = {},
): { ok: true; params: Record<string, string | number> } | { ok: false; problem: Problem } {
  const declared = Object.hasOwn(offered, segment) ? offered[segment] : undefined;
  if (declared === undefined) return { ok: false, problem: { code: "segment-unknown", args: { segment } } };
  const clean: Record<string, string | number> = {};
  for (const parameter of declared.params ?? []) {
    const value = params[parameter.name];
    const missing = { ok: false as const, problem: { code: `segment-${parameter.kind}-invalid`, args: { name: parameter.name } } };
    if (parameter.kind === "number") {
      const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof number !== "number" || !Number.isFinite(number)) return missing;
      clean[parameter.name] = number;
    } else {
      if (typeof value !== "string" || value.trim() === "") return missing;
      if (parameter.kind === "role" && !roleNames.includes(value)) return missing;
      if (parameter.kind === "choice" && !(choices[parameter.name] ?? []).includes(value.trim())) return missing;
      clean[parameter.name] = value.trim();
    }
  }
  return { ok: true, params: clean };
}
