import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table helpdesk_ticket_counter (
      bot_id text primary key references bot(id),
      last_number integer not null
    );
    create table helpdesk_ticket (
      id bigserial primary key,
      bot_id text not null references bot(id),
      number integer not null,
      requester_id bigint not null references person(telegram_id),
      category text,
      priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
      status text not null check (status in ('new', 'open', 'waiting', 'resolved', 'closed')),
      assignee_id bigint references person(telegram_id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      first_response_at timestamptz,
      resolved_at timestamptz,
      unique (bot_id, number)
    );
    -- A person has one ticket at a time that is not closed: their messages join it.
    create unique index helpdesk_ticket_current on helpdesk_ticket (bot_id, requester_id) where status <> 'closed';
    create index helpdesk_ticket_queue on helpdesk_ticket (bot_id, status, updated_at desc);
    create table helpdesk_ticket_message (
      id bigserial primary key,
      bot_id text not null references bot(id),
      ticket_id bigint not null references helpdesk_ticket(id),
      author_kind text not null check (author_kind in ('user', 'staff', 'note')),
      person_id bigint not null references person(telegram_id),
      text text,
      file_id text,
      file_kind text check (file_kind in ('photo', 'document', 'voice', 'video')),
      created_at timestamptz not null,
      check (text is not null or file_id is not null),
      check ((file_id is null) = (file_kind is null))
    );
    create index helpdesk_ticket_message_thread on helpdesk_ticket_message (ticket_id, id);
  `.execute(db);
}
