import * as booking0001 from "./migrations/0001_booking.ts";
import * as booking0002 from "./migrations/0002_timed.ts";

/**
 * The booking module's migrations, by name. The module itself (bot, panel pages, menu) is mounted
 * later; tests and benches migrate with this map meanwhile.
 */
export const bookingMigrations = { booking_0001_booking: booking0001, booking_0002_timed: booking0002 };
