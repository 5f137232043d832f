import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { presentService, serviceOfBot } from "../queries/salon-catalogue.ts";
import type { ServiceOutcome } from "../queries/service-fields.ts";
import type { BookingTables } from "../tables.ts";

/**
 * Admins stop offering a service or offer it again. Clients no longer see an inactive one and the
 * engine refuses it; bookings already made stay as they are.
 */
export const setServiceActive = defineCommand(
  "booking.service.set-active",
  async (scope: CommandScope<BookingTables>, input: { serviceId: number; active: boolean }): Promise<UseCaseOutcome<ServiceOutcome>> => {
    const before = await serviceOfBot(scope.trx, scope.actor.botId, input.serviceId);
    if (before === undefined) return refusedFor("service-unknown");
    const row = await scope.trx
      .updateTable("booking_service")
      .set({ active: input.active, updated_at: scope.now })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const service = presentService(row);
    return { result: { ok: true, service }, audit: { objectType: "booking_service", objectId: service.id, before: presentService(before), after: service } };
  },
);
