import type { Transaction } from "kysely";
import type { Actor } from "../audit/use-case.ts";
import type { Permissions } from "../auth/permissions.ts";
import type { Database } from "../db/database.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Translator } from "../i18n/translator.ts";
import type { CurrentSettings } from "../settings/live-settings.ts";
import { cancelEvent, scheduleEvent } from "../jobs/scheduled-events.ts";
import type { Jobs } from "../jobs/jobs.ts";
import { enqueueOutbox } from "../telegram/outbox.ts";
import type { Command, CommandScope, KnownRoles, PersonChange } from "./command.ts";
import { localeOfPerson, tellHolders, tellOne } from "./tell-holders.ts";
import { rolesOf } from "../auth/roles.ts";

/** How a module reacts to changes to a bot's people, inside the transaction that made them. */
export interface ModuleHooks<Tables extends object = object> {
  roleGranted?(scope: CommandScope<Tables>, change: { telegramId: number; role: string }): Promise<void>;
  roleRevoked?(scope: CommandScope<Tables>, change: { telegramId: number; role: string }): Promise<void>;
  personBlocked?(scope: CommandScope<Tables>, change: { telegramId: number }): Promise<void>;
}

/** What commands run on: built once per app from its modules. */
export interface CommandRuntimeDeps {
  database: Database;
  translator: Translator;
  permissions: Permissions;
  clock: { now(): Date };
  jobs: Pick<Jobs, "send">;
  languagesOf(botId: string): readonly string[];
  /** A bot's settings now, for `scope.settings`; a runtime built without it throws where a command reads them. */
  settingsOf?(botId: string): CurrentSettings;
  /** Every scheduled-event kind some module or platform feature handles. */
  eventKinds: ReadonlySet<string>;
  /** Every job queue some module declares. */
  queues: ReadonlySet<string>;
  /** The hooks of the modules a bot has enabled now. */
  hooksOf(botId: string): readonly ModuleHooks[];
}

/** Runs commands: in a transaction of their own, or inside one already open (an event's, a handler's commit). */
export interface CommandRuntime {
  run: <Tables extends object, Input, Result>(actor: Actor, command: Command<Tables, Input, Result>, input: Input) => Promise<Result>;
  runIn: <Tables extends object, Input, Result>(trx: Transaction<PlatformTables>, actor: Actor, command: Command<Tables, Input, Result>, input: Input) => Promise<Result>;
  /** Runs the enabled modules' hooks for a change to a person, inside `trx`, as `actor`. */
  announce: (trx: Transaction<PlatformTables>, actor: Actor, change: PersonChange) => Promise<void>;
}

export function createCommandRuntime(deps: CommandRuntimeDeps): CommandRuntime {
  const roles: KnownRoles = {
    get names() {
      return deps.permissions.roleNames();
    },
    get byPrivilege() {
      return deps.permissions.roleNamesByPrivilege();
    },
    holding: (permission) => deps.permissions.holdersOf(permission),
  };
  function scopeOf(trx: Transaction<PlatformTables>, actor: Actor): CommandScope {
    const botId = actor.botId;
    const scope: CommandScope = {
      trx,
      actor,
      now: deps.clock.now(),
      get settings() {
        if (deps.settingsOf === undefined) throw new Error("this command runtime was built without the bots' settings (settingsOf)");
        return deps.settingsOf(botId);
      },
      roles,
      send: (message) => enqueueOutbox(trx, { ...message, botId }),
      tellHolders: (permission, notice) => tellHolders(trx, deps, botId, permission, notice),
      tell: async (telegramId, notice, options = {}) =>
        tellOne(trx, deps, botId, { telegramId, locale: await localeOfPerson(trx, deps, botId, telegramId) }, notice, notice.dedupeKey, options.editing),
      translate: (key, args, locale) => deps.translator.translate(botId, locale ?? scope.settings.languages[0] ?? "en", key, args),
      actorCan: async (permission) => actor.personId !== null && deps.permissions.allows(await rolesOf(trx, botId, actor.personId), permission),
      async schedule(kind, event) {
        if (!deps.eventKinds.has(kind)) throw new Error(`no module handles scheduled events of kind ${kind}; declare it in the module's events`);
        await scheduleEvent(trx, { botId, kind, ...event });
      },
      unschedule: (dedupeKey) => cancelEvent(trx, dedupeKey),
      async enqueue(queue, data, options = {}) {
        if (!deps.queues.has(queue)) throw new Error(`no module declares the job queue ${queue}; declare it in the module's jobs`);
        await deps.jobs.send(queue, { ...data, botId }, { trx, ...options });
      },
      run: (command, input) => command.execute(scope, input),
      async announce(change: PersonChange) {
        for (const hooks of deps.hooksOf(botId)) {
          if (change.kind === "role-granted") await hooks.roleGranted?.(scope, change);
          else if (change.kind === "role-revoked") await hooks.roleRevoked?.(scope, change);
          else await hooks.personBlocked?.(scope, change);
        }
      },
    };
    return scope;
  }
  // A module's tables are in the same database as the platform's; the module's types name them.
  const typed = <Tables extends object>(scope: CommandScope) => scope as unknown as CommandScope<Tables>;
  return {
    run: (actor, command, input) => deps.database.transaction((trx) => command.execute(typed(scopeOf(trx, actor)), input)),
    runIn: (trx, actor, command, input) => command.execute(typed(scopeOf(trx, actor)), input),
    announce: (trx, actor, change) => scopeOf(trx, actor).announce(change),
  };
}
