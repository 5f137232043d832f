/**
 * The one shape of a decision: done (`ok: true` with what came of it) or refused with a reason
 * the caller turns into a message in the reader's language. A refusal changes nothing.
 *
 * @example
 * type SendOutcome = Outcome<{ id: number }, "empty" | "too-long">;
 * if (!outcome.ok) return ctx.reply(ctx.t(`feedback-${outcome.reason}`));
 */
export type Outcome<Done extends object, Reason extends string> = ({ ok: true } & Done) | Refusal<Reason>;

/** Why nothing was done; `details` carries what the message needs (a limit, the next free times). */
export type Refusal<Reason extends string, Details extends object = object> = { ok: false; reason: Reason } & Details;

/** Whether a command's result (of a type the caller does not know) is a refusal. */
export function isRefusal(value: unknown): value is Refusal<string> {
  return typeof value === "object" && value !== null && "ok" in value && value.ok === false && "reason" in value && typeof value.reason === "string";
}

/** A refusal for `reason`. */
export function refusal<Reason extends string>(reason: Reason): Refusal<Reason>;
export function refusal<Reason extends string, Details extends object>(reason: Reason, details: Details): Refusal<Reason, Details>;
export function refusal(reason: string, details: object = {}): Refusal<string> {
  return { ...details, ok: false, reason };
}
