import type { Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

/** Where a person is in a multi-step flow. Kept in the database, so a restart resumes it. */
export interface FlowState {
  name: string;
  step: string;
  data: Record<string, unknown>;
  /** Rises with every flow started in this chat; buttons carry it to be recognised as stale. */
  instance: number;
}

export interface FlowKey {
  botId: string;
  chatId: number;
  userId: number;
}

type Trx = Transaction<PlatformTables>;

export async function currentFlow(trx: Trx, key: FlowKey): Promise<FlowState | undefined> {
  const row = await trx
    .selectFrom("flow")
    .selectAll()
    .where("bot_id", "=", key.botId)
    .where("chat_id", "=", key.chatId)
    .where("user_id", "=", key.userId)
    .executeTakeFirst();
  if (row?.name == null || row.step == null) return undefined;
  return { name: row.name, step: row.step, data: row.data, instance: row.instance };
}

/** Starts a flow, replacing any other one of this person in this chat (whose buttons go stale). */
export async function startFlow(trx: Trx, key: FlowKey, name: string, step: string, data: Record<string, unknown> = {}): Promise<FlowState> {
  const row = await trx
    .insertInto("flow")
    .values({ bot_id: key.botId, chat_id: key.chatId, user_id: key.userId, name, step, data: JSON.stringify(data), instance: 1 })
    .onConflict((conflict) =>
      conflict.columns(["bot_id", "chat_id", "user_id"]).doUpdateSet((eb) => ({
        name,
        step,
        data: JSON.stringify(data),
        instance: eb("flow.instance", "+", 1),
        updated_at: new Date(),
      })),
    )
    .returning("instance")
    .executeTakeFirstOrThrow();
  return { name, step, data, instance: row.instance };
}

/** Moves the current flow to another step, merging `data`. */
export async function advanceFlow(trx: Trx, key: FlowKey, flow: FlowState, step: string, data: Record<string, unknown> = {}): Promise<FlowState> {
  const merged = { ...flow.data, ...data };
  await trx
    .updateTable("flow")
    .set({ step, data: JSON.stringify(merged), updated_at: new Date() })
    .where("bot_id", "=", key.botId)
    .where("chat_id", "=", key.chatId)
    .where("user_id", "=", key.userId)
    .where("instance", "=", flow.instance)
    .execute();
  return { ...flow, step, data: merged };
}

/** Ends the current flow (done or cancelled); its buttons answer "expired" from now on. */
export async function endFlow(trx: Trx, key: FlowKey): Promise<boolean> {
  const result = await trx
    .updateTable("flow")
    .set({ name: null, step: null, data: "{}", updated_at: new Date() })
    .where("bot_id", "=", key.botId)
    .where("chat_id", "=", key.chatId)
    .where("user_id", "=", key.userId)
    .where("name", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Callback data of a button that belongs to a flow: `f<instance>:<action>`. The platform answers
 * "expired" to a press whose instance is not the person's current flow.
 */
export function flowButton(flow: FlowState, action: string): string {
  return `f${flow.instance}:${action}`;
}

export function parseFlowButton(data: string): { instance: number; action: string } | undefined {
  const match = /^f(\d+):(.+)$/.exec(data);
  return match === null ? undefined : { instance: Number(match[1]), action: match[2] ?? "" };
}

/** The flow key of this update: the sender in this chat (their private chat when there is no chat). */
export function flowKeyOf(ctx: { botId: string; chat?: { id: number } | undefined; from?: { id: number } | undefined }): FlowKey {
  const userId = ctx.from?.id ?? 0;
  return { botId: ctx.botId, chatId: ctx.chat?.id ?? userId, userId };
}
