import type { Transaction } from "kysely";
import { writeAudit, type Actor, type AuditEntry, type UseCaseOutcome } from "../audit/use-case.ts";
import type { Permission } from "../auth/permissions.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Locale, TranslationArgs } from "../i18n/translator.ts";
import type { CurrentSettings } from "../settings/live-settings.ts";
import type { OutboxMessage } from "../telegram/outbox.ts";
import type { HolderNotice } from "./tell-holders.ts";

/** Options of a job a command queues; see the module's `jobs` declaration for retries. */
export interface EnqueueOptions {
  /** At most one queued or active job per key in the queue. */
  singletonKey?: string;
  startAfter?: Date;
}

/**
 * What a command runs with: its one transaction, who acts, "now" from the app's clock, and the
 * effects it may queue. Every effect is written in `trx`, so it happens if and only if the
 * command commits: a rolled-back command sends nothing, schedules nothing and queues no job.
 */
export interface CommandScope<Tables extends object = object> {
  readonly trx: Transaction<PlatformTables & Tables>;
  readonly actor: Actor;
  readonly now: Date;
  /** The actor's bot's settings as the app holds them now (its time zone, its languages). */
  readonly settings: CurrentSettings;
  /** The roles the app knows (the platform's and every installed module's), and which of them hold a permission. */
  readonly roles: KnownRoles;
  /** Queues a Bot API call to any chat of the actor's bot; false when its dedupe key was queued before. */
  send(message: Omit<OutboxMessage, "botId">): Promise<boolean>;
  /** Queues `notice` to every person holding `permission` in the actor's bot, each in their language; returns how many. */
  tellHolders(permission: Permission, notice: HolderNotice): Promise<number>;
  /**
   * Queues `notice` to one person of the actor's bot, in their language; false when its dedupe key
   * was queued before. With `editing` (the dedupe key of a message the outbox sent that person)
   * the notice replaces that message's text and buttons instead of arriving as a new one.
   */
  tell(telegramId: number, notice: HolderNotice, options?: TellOptions): Promise<boolean>;
  /**
   * A text of the bot's catalogues in `locale`, by default the bot's first language: for what goes
   * to a chat rather than to one person (a work group's card); a person is told in their own
   * language with `tell`.
   */
  translate(key: string, args?: TranslationArgs, locale?: Locale): string;
  /** Whether the actor holds `permission` now, read inside this transaction (a role taken a moment ago counts). */
  actorCan(permission: Permission): Promise<boolean>;
  /** Schedules a time-bound event of a declared kind; the same dedupe key again moves it. */
  schedule(kind: string, event: { dedupeKey: string; payload: Record<string, unknown>; dueAt: Date }): Promise<void>;
  /** Removes a pending event; true when there was one. */
  unschedule(dedupeKey: string): Promise<boolean>;
  /** Queues a job of a declared queue (a module's `jobs`); it runs after the commit, on any replica. */
  enqueue(queue: string, data: object, options?: EnqueueOptions): Promise<void>;
  /** Runs another command inside this transaction, as the same actor (its audit row included). */
  run<Input, Result>(command: Command<Tables, Input, Result>, input: Input): Promise<Result>;
  /** Tells the modules' hooks that a role was granted or taken, or a person blocked (see `ModuleHooks`). */
  announce(change: PersonChange): Promise<void>;
}

/** The app's roles, for commands that grant them or address their holders. */
export interface KnownRoles {
  /** Every declared role, owner and admin included. */
  readonly names: readonly string[];
  /** The same roles, the least privileged first (see Permissions.roleNamesByPrivilege). */
  readonly byPrivilege: readonly string[];
  /** The roles holding `permission` (owner always among them). */
  holding(permission: Permission): readonly string[];
}

export interface TellOptions {
  /**
   * The dedupe key of a message queued to the same person earlier: the notice is queued as an
   * `editMessageText` of it (the sender fills in its message id once it is sent). Only text and
   * buttons change; a notice with a photo cannot be an edit.
   */
  editing?: string;
}

/** A change to a person of the bot that modules may react to, inside the changing command's transaction. */
export type PersonChange =
  | { kind: "role-granted"; telegramId: number; role: string }
  | { kind: "role-revoked"; telegramId: number; role: string }
  | { kind: "person-blocked"; telegramId: number };

/**
 * A command: one verb of the business (`feedback.send`), one transaction, exactly one audit row
 * when it changes something and none when it refuses, and every notice, event and job its change
 * implies queued inside it, whoever calls it: a bot handler (`ctx.run`), a route, an event or a
 * job (`context.run`). A module lists its commands in its definition (`commands`), which is
 * how the audit test finds every one.
 */
export interface Command<Tables extends object, Input, Result> {
  /** The audit log's `action`. */
  readonly action: string;
  execute(scope: CommandScope<Tables>, input: Input): Promise<Result>;
}

/**
 * Defines a command. `run` returns what came of it and the audit entry, or `audit: null` when it
 * refused and wrote nothing.
 *
 * @example
 * export const sendFeedback = defineCommand("feedback.send", async (scope: CommandScope<FeedbackTables>, input: SendInput) => {
 *   const { id } = await scope.trx.insertInto("feedback").values(...).returning("id").executeTakeFirstOrThrow();
 *   await scope.tellHolders("feedback.read", { dedupeKey: `feedback:${id}`, render: (_locale, t) => ({ text: t("feedback-staff-notice", { text: input.text }) }) });
 *   return { result: { ok: true, id }, audit: { objectType: "feedback", objectId: id, after: input } };
 * });
 */
export function defineCommand<Tables extends object, Input, Result>(
  action: string,
  run: (scope: CommandScope<Tables>, input: Input) => Promise<UseCaseOutcome<Result>>,
): Command<Tables, Input, Result> {
  return {
    action,
    async execute(scope, input) {
      const { result, audit } = await run(scope, input);
      if (audit !== null) await writeAudit(scope.trx as unknown as Transaction<PlatformTables>, action, scope.actor, audit satisfies AuditEntry);
      return result;
    },
  };
}
