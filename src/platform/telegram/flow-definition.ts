import type { Transaction } from "kysely";
import type { z } from "zod";
import type { PlatformTables } from "../db/schema.ts";
import { advanceFlow, endFlow, startFlow, type FlowKey, type FlowState } from "./flows.ts";

/** A flow's state with its step and draft typed by its definition. */
export interface TypedFlow<Step extends string, Draft> {
  name: string;
  step: Step;
  data: Draft;
  instance: number;
}

/**
 * A multi-step flow of a module: its name, its steps, and the schema of the draft it gathers.
 * The draft is checked on the way in (a step that writes a wrong draft is a bug and throws) and
 * on the way out (a flow saved by an older version that no longer fits is no flow at all).
 */
export interface FlowDefinition<Step extends string, Draft extends object> {
  readonly name: string;
  /** The sender's flow if it is this one (at one of `steps`, when given), typed; otherwise undefined. */
  of(ctx: { flow: FlowState | undefined }, ...steps: Step[]): TypedFlow<Step, Draft> | undefined;
  /** Starts this flow at `step`, replacing whatever flow the person was in (its buttons go stale). */
  start(trx: Transaction<PlatformTables>, key: FlowKey, step: Step, draft: Draft): Promise<TypedFlow<Step, Draft>>;
  /** Moves to `step`, merging `patch` into the draft. */
  advance(trx: Transaction<PlatformTables>, key: FlowKey, flow: TypedFlow<Step, Draft>, step: Step, patch?: Partial<Draft>): Promise<TypedFlow<Step, Draft>>;
  /** Ends the person's flow; its buttons answer "expired" from now on. */
  end(trx: Transaction<PlatformTables>, key: FlowKey): Promise<boolean>;
}

/**
 * @example
 * const feedbackFlow = defineFlow("feedback", ["write", "confirm"], z.object({ text: z.string().optional() }));
 * const flow = feedbackFlow.of(ctx, "confirm"); // TypedFlow<"write" | "confirm", { text?: string }> | undefined
 */
export function defineFlow<const Step extends string, Schema extends z.ZodType<object>>(
  name: string,
  steps: readonly Step[],
  draft: Schema,
): FlowDefinition<Step, z.infer<Schema>> {
  type Draft = z.infer<Schema>;
  const isStep = (step: string): step is Step => (steps as readonly string[]).includes(step);
  const typed = (flow: FlowState): TypedFlow<Step, Draft> | undefined => {
    const data = draft.safeParse(flow.data);
    return data.success && isStep(flow.step) ? { ...flow, step: flow.step, data: data.data } : undefined;
  };
  const written = (flow: FlowState): TypedFlow<Step, Draft> => {
    const checked = typed(flow);
    if (checked === undefined) throw new Error(`flow ${name}: step "${flow.step}" with a draft its schema refuses: ${JSON.stringify(flow.data)}`);
    return checked;
  };
  return {
    name,
    of(ctx, ...at) {
      const flow = ctx.flow;
      if (flow?.name !== name) return undefined;
      const found = typed(flow);
      return found !== undefined && (at.length === 0 || at.includes(found.step)) ? found : undefined;
    },
    async start(trx, key, step, data) {
      written({ name, step, data: data as Record<string, unknown>, instance: 0 });
      return written(await startFlow(trx, key, name, step, data as Record<string, unknown>));
    },
    async advance(trx, key, flow, step, patch = {}) {
      written({ ...flow, step, data: { ...flow.data, ...patch } });
      return written(await advanceFlow(trx, key, { ...flow, data: flow.data as Record<string, unknown> }, step, patch));
    },
    end: (trx, key) => endFlow(trx, key),
  };
}
