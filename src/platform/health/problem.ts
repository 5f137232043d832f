/**
 * What can be unwell, one problem per part and subject: a bot's intake cannot store updates,
 * Telegram keeps refusing a bot's calls, backups fail, or a queue's jobs die.
 */
export type Problem =
  | { kind: "intake"; botId: string }
  | { kind: "telegram"; botId: string }
  | { kind: "backup" }
  | { kind: "dead-letter"; botId: string; queue: string };

export type ProblemKind = Problem["kind"];

/** Failures in a row before a streak becomes an incident (owners told). */
export const FAILURES_BEFORE_INCIDENT = 3;
/** ...or how long it may keep failing, whatever the count, before it does. */
export const FAILING_FOR_BEFORE_INCIDENT_MS = 60_000;

/** When a kind's streak of failures becomes an incident, and whether it stops the bot from serving. */
export interface ProblemPolicy {
  /** Failures in a row that open the incident. */
  failures: number;
  /** Milliseconds since the streak's first failure after which the next failure opens it. */
  persistsMs: number;
  /** An open incident of this kind makes /readyz say "not ready". */
  blocksServing: boolean;
}

const DEBOUNCED = { failures: FAILURES_BEFORE_INCIDENT, persistsMs: FAILING_FOR_BEFORE_INCIDENT_MS };
/** Reported only after the part's own retries are spent: the first report is the incident. */
const AT_ONCE = { failures: 1, persistsMs: 0 };

export const PROBLEM_POLICIES: Record<ProblemKind, ProblemPolicy> = {
  intake: { ...DEBOUNCED, blocksServing: true },
  telegram: { ...DEBOUNCED, blocksServing: false },
  backup: { ...AT_ONCE, blocksServing: false },
  "dead-letter": { ...AT_ONCE, blocksServing: false },
};

/** The problem's key, one unclosed incident per key: `telegram:salon`, `dead-letter:salon:notes.count-words`. */
export function problemKey(problem: Problem): string {
  switch (problem.kind) {
    case "backup":
      return "backup";
    case "dead-letter":
      return `dead-letter:${problem.botId}:${problem.queue}`;
    default:
      return `${problem.kind}:${problem.botId}`;
  }
}

/** The bot whose owners hear of it; undefined for the whole deployment. */
export function botOf(problem: Problem): string | undefined {
  return problem.kind === "backup" ? undefined : problem.botId;
}

/** Whether a streak with `failures` failures, the first at `firstFailedAt`, is an incident at `now`. */
export function persisted(policy: ProblemPolicy, failures: number, firstFailedAt: Date, now: Date): boolean {
  return failures >= policy.failures || now.getTime() - firstFailedAt.getTime() >= policy.persistsMs;
}
