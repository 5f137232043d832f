import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.ts";
import type { AudienceSegment } from "../../platform/module.ts";
import type { Tables } from "./tables.ts";

const DAY_MS = 86_400_000;

/** The module's tables on the broadcast engine's connection (a transaction at delivery time). */
const tables = (db: Database["db"]) => db as unknown as Kysely<Tables>;

/** The bot's clients who can be reached: linked to a Telegram account, not merged into another record. */
function reachableClients(db: Database["db"], botId: string) {
  return tables(db)
    .selectFrom("booking_client")
    .where("booking_client.bot_id", "=", botId)
    .where("booking_client.telegram_id", "is not", null)
    .where("booking_client.merged_into", "is", null);
}

async function telegramIds(query: ReturnType<typeof reachableClients>): Promise<number[]> {
  const rows = await query.select("booking_client.telegram_id").distinct().orderBy("booking_client.telegram_id").execute();
  return rows.map((row) => Number(row.telegram_id));
}

/** Every client of the salon with a Telegram account (phone-only clients cannot be written to). */
export const allClients: AudienceSegment = {
  label: "booking-segment-clients",
  audience: (db, botId) => telegramIds(reachableClients(db, botId)),
};

/** Clients who ever booked one service, whatever became of the booking; the panel picks the service. */
export const clientsOfService: AudienceSegment = {
  label: "booking-segment-service",
  params: [
    {
      name: "service",
      label: "booking-segment-service-param",
      kind: "choice",
      async options(db, botId) {
        const services = await tables(db).selectFrom("booking_service").select(["id", "name"]).where("bot_id", "=", botId).orderBy("name").orderBy("id").execute();
        return services.map((service) => ({ value: String(service.id), label: service.name }));
      },
    },
  ],
  audience(db, botId, params) {
    const serviceId = Number(params.service);
    return telegramIds(
      reachableClients(db, botId).where((eb) =>
        eb.exists(
          eb
            .selectFrom("booking")
            .select("booking.id")
            .whereRef("booking.client_id", "=", "booking_client.id")
            .where("booking.bot_id", "=", botId)
            .where("booking.service_id", "=", serviceId),
        ),
      ),
    );
  },
};

/**
 * Clients with no visit in the last N days (done, missed or still to come) and no booking made
 * in them: bookings called off do not count as a visit. A negative N counts as 0.
 */
export const inactiveClients: AudienceSegment = {
  label: "booking-segment-inactive",
  params: [{ name: "days", label: "booking-segment-inactive-param", kind: "number" }],
  audience(db, botId, params, now) {
    const since = new Date(now.getTime() - Math.max(0, Number(params.days)) * DAY_MS);
    return telegramIds(
      reachableClients(db, botId).where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("booking")
              .select("booking.id")
              .whereRef("booking.client_id", "=", "booking_client.id")
              .where("booking.status", "!=", "cancelled")
              .where((recent) => recent.or([recent("booking.starts_at", ">=", since), recent("booking.created_at", ">=", since)])),
          ),
        ),
      ),
    );
  },
};

/** The booking module's broadcast audiences, by name. */
export const bookingSegments: Record<string, AudienceSegment> = {
  "booking-clients": allClients,
  "booking-service": clientsOfService,
  "booking-inactive": inactiveClients,
};
