/** What access's handler tests share: the module's bot on PGlite (`accessBot`), buttons read off calls and outbox rows. */
import { before } from "node:test";
import type { Kysely } from "kysely";
import { accessModule } from "../../../../src/modules/access/module.ts";
import type { AccessTables } from "../../../../src/modules/access/tables.ts";
import type { PlatformTables } from "../../../../src/platform/db/schema.ts";
import { botHarness, type ApiCall, type BotHarness, type HarnessPerson, type HarnessUser } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

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

/** Access's bot in a suite (a describe): `harness` and `db()` inside tests and hooks, `user(id)` anywhere. */
export interface AccessBot {
  readonly harness: BotHarness;
  db(): Kysely<PlatformTables & AccessTables>;
  /** One of the suite's people in their private chat with the bot (the same one each time). */
  user(id: number): HarnessUser;
}

/**
 * Inside a describe: the access module's bot over a migrated database of the suite's own, with
 * `people` (and their roles) known to it, started before the suite's tests.
 */
export function accessBot(kind: (typeof databaseKinds)[number], people: readonly HarnessPerson[]): AccessBot {
  const suite = migratedDatabase(kind, accessModule.migrations);
  let started: BotHarness | undefined;
  before(async () => {
    started = await botHarness({ database: suite.database, modules: [accessModule], people });
  });
  const harness = (): BotHarness => {
    if (started === undefined) throw new Error("the access bot starts in the suite's before hook");
    return started;
  };
  const users = new Map<number, HarnessUser>();
  const userOf = (id: number): HarnessUser => {
    const person = people.find((candidate) => candidate.id === id);
    if (person === undefined) throw new Error(`${id} is not one of the suite's people`);
    let user = users.get(id);
    if (user === undefined) users.set(id, (user = harness().user(person)));
    return user;
  };
  return {
    get harness() {
      return harness();
    },
    db: () => tablesOf(harness()),
    user: (id) => ({
      id,
      send: (text) => userOf(id).send(text),
      press: (data, messageId) => userOf(id).press(data, messageId),
      shareContact: (phoneNumber) => userOf(id).shareContact(phoneNumber),
    }),
  };
}
