import type { ColumnType, Generated } from "kysely";
import type { TelegramFileKind } from "../../platform/files/received-file.ts";
import type { KnowledgeTables } from "./knowledge/tables.ts";
import type { Priority, TicketStatus } from "./ticket-workflow.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The last ticket number a bot gave out: numbers run 1, 2, 3... per bot. */
export interface TicketCounterTable {
  bot_id: string;
  last_number: number;
}

export interface TicketTable {
  id: Generated<number>;
  bot_id: string;
  /** What the requester and staff call it: #1, #2... per bot. */
  number: number;
  requester_id: number;
  /** The category's key, which is also the work group routing key; null while it has none. */
  category: string | null;
  priority: Priority;
  status: TicketStatus;
  assignee_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
}

/** Who wrote a message of a ticket's thread: the requester, staff answering them, or staff noting something for each other. */
export type AuthorKind = "user" | "staff" | "note";

export interface TicketMessageTable {
  id: Generated<number>;
  bot_id: string;
  ticket_id: number;
  author_kind: AuthorKind;
  person_id: number;
  /** The text, or a file's caption. */
  text: string | null;
  /** Telegram's file id, and how Telegram sent it (the way to send it on). */
  file_id: string | null;
  file_kind: TelegramFileKind | null;
  created_at: Timestamp;
}

/** The helpdesk module's tables, typed into its transactions. */
export interface HelpdeskTables extends KnowledgeTables {
  helpdesk_ticket_counter: TicketCounterTable;
  helpdesk_ticket: TicketTable;
  helpdesk_ticket_message: TicketMessageTable;
}
