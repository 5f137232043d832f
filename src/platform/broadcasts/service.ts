import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { defineUseCase, type Actor } from "../audit/use-case.ts";
import { localeOfPerson } from "../commands/tell-holders.ts";
import type { Translator } from "../i18n/translator.ts";
import { enqueueOutbox } from "../telegram/outbox.ts";
import { cancelEvent, scheduleEvent } from "../jobs/scheduled-events.ts";
import type { AudienceSegment } from "../module.ts";
import type { PlatformTables } from "../db/schema.ts";
import { checkAudienceChoice } from "./domain/audience-choice.ts";
import { choicesOf } from "./segments.ts";
import { checkDraft, checkSendAt, composeMessage, type BroadcastDraft } from "./domain/draft.ts";
import type { Problem } from "./domain/problem.ts";
import {
  hasUndelivered,
  insertBroadcast,
  lockBroadcast,
  queueDeliveries,
  updateBroadcast,
  withdrawPending,
  type Broadcast,
} from "./repo.ts";

/** The scheduled event that starts a broadcast's delivery at its send_at. */
export const DELIVER_EVENT = "broadcast.deliver";
/** The scheduled event that looks whether a broadcast's last message has been dealt with. */
export const FINISH_EVENT = "broadcast.finish";
/** How often a sending broadcast is looked at to see whether it is done. */
export const FINISH_CHECK_MS = 3_000;

export const deliverEventKey = (broadcastId: number) => `broadcast:${broadcastId}:deliver`;
export const finishEventKey = (broadcastId: number, check: number) => `broadcast:${broadcastId}:finish:${check}`;

/** Delivery is the platform's own doing: no person, no address. */
export function systemActor(botId: string): Actor {
  return { botId, personId: null, source: "system" };
}

type Trx = Transaction<PlatformTables>;

export type Refusable<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface NewBroadcast {
  draft: BroadcastDraft;
  segment: string;
  params: Record<string, unknown>;
  /** When to send; now when absent. */
  sendAt?: Date;
  now: Date;
  /** The audiences the bot offers (SegmentCatalogue.of). */
  segments: Readonly<Record<string, AudienceSegment>>;
  /** Every role name the bot knows, for segments that take a role. */
  roleNames: readonly string[];
}

/**
 * Stores a broadcast and schedules its delivery for its send time. Refuses, storing nothing, a
 * draft Telegram would not accept, an audience the bot does not offer, or a time in the past.
 */
export const createBroadcast = defineUseCase("broadcast.create", async (trx: Trx, actor, input: NewBroadcast) => {
  const sendAt = input.sendAt ?? input.now;
  const problem = checkDraft(input.draft) ?? checkSendAt(sendAt, input.now);
  if (problem !== undefined) return { result: refused<Broadcast>(problem), audit: null };
  const offered = Object.hasOwn(input.segments, input.segment) ? input.segments[input.segment] : undefined;
  const choice = checkAudienceChoice(input.segments, input.segment, input.params, input.roleNames, await choicesOf(offered, trx, actor.botId));
  if (!choice.ok) return { result: refused<Broadcast>(choice.problem), audit: null };

  const broadcast = await insertBroadcast(trx, {
    botId: actor.botId,
    createdBy: actor.personId,
    text: input.draft.text,
    photo: input.draft.photo === null ? null : input.draft.photo.trim(),
    buttons: input.draft.buttons.map((button) => ({ text: button.text.trim(), url: button.url.trim() })),
    segment: input.segment,
    params: choice.params,
    sendAt,
  });
  await scheduleEvent(trx, {
    botId: actor.botId,
    kind: DELIVER_EVENT,
    dedupeKey: deliverEventKey(broadcast.id),
    payload: { broadcastId: broadcast.id },
    dueAt: sendAt,
  });
  return {
    result: { ok: true as const, value: broadcast },
    audit: { objectType: "broadcast", objectId: broadcast.id, after: auditView(broadcast) },
  };
});

/**
 * Stops a broadcast: before its time, nothing is sent; while sending, the messages still waiting
 * are taken out of the queue (those already in flight complete). A finished one is refused.
 */
export const cancelBroadcast = defineUseCase("broadcast.cancel", async (trx: Trx, actor, input: { broadcastId: number; now: Date }) => {
  const broadcast = await lockBroadcast(trx, actor.botId, input.broadcastId);
  if (broadcast === undefined) return { result: refused<Broadcast>({ code: "not-found" }), audit: null };
  if (broadcast.status === "done" || broadcast.status === "cancelled") {
    return { result: refused<Broadcast>({ code: "already-finished" }), audit: null };
  }
  let withdrawn = 0;
  if (broadcast.status === "scheduled") await cancelEvent(trx, deliverEventKey(broadcast.id));
  else withdrawn = await withdrawPending(trx, broadcast.id);
  const cancelled = await updateBroadcast(trx, broadcast.id, { status: "cancelled", finished_at: input.now });
  return {
    result: { ok: true as const, value: cancelled },
    audit: { objectType: "broadcast", objectId: broadcast.id, before: { status: broadcast.status }, after: { status: "cancelled", withdrawn } },
  };
});

/** What a preview needs to say, in its reader's language, that it is one. */
export interface PreviewNoteDeps {
  translator: Translator;
  /** The bot's languages, to choose the reader's among. */
  languages: readonly string[];
}

/**
 * Sends the composed message to the person composing it, through the outbox (ahead of bulk
 * traffic), so they see it as their audience will, after a note in their language saying it is
 * a preview only they get (a separate message: the preview itself stays exactly the broadcast,
 * and its text keeps Telegram's whole length). Nothing is stored as a broadcast.
 */
