/** What access's handler tests share: the module's bot on PGlite, buttons read off calls and outbox rows. */
import type { Kysely } from "kysely";
import type { AccessTables } from "../../../../src/modules/access/tables.ts";
import type { PlatformTables } from "../../../../src/platform/db/schema.ts";
import type { ApiCall, BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds } from "../../../support/databases.ts";

// Only PGlite: the handlers' SQL goes through the commands, which their own medium tests run on both databases.
export const pglite = databaseKinds.filter((kind) => kind.name === "pglite");

/** The inline buttons of a call or an outbox row, as [text, callback data or url]. */
export const buttonsOf = (call: Pick<ApiCall, "payload"> | undefined): [string, string][] =>
  ((call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((button) => [button.text, button.callback_data ?? button.url ?? ""]);

/** The callback data of the button labelled `text`; throws when there is none. */
export function dataOf(call: Pick<ApiCall, "payload"> | undefined, text: string | RegExp): string {
  const found = buttonsOf(call).find(([label]) => (typeof text === "string" ? label === text : text.test(label)));
  if (found === undefined) throw new Error(`no button ${String(text)} in ${JSON.stringify(buttonsOf(call))}`);
  return found[1];
}

/** Each call as [method, its text]. */
export const said = (calls: ApiCall[]) => calls.map((call) => [call.method, call.payload.text]);

export const tablesOf = (harness: BotHarness) => harness.context.database.db as unknown as Kysely<PlatformTables & AccessTables>;
