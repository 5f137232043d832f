import { sql, type Kysely } from "kysely";

/**
 * Time off: a master's time can be blocked (an occupancy of kind `block`, with its reason and who
 * set it), so the exclusion constraint keeps bookings out of a block and a block out of bookings.
 * Days off, holidays and a day's own hours are never deleted: they are marked removed, and the
 * engine reads only the rows that are not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table booking_occupancy drop constraint booking_occupancy_kind_check;
    alter table booking_occupancy add constraint booking_occupancy_kind_check
      check (kind in ('appointment', 'class', 'hold', 'offer', 'block'));
    alter table booking_occupancy add column reason text check (reason is null or length(reason) <= 200);
    alter table booking_occupancy add column created_by bigint;
    alter table booking_occupancy add constraint booking_occupancy_block_alone
      check (kind <> 'block' or (booking_id is null and class_session_id is null));
    create index booking_occupancy_blocks on booking_occupancy (master_id, upper(during)) where kind = 'block' and active;

    alter table booking_day_off add column removed_at timestamptz;
    alter table booking_holiday add column removed_at timestamptz;
    alter table booking_date_override add column removed_at timestamptz;
  `.execute(db);
}
