import type { User } from "@grammyjs/types";
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import type { FlowState } from "../telegram/flows.ts";

type Trx = Transaction<PlatformTables>;

export interface Sender {
  /** Whose roles these are (absent in journals of older versions). */
  telegramId?: number;
  roles: string[];
  /** The language the person chose with /language, if any. */
  language: string | null;
  /** Where the person is in a multi-step flow in this chat. */
  flow: FlowState | null;
}

/** "Last seen" is kept to the minute: touching it on every update would be a write per update. */
const LAST_SEEN_PRECISION = "1 minute";

/**
 * Records (or refreshes) the sender of an update and returns their roles, chosen language and
 * current flow in `chatId`, in one statement that writes only what changed.
 */
export async function recordSender(db: Kysely<PlatformTables>, botId: string, user: User, chatId: number): Promise<Sender> {
  const person = [user.first_name, user.last_name ?? null, user.username ?? null, user.language_code ?? null];
  const result = await sql<{ member_language: string | null; known_language: string | null; roles: string[]; flow: FlowState | null }>`
    with person_row as (
      insert into person (telegram_id, first_name, last_name, username, language_code)
      values (${user.id}, ${person[0]}, ${person[1]}, ${person[2]}, ${person[3]})
      on conflict (telegram_id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
        username = excluded.username, language_code = excluded.language_code, updated_at = now()
      where (person.first_name, person.last_name, person.username, person.language_code)
        is distinct from (excluded.first_name, excluded.last_name, excluded.username, excluded.language_code)
    ), member as (
      insert into bot_member (bot_id, telegram_id) values (${botId}, ${user.id})
      on conflict (bot_id, telegram_id) do update set last_seen_at = now()
      where bot_member.last_seen_at < now() - ${LAST_SEEN_PRECISION}::interval
      returning language
    )
    select
      (select language from member) as member_language,
      (select language from bot_member where bot_id = ${botId} and telegram_id = ${user.id}) as known_language,
      (select coalesce(json_agg(role), '[]'::json) from role where bot_id = ${botId} and telegram_id = ${user.id}) as roles,
      (select json_build_object('name', name, 'step', step, 'data', data, 'instance', instance) from flow
        where bot_id = ${botId} and chat_id = ${chatId} and user_id = ${user.id} and name is not null and step is not null) as flow`.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error("recording the sender returned no row");
  // A member row written by this statement is not visible to its own reads: `member` has it then.
  return { telegramId: user.id, roles: row.roles, language: row.member_language ?? row.known_language, flow: row.flow };
}

/**
 * `recordSender` inside the statement that claims an update: CTEs after `next` (a CTE with the
 * claimed row's `bot_id`, `payload` and `status`; `condition`: whether it is claimed at all) that record the sender of a fresh message,
 * edited message or button press, and `sender_record`, the journal step with what
 * `recordSender` returns. Other updates (and resumed ones) leave it to `recordSender`.
 */
export function senderOfClaimedCtes(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  // A payload with an escaped NUL or surrogate (JSON.stringify's lone ones) is one PostgreSQL's
  // JSON parser refuses: the claim must never fail on it, so recordSender has those.
  // Where grammY finds ctx.from and ctx.chat for these three kinds of update.
  return sql`
    sender_json as (
      select next.bot_id, case when next.payload !~ (repeat(chr(92), 2) || 'u(0000|[dD][89a-fA-F])') then next.payload::jsonb end as j
      from next where next.status = 'pending' and ${condition}
    ), sender_from as (
      select bot_id, (u->>'id')::bigint as id, u->>'first_name' as first_name, u->>'last_name' as last_name,
        u->>'username' as username, u->>'language_code' as language_code, coalesce(chat, u->>'id')::bigint as chat_id
      from (select bot_id,
          coalesce(j->'message'->'from', j->'edited_message'->'from', j->'callback_query'->'from') as u,
          coalesce(j->'message'->'chat'->>'id', j->'edited_message'->'chat'->>'id', j->'callback_query'->'message'->'chat'->>'id') as chat
        from sender_json where j is not null and j ?| array['message', 'edited_message', 'callback_query']) found
      where u is not null and coalesce((u->>'is_bot')::boolean, false) = false and exists (select 1 from bot where bot.id = found.bot_id)
    ), sender_person as (
      insert into person (telegram_id, first_name, last_name, username, language_code)
      select id, first_name, last_name, username, language_code from sender_from
      on conflict (telegram_id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
        username = excluded.username, language_code = excluded.language_code, updated_at = now()
      where (person.first_name, person.last_name, person.username, person.language_code)
        is distinct from (excluded.first_name, excluded.last_name, excluded.username, excluded.language_code)
    ), sender_member as (
      insert into bot_member (bot_id, telegram_id) select bot_id, id from sender_from
      on conflict (bot_id, telegram_id) do update set last_seen_at = now()
      where bot_member.last_seen_at < now() - ${LAST_SEEN_PRECISION}::interval
      returning language
    ), sender_record as (
      select jsonb_build_array(jsonb_build_object('kind', 'commit', 'name', 'sender', 'bookkeeping', true, 'result', jsonb_build_object(
        'telegramId', s.id,
        'roles', (select coalesce(jsonb_agg(role), '[]'::jsonb) from role where role.bot_id = s.bot_id and role.telegram_id = s.id),
        'language', coalesce((select language from sender_member), (select language from bot_member where bot_member.bot_id = s.bot_id and bot_member.telegram_id = s.id)),
        'flow', (select jsonb_build_object('name', name, 'step', step, 'data', data, 'instance', instance) from flow
          where flow.bot_id = s.bot_id and flow.chat_id = s.chat_id and flow.user_id = s.id and name is not null and step is not null)
      ))) as journal
      from sender_from s
    )`;
}

export async function setLanguage(trx: Trx, botId: string, telegramId: number, language: string): Promise<void> {
  await trx
    .updateTable("bot_member")
    .set({ language })
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .execute();
}

/** The person blocked the bot (403, or my_chat_member "kicked"), or came back. */
export async function setBlocked(trx: Trx | { updateTable: Trx["updateTable"] }, botId: string, telegramId: number, blocked: boolean): Promise<void> {
  await trx
    .updateTable("bot_member")
    .set({ blocked_at: blocked ? sql<Date>`now()` : null })
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .execute();
}

/** The language a person chose in a bot (/language), if any. */
export async function chosenLanguage(db: Kysely<PlatformTables>, botId: string, telegramId: number): Promise<string | null> {
  const member = await db.selectFrom("bot_member").select("language").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).executeTakeFirst();
  return member?.language ?? null;
}
