import type { ColumnType, Generated, Selectable } from "kysely";
import type { RequestStatus } from "./domain/request.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person's application for staff access, and what became of it. */
export interface AccessRequestTable {
  id: Generated<number>;
  bot_id: string;
  telegram_id: number;
  name: string;
  /** E.164. */
  phone: string;
  comment: string | null;
  status: Generated<RequestStatus>;
  /** The role an approval granted. */
  role: string | null;
  /** Why it was rejected. */
  reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  /** Rises with every change, so each round of card edits has dedupe keys of its own. */
  revision: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A person barred from access in one bot: they can neither apply nor sign in. */
export interface AccessBlockTable {
  bot_id: string;
  telegram_id: number;
  reason: string | null;
  blocked_by: number | null;
  blocked_at: Timestamp;
}

/** The access module's tables, typed into its transactions. */
export interface AccessTables {
  access_request: AccessRequestTable;
  access_block: AccessBlockTable;
}

export type AccessRequest = Selectable<AccessRequestTable>;
