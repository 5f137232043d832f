/** What access's command tests run on: a migrated database, the module kernel's runtime and fresh people. */
import { before } from "node:test";
import type { Kysely } from "kysely";
import { accessModule } from "../../../src/modules/access/module.ts";
import type { AccessTables } from "../../../src/modules/access/tables.ts";
import { testKernel } from "../../support/module-kernel.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import { PLATFORM_PERMISSIONS, Permissions } from "../../../src/platform/auth/permissions.ts";
import type { Command, CommandScope } from "../../../src/platform/commands/command.ts";
import type { CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import type { PlatformTables } from "../../../src/platform/db/schema.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { defineModule } from "../../../src/platform/module.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

export const BOT = "main";
export const OWNER = 800_001;

/** Another module listening to people's changes: each one it hears queues a row `heard:<change>` in the changing transaction. */
const listener = defineModule({
  name: "listener",
  hooks: () => {
    const heard = (scope: CommandScope, what: string) => scope.send({ chatId: OWNER, method: "sendMessage", payload: { chat_id: OWNER, text: what }, dedupeKey: `heard:${what}` }).then(() => undefined);
    return {
      roleGranted: (scope, { telegramId, role }) => heard(scope, `role-granted:${telegramId}:${role}`),
      roleRevoked: (scope, { telegramId, role }) => heard(scope, `role-revoked:${telegramId}:${role}`),
      personBlocked: (scope, { telegramId }) => heard(scope, `person-blocked:${telegramId}`),
    };
  },
});

export interface CommandWorld {
  db: () => Kysely<PlatformTables & AccessTables>;
  database: () => ReturnType<typeof migratedDatabase>["database"];
  runtime: CommandRuntime;
  /** A person the bot knows, holding `roles`; returns them as an actor. */
  person: (roles?: string[], id?: number, language?: string) => Promise<Actor & { personId: number }>;
  /** Runs a command in its own transaction; returns its result and how many audit rows it wrote. */
  run: <Input, Result>(command: Command<AccessTables, Input, Result>, actor: Actor, input: Input) => Promise<{ result: Result; audits: number }>;
  /** The outbox rows (notices, card edits, the hooks' rows) queued while `work` ran, oldest first. */
  queuedBy: (work: () => Promise<unknown>) => Promise<{ dedupe_key: string; chat_id: number; method: string; payload: Record<string, unknown> }[]>;
  /** Runs a command inside a transaction that is then rolled back. */
  rolledBack: <Input, Result>(command: Command<AccessTables, Input, Result>, actor: Actor, input: Input) => Promise<void>;
}

/**
 * Inside a describe: a database with the access tables, the bot `main` (Berlin, English and
 * Russian), its owner, and commands run through the module kernel as the app runs them, with
 * roles `owner`, `admin` and `master` known.
 */
export function commandWorld(kind: (typeof databaseKinds)[number], firstPersonId: number): CommandWorld {
  const suite = migratedDatabase(kind, accessModule.migrations);
  let nextId = firstPersonId;
  const db = () => suite.database.db as unknown as Kysely<PlatformTables & AccessTables>;
  const auditCount = async () => Number((await db().selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const world: CommandWorld = {
    db,
    database: () => suite.database,
    runtime: undefined as unknown as CommandRuntime,
    person: async (roles = [], id = nextId++, language = "en") => {
      await db().insertInto("person").values({ telegram_id: id, first_name: `P${id}`, last_name: null, username: null, language_code: language }).execute();
      await db().insertInto("bot_member").values({ bot_id: BOT, telegram_id: id }).execute();
      for (const role of roles) await db().insertInto("role").values({ bot_id: BOT, telegram_id: id, role, granted_by: null }).execute();
      return { botId: BOT, personId: id, source: "bot" };
    },
    run: async (command, actor, input) => {
      const before = await auditCount();
      const result = await world.runtime.run(actor, command, input);
      return { result, audits: (await auditCount()) - before };
    },
    queuedBy: async (work) => {
      const last = await db().selectFrom("outbox").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
      await work();
      return db().selectFrom("outbox").select(["dedupe_key", "chat_id", "method", "payload"]).where("id", ">", Number(last?.id ?? 0)).orderBy("id").execute();
    },
    rolledBack: async (command, actor, input) => {
      const rollback = new Error("rolled back on purpose");
      await suite.database
        .transaction(async (trx) => {
          await world.runtime.runIn(trx, actor, command, input);
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
    },
  };

  before(async () => {
    const translator = new Translator([...platformCatalogues(), ...(accessModule.catalogues ?? [])]);
    await db()
      .insertInto("bot")
      .values({ id: BOT, telegram_id: 1, username: "access_bot", settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["en", "ru"], modules: null }) })
      .execute();
    const settings = new LiveSettings(suite.database.db, translator);
    await settings.refresh();
    const permissions = new Permissions([PLATFORM_PERMISSIONS, { "bookings.serve": ["master"] }]);
    const kernel = testKernel({
      features: [listener],
      modules: [accessModule],
      database: suite.database,
      translator,
      settings,
      permissions,
      publicUrl: () => "https://panel.example",
    });
    world.runtime = kernel.runtime;
    await world.person(["owner"], OWNER);
  });
  return world;
}
