import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { checkMasterService } from "../domain/catalogue.ts";
import { refusedFor, type CatalogueProblem } from "../domain/catalogue-refusal.ts";
import { masterView } from "../queries/master-checks.ts";
import { masterRowOfBot, type MasterOfferView } from "../queries/salon-catalogue.ts";
import type { BookingTables } from "../tables.ts";
import type { MasterOutcome } from "./create-master.ts";

/**
 * Admins set which services a master offers, each with an optional own duration and price (null:
 * the service's). The list replaces the master's offers; bookings already made keep their price
 * and duration, and a service no longer offered is simply not offered for new bookings.
 */
export const setMasterServices = defineCommand(
  "booking.master.services",
  async (scope: CommandScope<BookingTables>, input: { masterId: number; offers: readonly MasterOfferView[] }): Promise<UseCaseOutcome<MasterOutcome>> => {
    const { trx, actor } = scope;
    const row = await masterRowOfBot(trx, actor.botId, input.masterId);
    if (row === undefined) return refusedFor("master-unknown");
    const serviceIds = input.offers.map((offer) => offer.serviceId);
    const known =
      serviceIds.length === 0
        ? []
        : await trx.selectFrom("booking_service").select(["id", "currency"]).where("bot_id", "=", actor.botId).where("id", "in", serviceIds).execute();
    const problems: CatalogueProblem[] = [];
    if (known.length !== new Set(serviceIds).size || new Set(serviceIds).size !== serviceIds.length) problems.push({ problem: "service-unknown" });
    for (const offer of input.offers) {
      const currency = known.find((service) => service.id === offer.serviceId)?.currency ?? "EUR";
      const check = checkMasterService({
        masterId: String(row.id),
        serviceId: String(offer.serviceId),
        ...(offer.durationMin === null ? {} : { durationMin: offer.durationMin }),
        ...(offer.priceMinor === null ? {} : { priceMinor: offer.priceMinor }),
      }, currency);
      if (!check.ok) problems.push(...check.problems.filter((problem) => !problems.some((seen) => seen.problem === problem)).map((problem) => ({ problem })));
    }
    if (problems.length > 0) return refusedFor(...problems);
    const before = await masterView(trx, actor.botId, row.id);
    await trx.deleteFrom("booking_master_service").where("master_id", "=", row.id).execute();
    if (input.offers.length > 0) {
      await trx
        .insertInto("booking_master_service")
        .values(input.offers.map((offer) => ({ master_id: row.id, service_id: offer.serviceId, duration_min: offer.durationMin, price_minor: offer.priceMinor })))
        .execute();
    }
    const master = await masterView(trx, actor.botId, row.id);
    return { result: { ok: true, master }, audit: { objectType: "booking_master", objectId: row.id, before, after: master } };
  },
);
