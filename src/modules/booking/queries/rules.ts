import { DEFAULT_BOOKING_RULES, rulesForService, type BookingRules } from "../domain/rules.ts";
import type { Selectable } from "kysely";
import type { Db, Tables } from "../tables.ts";

/** The rules a bot set, the defaults where it set none, and its hold and reminder settings. */
export interface BotBookingRules {
  rules: BookingRules;
  holdMin: number;
  reminderOffsetsMin: number[];
}

export async function botRules(db: Db, botId: string): Promise<BotBookingRules> {
  return botRulesFrom(await db.selectFrom("booking_rules").selectAll().where("bot_id", "=", botId).executeTakeFirst());
}

/** The columns of a `booking_rules` row that say how the bot books. */
export type BookingRulesRow = Pick<
  Selectable<Tables["booking_rules"]>,
  "min_notice_min" | "horizon_days" | "cancel_window_min" | "reschedule_window_min" | "max_reschedules" | "max_active_per_client" | "hold_min" | "reminder_offsets_min"
>;

/** A bot's rules from its `booking_rules` row, or the defaults when it has none. */
export function botRulesFrom(row: BookingRulesRow | null | undefined): BotBookingRules {
  if (row == null) return { rules: DEFAULT_BOOKING_RULES, holdMin: 15, reminderOffsetsMin: [1440, 120] };
  return {
    rules: {
      minNoticeMin: row.min_notice_min,
      horizonDays: row.horizon_days,
      cancelWindowMin: row.cancel_window_min,
      rescheduleWindowMin: row.reschedule_window_min,
      maxReschedules: row.max_reschedules,
      maxActivePerClient: row.max_active_per_client,
    },
    holdMin: row.hold_min,
    reminderOffsetsMin: row.reminder_offsets_min,
  };
}

/** The rules in force for one service: the bot's, with the service's overrides on top. */
export async function rulesOfService(db: Db, botId: string, serviceId: number): Promise<BookingRules> {
  const [bot, service] = await Promise.all([
    botRules(db, botId),
    db.selectFrom("booking_service").select("rule_overrides").where("id", "=", serviceId).executeTakeFirst(),
  ]);
  return rulesForService(bot.rules, service?.rule_overrides);
}
