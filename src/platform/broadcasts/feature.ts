import { join } from "node:path";
import { cataloguesIn } from "../i18n/catalogues.ts";
import { defineModule, type EventHandler, type ModuleContext } from "../module.ts";
import { broadcastRoutes } from "./api.ts";
import { PLATFORM_SEGMENTS, SegmentCatalogue } from "./segments.ts";
import { DELIVER_EVENT, FINISH_EVENT, deliverBroadcast, finishBroadcast, nextCheckAt, scheduleFinishCheck, systemActor } from "./service.ts";

function broadcastIdOf(payload: Record<string, unknown>): number {
  const id = payload.broadcastId;
  if (typeof id !== "number") throw new Error("a broadcast event without a broadcastId");
  return id;
}

/** The audiences every mounted feature and module offers. */
function segmentCatalogueOf(context: ModuleContext): SegmentCatalogue {
  return new SegmentCatalogue(context.installed.features, context.installed.modules, context.settings);
}

/** The delivery and finish handlers, on the tick's clock. */
function broadcastEvents(context: ModuleContext): Record<string, EventHandler> {
  const now = () => context.clock.now();
  const catalogue = segmentCatalogueOf(context);
  const deliver: EventHandler = async (trx, event) => {
    const at = now();
    await deliverBroadcast(trx, systemActor(event.bot_id), {
      broadcastId: broadcastIdOf(event.payload),
      segments: catalogue.of(event.bot_id),
      now: at,
      firstCheckAt: nextCheckAt(new Date(event.due_at), at),
    });
  };
  const finish: EventHandler = async (trx, event) => {
    const broadcastId = broadcastIdOf(event.payload);
    const at = now();
    const outcome = await finishBroadcast(trx, systemActor(event.bot_id), { broadcastId, now: at });
    if (outcome !== "still-sending") return;
    const check = typeof event.payload.check === "number" ? event.payload.check : 0;
    await scheduleFinishCheck(trx, { id: broadcastId, bot_id: event.bot_id }, check + 1, nextCheckAt(new Date(event.due_at), at));
  };
  return { [DELIVER_EVENT]: deliver, [FINISH_EVENT]: finish };
}

/**
 * Broadcasts: compose in the panel (HTML text, a photo, link buttons), choose an audience among
 * the segments the platform and the bot's modules offer, preview to yourself, send now or later.
 * Delivery is a scheduled event that queues one bulk-priority outbox row per person, so it runs
 * at the outbox's limits, survives crashes, and nobody gets a copy twice.
 */
export const broadcastsFeature = defineModule({
  name: "broadcasts",
  catalogues: cataloguesIn(join(import.meta.dirname, "locales")),
  segments: PLATFORM_SEGMENTS,
  events: broadcastEvents,
  api(app, context) {
    broadcastRoutes(app, context, segmentCatalogueOf(context));
  },
});
