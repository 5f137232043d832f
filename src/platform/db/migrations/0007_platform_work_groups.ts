import { sql, type Kysely } from "kysely";

/**
 * Staff work groups (src/platform/work-groups/): Telegram groups a bot is linked to, what each
 * serves (a module and a routing key the module names), one thread per subject in a group (a
 * forum topic or a card message), and the internal notes staff write there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table work_group (
      id bigserial primary key,
      bot_id text not null references bot(id),
      chat_id bigint not null,
      title text not null,
      is_forum boolean not null,
      linked_by bigint,
      linked_at timestamptz not null,
      gone_at timestamptz,
      unique (bot_id, chat_id)
    );
    create table work_group_purpose (
      bot_id text not null references bot(id),
      module text not null,
      routing_key text not null,
      group_id bigint not null references work_group(id),
      primary key (bot_id, module, routing_key)
    );
    create table subject_thread (
      id bigserial primary key,
      bot_id text not null references bot(id),
      group_id bigint not null references work_group(id),
      chat_id bigint not null,
      module text not null,
      subject_type text not null,
      subject_id bigint not null,
      kind text not null check (kind in ('topic', 'card')),
      opening_key text not null,
      card_key text not null,
      card_version integer not null default 0,
      message_id bigint,
      opened_at timestamptz not null,
      unique (bot_id, subject_type, subject_id, group_id),
      unique (bot_id, opening_key)
    );
    create index subject_thread_by_message on subject_thread (bot_id, chat_id, message_id);
    create table thread_note (
      id bigserial primary key,
      bot_id text not null references bot(id),
      thread_id bigint not null references subject_thread(id),
      author_id bigint not null,
      message_id bigint not null,
      text text not null,
      at timestamptz not null,
      unique (bot_id, thread_id, message_id)
    );
    create index outbox_thread_messages on outbox (bot_id, chat_id, message_id) where payload ? 'thread_of';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index outbox_thread_messages;
    drop table thread_note;
    drop table subject_thread;
    drop table work_group_purpose;
    drop table work_group;
  `.execute(db);
}
