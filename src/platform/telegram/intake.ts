import type { Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { storableText } from "../domain/storable-text.ts";
import type { Logger } from "../log.ts";
import { chatKeyOf } from "./chat-key.ts";
import { QUARANTINE_CHAT_KEY, storeUpdates, type InboxEntry } from "./inbox.ts";
import { checkUpdate, updateIdSchema } from "./update-shape.ts";

export interface IntakeResult {
  /** In the inbox to be handled (a redelivery was already there). */
  stored: number;
  /** Written as failed, never to be handled: malformed, or refused by the database. */
  quarantined: number;
  /** Without an update id, so not even quarantined: only logged. */
  dropped: number;
  /** The chats the stored updates are in. */
  chatKeys: string[];
}

/**
 * Takes updates as Telegram delivered them into the inbox. A well-formed update is stored to be
 * handled; a malformed one is quarantined (kept, finished as failed, never handled) with a log
 * line; one the database refuses is quarantined on its own while the rest of the batch goes in.
 * Throws only when the inbox cannot be written at all: the caller must not acknowledge then.
 */
export async function takeIn(db: Kysely<PlatformTables>, botId: string, updates: readonly unknown[], logger: Logger): Promise<IntakeResult> {
  const log = logger.child({ bot: botId });
  const result: IntakeResult = { stored: 0, quarantined: 0, dropped: 0, chatKeys: [] };
  const entries: InboxEntry[] = [];
  for (const raw of updates) {
    const entry = entryOf(raw);
    if (entry === undefined) {
      result.dropped++;
      log.warn("an update without a usable update_id was dropped");
      continue;
    }
    if (entry.quarantined !== undefined) log.warn({ update_id: entry.update_id, problem: entry.quarantined }, "malformed update quarantined");
    entries.push(entry);
  }
  try {
    await storeUpdates(db, botId, entries);
  } catch {
    // Somewhere in the batch is an update the database refuses (or the database is down):
    // one at a time, so the others go in and a refused one is quarantined alone.
    for (const entry of entries) await storeAlone(db, botId, entry, log);
  }
  for (const entry of entries) {
    if (entry.quarantined === undefined) {
      result.stored++;
      result.chatKeys.push(entry.chat_key);
    } else result.quarantined++;
  }
  return result;
}

/** The inbox entry of an update as delivered; undefined when it has no usable id. */
function entryOf(raw: unknown): InboxEntry | undefined {
  const check = checkUpdate(raw);
  const updateId = updateIdSchema.safeParse((raw as { update_id?: unknown } | null)?.update_id);
  if (!updateId.success) return undefined;
  const stub = JSON.stringify({ update_id: updateId.data });
  let payload: string;
  try {
    payload = JSON.stringify(raw);
  } catch {
    // Nested too deep for JSON.stringify: nothing a handler could use either.
    return { update_id: updateId.data, chat_key: QUARANTINE_CHAT_KEY, payload: stub, quarantined: "malformed update: nested too deep" };
  }
  if (!check.ok) return { update_id: updateId.data, chat_key: QUARANTINE_CHAT_KEY, payload, quarantined: `malformed update: ${check.problem}` };
  return { update_id: updateId.data, chat_key: chatKeyOf(check.update), payload };
}

async function storeAlone(db: Kysely<PlatformTables>, botId: string, entry: InboxEntry, log: Logger): Promise<void> {
  try {
    await storeUpdates(db, botId, [entry]);
    return;
  } catch (error) {
    if (!refusesData(error)) throw error;
    const reason = `refused by the database: ${storableText(error instanceof Error ? error.message : String(error))}`;
    log.error({ err: error, update_id: entry.update_id }, "the inbox refused an update; quarantined");
    entry.quarantined = reason;
    entry.chat_key = QUARANTINE_CHAT_KEY;
  }
  // What is kept of it is its id and why, which the database takes whatever the update held.
  entry.payload = JSON.stringify({ update_id: entry.update_id });
  await storeUpdates(db, botId, [entry]);
}

/** A refusal of the row's data (SQLSTATE classes 22 data exception, 23 constraint, 54 limits), not of the database. */
function refusesData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23|54)/.test(code);
}
