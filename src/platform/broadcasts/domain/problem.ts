/**
 * Why a broadcast was refused, in words a person can act on. `code` names the catalogue text
 * `broadcasts-problem-<code>`; `args` fill it in.
 */
export interface Problem {
  code: string;
  args?: Record<string, string | number>;
}

/** The catalogue key that explains a problem to a person. */
export function problemKey(problem: Problem): string {
  return `broadcasts-problem-${problem.code}`;
}
