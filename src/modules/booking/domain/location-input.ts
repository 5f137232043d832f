import { checkLocation, isUsableName, MAX_TEXT_LENGTH } from "./catalogue.ts";
import type { CatalogueProblem } from "./catalogue-refusal.ts";

/** What a location is: its name, street address (optional) and IANA time zone. */
export interface LocationInput {
  name: string;
  address: string | null;
  timeZone: string;
}

/** What an admin must fix before a location is saved; none when it can be. */
export function locationProblems(input: LocationInput): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  if (!isUsableName(input.name)) problems.push({ problem: "name-missing" });
  if (input.address !== null && input.address.length > MAX_TEXT_LENGTH) problems.push({ problem: "text-too-long" });
  const zone = checkLocation({ id: "", timeZone: input.timeZone });
  if (!zone.ok) problems.push(...zone.problems.map((problem) => ({ problem })));
  return problems;
}

/** The address as stored: trimmed, and null when left empty. */
export const addressOf = (address: string | null) => (address === null || address.trim() === "" ? null : address.trim());
