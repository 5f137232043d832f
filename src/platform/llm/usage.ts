import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import type { ModelPrice } from "./llm-settings.ts";

export interface LlmCallUsage {
  botId: string;
  module: string;
  model: string;
  /** The bot's day, `2026-12-02`. */
  day: string;
  promptTokens: number;
  completionTokens: number;
}

/** Millionths of the price unit: a price per million tokens times tokens is exactly that. */
export function costMicros(price: ModelPrice | undefined, promptTokens: number, completionTokens: number): number {
  return price === undefined ? 0 : Math.round(promptTokens * price.prompt + completionTokens * price.completion);
}

/** Adds one call to its bot's, module's, model's and day's row. */
export async function recordUsage(db: Kysely<PlatformTables>, usage: LlmCallUsage, price: ModelPrice | undefined): Promise<void> {
  const cost = costMicros(price, usage.promptTokens, usage.completionTokens);
  await db
    .insertInto("llm_usage")
    .values({ bot_id: usage.botId, module: usage.module, model: usage.model, day: usage.day, calls: 1, prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, cost_micros: cost })
    .onConflict((conflict) =>
      conflict.columns(["bot_id", "module", "model", "day"]).doUpdateSet({
        calls: sql<number>`llm_usage.calls + 1`,
        prompt_tokens: sql<number>`llm_usage.prompt_tokens + ${usage.promptTokens}`,
        completion_tokens: sql<number>`llm_usage.completion_tokens + ${usage.completionTokens}`,
        cost_micros: sql<number>`llm_usage.cost_micros + ${cost}`,
      }),
    )
    .execute();
}
