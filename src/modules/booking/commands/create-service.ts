import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusedFor } from "../domain/catalogue-refusal.ts";
import { presentService } from "../queries/salon-catalogue.ts";
import { columnsOf, serviceProblems, type ServiceInput, type ServiceOutcome } from "../queries/service-fields.ts";
import type { BookingTables } from "../tables.ts";

/** Admins add a service; it is offered once a master offers it (see `setMasterServices`). */
export const createService = defineCommand("booking.service.create", async (scope: CommandScope<BookingTables>, input: ServiceInput): Promise<UseCaseOutcome<ServiceOutcome>> => {
  const problems = await serviceProblems(scope.trx, scope.actor.botId, input);
  if (problems.length > 0) return refusedFor(...problems);
  const row = await scope.trx
    .insertInto("booking_service")
    .values({ bot_id: scope.actor.botId, ...columnsOf(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  const service = presentService(row);
  return { result: { ok: true, service }, audit: { objectType: "booking_service", objectId: service.id, after: service } };
});
