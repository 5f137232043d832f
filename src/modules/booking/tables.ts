import type { ColumnType, Generated, Kysely, Selectable, Transaction } from "kysely";
import type { OccupancyKind } from "./domain/occupancy.ts";
import type { RuleOverrides } from "./domain/rules.ts";
import type { WorkingInterval } from "./domain/schedule.ts";
import type { BookingStatus, CancelledBy } from "./domain/status.ts";
import type { PlatformTables } from "../../platform/db/schema.ts";
import type { PlainDate, Weekday } from "../../platform/domain/zoned-time.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

type Json<T> = ColumnType<T, string | undefined, string>;

/**
 * A `date` column. Always select it as text (`from_date::text`): the drivers would turn it into
 * a `Date` at midnight of the server's zone, which is a different day east or west of it.
 */
type DateColumn = ColumnType<PlainDate, PlainDate, PlainDate>;

/** A branch of the business with its own clock. */
export interface LocationTable {
  id: Generated<number>;
  bot_id: string;
  name: string;
  address: string | null;
  /** IANA zone; working hours, "today" and the horizon are meant here. */
  time_zone: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface ServiceTable {
  id: Generated<number>;
  bot_id: string;
  name: string;
  description: string | null;
  duration_min: number;
  price_minor: number;
  currency: string;
  buffer_before_min: Generated<number>;
  buffer_after_min: Generated<number>;
  slot_step_min: Generated<number>;
  capacity: Generated<number>;
  active: Generated<boolean>;
  /** Paid up front while the slot is held for the bot's `hold_min`; null means none. */
  prepayment_minor: number | null;
  /** This service's own rules, only what differs from the bot's. */
  rule_overrides: Json<RuleOverrides>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A schedule resource first: a Telegram account may or may not be linked. */
export interface MasterTable {
  id: Generated<number>;
  bot_id: string;
  location_id: number;
  display_name: string;
  telegram_id: number | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

/** A master offers a service, optionally with their own duration or price. */
export interface MasterServiceTable {
  master_id: number;
  service_id: number;
  duration_min: number | null;
  price_minor: number | null;
}

/** One working interval of a weekday; several per day leave breaks between them. */
export interface WeeklyHoursTable {
  master_id: number;
  weekday: Weekday;
  start_min: number;
  end_min: number;
}

/** A day off or a vacation of one master, both days included. */
export interface DayOffTable {
  id: Generated<number>;
  master_id: number;
  from_date: DateColumn;
  to_date: DateColumn;
  reason: string | null;
  created_at: Timestamp;
  /** Set when staff took the day off back; the engine reads only rows without it. */
  removed_at: Generated<Date | null>;
}

/** Business-wide closed days, both included. */
export interface HolidayTable {
  id: Generated<number>;
  bot_id: string;
  from_date: DateColumn;
  to_date: DateColumn;
  name: string | null;
  created_at: Timestamp;
  removed_at: Generated<Date | null>;
}

/** One date with its own hours for one master; no intervals means closed that day. */
export interface DateOverrideTable {
  master_id: number;
  date: DateColumn;
  intervals: Json<WorkingInterval[]>;
  /** Set when the day went back to the weekly hours; setting hours again clears it. */
  removed_at: Generated<Date | null>;
}

/** What a bot allows its clients; no row means {@link DEFAULT_BOOKING_RULES}. */
export interface RulesTable {
  bot_id: string;
  min_notice_min: number;
  horizon_days: number;
  cancel_window_min: number;
  reschedule_window_min: number;
  max_reschedules: number;
  max_active_per_client: number;
  /** Minutes before a visit when reminders go out (scheduled events keyed by booking and offset). */
  reminder_offsets_min: ColumnType<number[], number[] | undefined, number[]>;
  /** How long a slot is held for an unpaid prepayment. */
  hold_min: number;
  updated_at: Timestamp;
}

/**
 * Someone who books. Phone-only clients (walk-ins, phone calls) have no Telegram id until they
 * share the same phone with the bot; a client merged that way points at the one who stays.
 */
export interface ClientTable {
  id: Generated<number>;
  bot_id: string;
  telegram_id: number | null;
  name: string;
  /** E.164. */
  phone: string | null;
  /** Staff's private note on the client; clients never see it. */
  note: string | null;
  merged_into: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One time of a class that several clients join; seats are counted under a lock on this row. */
export interface ClassSessionTable {
  id: Generated<number>;
  bot_id: string;
  service_id: number;
  master_id: number;
  starts_at: Date;
  ends_at: Date;
  /** The service's capacity when the session opened. */
  capacity: number;
  seats_taken: number;
  /** False once its last seat was given up; a new session may then open at that time. */
  active: Generated<boolean>;
  created_at: Timestamp;
}

export type CreatedVia = "bot" | "web" | "job" | "system";

/** A client's visit: what was booked, at what price, and where it is in its life. Never deleted. */
export interface BookingTable {
  id: Generated<number>;
  bot_id: string;
  client_id: number;
  master_id: number;
  service_id: number;
  location_id: number;
  class_session_id: number | null;
  /** The visit as the client was told it, without buffers. */
  starts_at: Date;
  ends_at: Date;
  status: BookingStatus;
  cancelled_by: CancelledBy | null;
  /** Snapshot of the price and duration the booking was made with. */
  price_minor: number;
  currency: string;
  duration_min: number;
  prepayment_minor: number | null;
  /** Moves the client made; staff moves do not count against their limit. */
  reschedule_count: Generated<number>;
  /** iCal SEQUENCE: rises with every change a calendar must pick up. */
  sequence: Generated<number>;
  hold_expires_at: Date | null;
  /** A prepayment arrived after its hold expired and the slot was gone: staff refund it in the provider. */
  refund_needed: Generated<boolean>;
  /** The person who made it (the client, or staff on their behalf). */
  created_by: number | null;
  created_via: CreatedVia;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type HistoryEvent = "booked" | "confirmed" | "cancelled" | "rescheduled" | "marked" | "hold-expired" | "coming" | "paid" | "rebooked";

/** Every change of a booking: status and time before and after, who and when. */
export interface BookingHistoryTable {
  id: Generated<number>;
  booking_id: number;
  event: HistoryEvent;
  from_status: BookingStatus | null;
  to_status: BookingStatus;
  from_starts_at: Date | null;
  to_starts_at: Date;
  from_ends_at: Date | null;
  to_ends_at: Date;
  from_master_id: number | null;
  to_master_id: number;
  actor_id: number | null;
  source: CreatedVia;
  at: Date;
}

/**
 * Time of a master nobody else may take, buffers included. Live rows (`active`) of one master
 * never overlap: an exclusion constraint refuses the second, whoever writes it.
 */
export interface OccupancyTable {
  id: Generated<number>;
  bot_id: string;
  master_id: number;
  /** `tstzrange`, start included, end excluded; write it with {@link timeRange}. */
  during: string;
  kind: OccupancyKind;
  booking_id: number | null;
  class_session_id: number | null;
  active: Generated<boolean>;
  /** Holds and waitlist offers end by themselves at this time. */
  expires_at: Date | null;
  created_at: Timestamp;
  released_at: Date | null;
  /** A block's note ("training", "dentist"); null for every other kind. */
  reason: Generated<string | null>;
  /** Who set a block. */
  created_by: Generated<number | null>;
}

/** A prepayment Telegram reported paid, and what it did to its booking. */
export interface PaymentTable {
  id: Generated<number>;
  bot_id: string;
  booking_id: number;
  amount_minor: number;
  currency: string;
  /** Unique: Telegram's id of the charge, so a redelivered payment is recorded once. */
  telegram_payment_charge_id: string;
  /** The provider's id of the charge, what staff look up to refund. */
  provider_payment_charge_id: string;
  outcome: "confirmed" | "rebooked" | "refund-needed";
  paid_at: Date;
  /** When staff recorded that they refunded it in the provider (only a `refund-needed` payment). */
  refunded_at: Date | null;
  /** The Telegram id of who recorded the refund. */
  refunded_by: number | null;
  /** What staff noted with the refund, such as the provider's refund id. */
  refund_note: string | null;
}

export type WaitlistStatus = "waiting" | "offered" | "booked" | "declined" | "expired" | "withdrawn";

/**
 * A client waiting for a time: a whole day (`time_min` null) or one slot, with one master or any
 * (`master_id` null). While `offered`, a freed slot is held for them by an `offer` occupancy.
 */
export interface WaitlistTable {
  id: Generated<number>;
  bot_id: string;
  client_id: number;
  service_id: number;
  master_id: number | null;
  /** The day wished for, at the location (select it as text). */
  date: DateColumn;
  /** Minutes after local midnight of the slot wished for; null means any time that day. */
  time_min: number | null;
  status: WaitlistStatus;
  offered_start: Date | null;
  offered_master_id: number | null;
  offer_occupancy_id: number | null;
  offer_expires_at: Date | null;
  booking_id: number | null;
  created_at: Date;
  updated_at: Timestamp;
}

/** A client's review of a visit marked done: asked once, rated once, optionally commented once. */
export interface ReviewTable {
  id: Generated<number>;
  bot_id: string;
  booking_id: number;
  client_id: number;
  master_id: number;
  stars: number | null;
  text: string | null;
  asked_at: Date;
  rated_at: Date | null;
  commented_at: Date | null;
}

export interface BookingTables {
  booking_location: LocationTable;
  booking_service: ServiceTable;
  booking_master: MasterTable;
  booking_master_service: MasterServiceTable;
  booking_weekly_hours: WeeklyHoursTable;
  booking_day_off: DayOffTable;
  booking_holiday: HolidayTable;
  booking_date_override: DateOverrideTable;
  booking_rules: RulesTable;
  booking_client: ClientTable;
  booking_class_session: ClassSessionTable;
  booking: BookingTable;
  booking_history: BookingHistoryTable;
  booking_occupancy: OccupancyTable;
  booking_payment: PaymentTable;
  booking_waitlist: WaitlistTable;
  booking_review: ReviewTable;
}

export type Tables = PlatformTables & BookingTables;

export type Db = Kysely<Tables> | Transaction<Tables>;

export type BookingRow = Selectable<BookingTable>;

export type ClientRow = Selectable<ClientTable>;
