import { DEFAULT_BOOKING_RULES, rulesForService, type BookingRules } from "../domain/rules.ts";
import type { Db } from "../tables.ts";

/** The rules a bot set, the defaults where it set none, and its hold and reminder settings. */
export interface BotBookingRules {
  rules: BookingRules;
  holdMin: number;
  reminderOffsetsMin: number[];
}

export async function botRules(db: Db, botId: string): Promise<BotBookingRules> {
  const row = await db.selectFrom("booking_rules").selectAll().where("bot_id", "=", botId).executeTakeFirst();
  if (row === undefined) return { rules: DEFAULT_BOOKING_RULES, holdMin: 15, reminderOffsetsMin: [1440, 120] };
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
