import type { BroadcastStatus, OutboxStatus } from "../../db/schema.ts";

/**
 * How a broadcast's delivery went, counted from its outbox rows: one row per person it was
 * queued for.
 */
export interface DeliveryReport {
  /** Messages queued (one per person in the audience when delivery began). */
  queued: number;
  /** Delivered: Telegram accepted them. */
  sent: number;
  /** Not delivered because the person blocked the bot. */
  blocked: number;
  /** Refused by Telegram, or given up on after repeated errors. */
  failed: number;
  /** Still waiting for their turn (or in flight). */
  pending: number;
  /** Taken back from the queue when the broadcast was cancelled mid-way. */
  withdrawn: number;
}

/** Counts of a broadcast's outbox rows by status; `audience` is how many were queued at first. */
export function reportFrom(counts: readonly { status: OutboxStatus; count: number }[], audience: number | null): DeliveryReport {
  const of = (...statuses: OutboxStatus[]) => counts.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.count, 0);
  const remaining = counts.reduce((sum, row) => sum + row.count, 0);
  return {
    queued: audience ?? remaining,
    sent: of("sent"),
    blocked: of("blocked"),
    failed: of("failed"),
    pending: of("pending", "sending"),
    withdrawn: Math.max(0, (audience ?? remaining) - remaining),
  };
}

/** Share of the queued messages that reached an end (sent, blocked, failed or withdrawn), 0-1. */
export function progressOf(status: BroadcastStatus, report: DeliveryReport): number {
  if (status === "done" || status === "cancelled") return 1;
  if (status === "scheduled" || report.queued === 0) return 0;
  return (report.queued - report.pending) / report.queued;
}