export const previewBroadcast = defineUseCase("broadcast.preview", async (trx: Trx, actor, input: { draft: BroadcastDraft; now: Date } & PreviewNoteDeps) => {
  if (actor.personId === null) throw new Error("a preview goes to a person; the actor has none");
  const problem = checkDraft(input.draft);
  if (problem !== undefined) return { result: refused<null>(problem), audit: null };
  const message = composeMessage(input.draft, actor.personId);
  // Every press of "preview" is its own message: the draft and the moment name it.
  const digest = createHash("sha256").update(JSON.stringify(input.draft)).digest("hex").slice(0, 16);
  const dedupeKey = `broadcast:preview:${actor.personId}:${digest}:${input.now.getTime()}`;
  const locale = await localeOfPerson(trx, { languagesOf: () => input.languages }, actor.botId, actor.personId);
  const note = input.translator.translate(actor.botId, locale, "broadcasts-preview-note");
  await enqueueOutbox(trx, { botId: actor.botId, chatId: actor.personId, method: "sendMessage", payload: { chat_id: actor.personId, text: note }, dedupeKey: `${dedupeKey}:note` });
  await enqueueOutbox(trx, { botId: actor.botId, chatId: actor.personId, method: message.method, payload: message.payload, dedupeKey });
  return {
    result: { ok: true as const, value: null },
    audit: { objectType: "person", objectId: actor.personId, after: { preview: input.draft } },
  };
});

/**
 * Starts a due broadcast: asks its segment for the audience and queues one bulk-priority message
 * per person (dedupe key `broadcast:<id>:to:<telegramId>`), then marks it sending and schedules
 * the check that marks it done. A broadcast that is no longer scheduled (cancelled, or started
 * by an earlier run of this event) is left alone; one whose segment the bot no longer offers is
 * cancelled, since waiting cannot bring the segment back.
 */
export const deliverBroadcast = defineUseCase(
  "broadcast.deliver",
  async (trx: Trx, actor, input: { broadcastId: number; segments: Readonly<Record<string, AudienceSegment>>; now: Date; firstCheckAt: Date }) => {
    const broadcast = await lockBroadcast(trx, actor.botId, input.broadcastId);
    if (broadcast?.status !== "scheduled") return { result: { queued: 0 }, audit: null };
    const segment = Object.hasOwn(input.segments, broadcast.segment) ? input.segments[broadcast.segment] : undefined;
    if (segment === undefined) {
      await updateBroadcast(trx, broadcast.id, { status: "cancelled", finished_at: input.now });
      return {
        result: { queued: 0 },
        audit: { objectType: "broadcast", objectId: broadcast.id, before: { status: "scheduled" }, after: { status: "cancelled", reason: "segment unavailable" } },
      };
    }
    const recipients = [...new Set(await segment.audience(trx, broadcast.bot_id, broadcast.segment_params, input.now))];
    const draft: BroadcastDraft = { text: broadcast.text, photo: broadcast.photo, buttons: broadcast.buttons };
    const queued = await queueDeliveries(trx, broadcast, recipients, (chatId) => composeMessage(draft, chatId));
    const empty = recipients.length === 0;
    await updateBroadcast(trx, broadcast.id, {
      status: empty ? "done" : "sending",
      audience: recipients.length,
      started_at: input.now,
      ...(empty ? { finished_at: input.now } : {}),
    });
    if (!empty) await scheduleFinishCheck(trx, broadcast, 1, input.firstCheckAt);
    return {
      result: { queued },
      audit: { objectType: "broadcast", objectId: broadcast.id, before: { status: "scheduled" }, after: { status: empty ? "done" : "sending", audience: recipients.length } },
    };
  },
);

/**
 * Marks a sending broadcast done once none of its messages is waiting or in flight. Refuses
 * (changing nothing) while some are.
 */
export const finishBroadcast = defineUseCase("broadcast.finish", async (trx: Trx, actor, input: { broadcastId: number; now: Date }) => {
  const broadcast = await lockBroadcast(trx, actor.botId, input.broadcastId);
  if (broadcast?.status !== "sending") return { result: "not-sending" as const, audit: null };
  if (await hasUndelivered(trx, broadcast.id)) return { result: "still-sending" as const, audit: null };
  await updateBroadcast(trx, broadcast.id, { status: "done", finished_at: input.now });
  return {
    result: "done" as const,
    audit: { objectType: "broadcast", objectId: broadcast.id, before: { status: "sending" }, after: { status: "done" } },
  };
});

/** Schedules the `check`-th look at whether a sending broadcast is done. */
export async function scheduleFinishCheck(trx: Trx, broadcast: { id: number; bot_id: string }, check: number, dueAt: Date): Promise<void> {
  await scheduleEvent(trx, {
    botId: broadcast.bot_id,
    kind: FINISH_EVENT,
    dedupeKey: finishEventKey(broadcast.id, check),
    payload: { broadcastId: broadcast.id, check },
    dueAt,
  });
}

/**
 * When to look next at a sending broadcast: a few seconds after the previous look was due, so
 * looks follow the tick's clock. After a long stop (the previous look far in the past) the next
 * is counted from now instead, so the looks do not run back to back to catch up.
 */
export function nextCheckAt(previousDue: Date, now: Date): Date {
  const due = previousDue.getTime() + FINISH_CHECK_MS;
  return new Date(due < now.getTime() - 60_000 ? now.getTime() + FINISH_CHECK_MS : due);
}

function refused<T>(problem: Problem): Refusable<T> {
  return { ok: false, problem };
}

function auditView(broadcast: Broadcast) {
  return {
    text: broadcast.text,
    photo: broadcast.photo,
    buttons: broadcast.buttons,
    segment: broadcast.segment,
    params: broadcast.segment_params,
    sendAt: broadcast.send_at,
  };
}

