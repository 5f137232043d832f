import type { LocationProblem, ServiceProblem } from "./catalogue.ts";
import type { BookingRules, RulesProblem } from "./rules.ts";
import type { ScheduleProblem } from "./schedule.ts";

/**
 * One thing an admin must fix before a catalogue change is saved. `weekday` (1-7) names the day
 * whose hours are wrong, `rule` the rule whose value cannot be used.
 */
export type CatalogueProblem =
  | { problem: ServiceProblem | LocationProblem }
  | { problem: "interval-invalid" | "intervals-overlap" | "weekday-invalid"; weekday: number }
  | { problem: "rule-invalid"; rule: keyof BookingRules }
  | {
      problem:
        | "name-missing"
        | "text-too-long"
        | "telegram-invalid"
        | "telegram-taken"
        | "reminders-invalid"
        | "hold-invalid"
        | "location-unknown"
        | "location-inactive"
        | "location-has-masters"
        | "service-unknown"
        | "master-unknown";
    };

export type CatalogueProblemCode = CatalogueProblem["problem"];

/** A catalogue change that was refused: nothing was written, no audit row. */
export interface CatalogueRefusal {
  ok: false;
  problems: CatalogueProblem[];
}

/** Refuses with these problems (a refusal writes nothing, so no audit row). */
export function refusedFor(...problems: (CatalogueProblem | CatalogueProblemCode)[]): { result: CatalogueRefusal; audit: null } {
  return {
    result: { ok: false, problems: problems.map((problem) => (typeof problem === "string" ? ({ problem } as CatalogueProblem) : problem)) },
    audit: null,
  };
}

/** The problems of a domain check, as catalogue problems. */
export function scheduleProblems(problems: readonly ScheduleProblem[]): CatalogueProblem[] {
  return problems.map((problem) => {
    if (problem.problem === "weekday-invalid" || problem.problem === "interval-invalid" || problem.problem === "intervals-overlap") {
      return { problem: problem.problem, weekday: Number(problem.day) };
    }
    return { problem: "interval-invalid", weekday: 0 };
  });
}

export function rulesProblems(problems: readonly RulesProblem[]): CatalogueProblem[] {
  return problems.map((problem) => ({ problem: "rule-invalid", rule: problem.rule }));
}

/**
 * The catalogue text that names a problem (`booking-catalogue-<problem>`) with its arguments, for
 * the bot and the panel alike.
 */
export function problemMessage(problem: CatalogueProblem): { key: string; args: Record<string, string | number> } {
  const args: Record<string, string | number> = {};
  if ("weekday" in problem) args.weekday = problem.weekday;
  if ("rule" in problem) args.rule = problem.rule;
  return { key: `booking-catalogue-${problem.problem}`, args };
}
