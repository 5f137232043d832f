import type { Db } from "../tables.ts";
import { servicesToBook } from "./catalogue-lists.ts";
import { mastersOfBot } from "../queries/staff-calendar.ts";
import { locationsOfBot } from "./locations.ts";

/** What the panel's calendar forms choose from: the open locations, the services, and which active master offers which. */
export async function calendarCatalogue(db: Db, botId: string) {
  const [locations, services, masters, offers] = await Promise.all([
    locationsOfBot(db, botId),
    servicesToBook(db, botId),
    mastersOfBot(db, botId),
    db
      .selectFrom("booking_master_service")
      .innerJoin("booking_master", "booking_master.id", "booking_master_service.master_id")
      .select(["booking_master_service.master_id", "booking_master_service.service_id"])
      .where("booking_master.bot_id", "=", botId)
      .execute(),
  ]);
  return {
    locations: locations.filter((location) => location.active).map(({ id, name, address, timeZone }) => ({ id, name, address, timeZone })),
    services,
    masters: masters
      .filter((master) => master.active)
      .map((master) => ({
        id: master.id,
        name: master.name,
        locationId: master.locationId,
        serviceIds: offers.filter((offer) => offer.master_id === master.id).map((offer) => offer.service_id),
      })),
  };
}
