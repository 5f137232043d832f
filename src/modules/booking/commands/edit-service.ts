import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { presentService, serviceOfBot } from "../queries/salon-catalogue.ts";
import { columnsOf, serviceProblems, type ServiceInput, type ServiceOutcome } from "../queries/service-fields.ts";
import type { BookingTables } from "../tables.ts";

/**
 * Admins change a service: only the fields given, checked together with the rest (a prepayment
 * never above the new price). Bookings already made keep the price and duration they were made
 * with; new bookings and the free times offered use the new ones at once.
 */
export const editService = defineCommand(
  "booking.service.edit",
  async (scope: CommandScope<BookingTables>, input: Partial<ServiceInput> & { serviceId: number }): Promise<UseCaseOutcome<ServiceOutcome>> => {
    const before = await serviceOfBot(scope.trx, scope.actor.botId, input.serviceId);
    if (before === undefined) return refusedFor("service-unknown");
    const current = presentService(before);
    const { serviceId: _serviceId, ...changes } = input;
    const merged: ServiceInput = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
    const problems = await serviceProblems(scope.trx, scope.actor.botId, merged);
    if (problems.length > 0) return refusedFor(...problems);
    const row = await scope.trx
      .updateTable("booking_service")
      .set({ ...columnsOf(merged), updated_at: scope.now })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const service = presentService(row);
    return { result: { ok: true, service }, audit: { objectType: "booking_service", objectId: service.id, before: current, after: service } };
  },
);
