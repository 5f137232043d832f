import type { BroadcastButton, BroadcastStatus, OutboxStatus } from "../db/schema.ts";
import { progressOf, reportFrom, type DeliveryReport } from "./domain/report.ts";
import type { Broadcast } from "./repo.ts";

/** A broadcast as the panel shows it: what was composed, for whom, when, and how delivery went. */
export interface BroadcastView {
  id: number;
  status: BroadcastStatus;
  text: string;
  photo: string | null;
  buttons: BroadcastButton[];
  segment: string;
  params: Record<string, unknown>;
  createdBy: number | null;
  sendAt: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** People in the audience when delivery began; null before. */
  audience: number | null;
  report: DeliveryReport;
  /** 0-1: the share of queued messages that reached an end. */
  progress: number;
}

const iso = (date: Date | string | null): string | null => (date === null ? null : new Date(date).toISOString());

export function presentBroadcast(broadcast: Broadcast, counts: readonly { status: OutboxStatus; count: number }[]): BroadcastView {
  const report = reportFrom(counts, broadcast.audience);
  return {
    id: broadcast.id,
    status: broadcast.status,
    text: broadcast.text,
    photo: broadcast.photo,
    buttons: broadcast.buttons,
    segment: broadcast.segment,
    params: broadcast.segment_params,
    createdBy: broadcast.created_by,
    sendAt: new Date(broadcast.send_at).toISOString(),
    createdAt: new Date(broadcast.created_at).toISOString(),
    startedAt: iso(broadcast.started_at),
    finishedAt: iso(broadcast.finished_at),
    audience: broadcast.audience,
    report,
    progress: progressOf(broadcast.status, report),
  };
}
