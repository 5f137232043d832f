import type { Permission } from "../auth/permissions.ts";

/**
 * A status machine: the states a subject (a ticket, an order) can be in, and who may move it
 * from one to another. Pure: the caller says who is moving it (the system, the person the
 * subject belongs to, or someone holding some permissions) and gets the rule's answer.
 */

/** Who may take a transition: a permission's holders, the person the subject belongs to, or the app itself (a timer, a job). */
export type Mover = { permission: Permission } | "requester" | "system";

export interface Transition<State extends string> {
  from: readonly State[];
  to: State;
  by: readonly Mover[];
}

export interface Workflow<State extends string> {
  /** The kind of subject it moves, as the history names it (`ticket`). */
  subject: string;
  states: readonly State[];
  initial: State;
  transitions: readonly Transition<State>[];
}

/** Who is asking to move a subject: the facts the rules are checked against. */
export interface MoverFacts {
  system: boolean;
  /** The subject belongs to them (they opened the ticket, ordered the repair). */
  requester: boolean;
  /** Whether they hold a permission now. */
  holds(permission: Permission): boolean;
}

export type MoveCheck<State extends string> = { ok: true; to: State } | { ok: false; reason: "same-state" | "no-such-move" | "not-allowed" };

/** Defines a workflow, checking that every state it names is one of its states. */
export function defineWorkflow<const State extends string>(workflow: Workflow<State>): Workflow<State> {
  const known = new Set<string>(workflow.states);
  const named = [workflow.initial, ...workflow.transitions.flatMap((transition) => [transition.to, ...transition.from])];
  const unknown = named.find((state) => !known.has(state));
  if (unknown !== undefined) throw new Error(`workflow ${workflow.subject} names the unknown state ${unknown}`);
  return workflow;
}

/** Whether a mover fits one entry of a transition's `by`. */
function fits(mover: Mover, facts: MoverFacts): boolean {
  if (mover === "system") return facts.system;
  if (mover === "requester") return facts.requester;
  return facts.holds(mover.permission);
}

/**
 * Whether `facts` may move a subject from `from` to `to`: refused as the same state, as a move
 * the workflow does not have, or as a move this mover may not make.
 */
export function checkMove<State extends string>(workflow: Workflow<State>, from: State, to: State, facts: MoverFacts): MoveCheck<State> {
  if (from === to) return { ok: false, reason: "same-state" };
  const possible = workflow.transitions.filter((transition) => transition.to === to && transition.from.includes(from));
  if (possible.length === 0) return { ok: false, reason: "no-such-move" };
  return possible.some((transition) => transition.by.some((mover) => fits(mover, facts))) ? { ok: true, to } : { ok: false, reason: "not-allowed" };
}

/** The states a mover may move a subject to from `from` (for buttons and panel menus). */
export function movesFrom<State extends string>(workflow: Workflow<State>, from: State, facts: MoverFacts): State[] {
  return workflow.states.filter((to) => checkMove(workflow, from, to, facts).ok);
}

/** The permissions any transition names, so a caller can read which the mover holds before checking. */
export function permissionsNamed(workflow: Workflow<string>): Permission[] {
  return [...new Set(workflow.transitions.flatMap((transition) => transition.by.flatMap((mover) => (typeof mover === "object" ? [mover.permission] : []))))];
}
