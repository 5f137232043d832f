import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FeedbackTable {
  id: Generated<number>;
  bot_id: string;
  author_id: number;
  text: string;
  photo_file_id: string | null;
  created_at: Timestamp;
  /** Who of the team marked it seen first, and when; null while nobody has. */
  seen_by: number | null;
  seen_at: Timestamp | null;
}

/** The feedback module's tables, typed into its transactions. */
export interface FeedbackTables {
  feedback: FeedbackTable;
}
