import type { ColumnType, Generated } from "kysely";

export interface FeedbackTable {
  id: Generated<number>;
  bot_id: string;
  author_id: number;
  text: string;
  photo_file_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FeedbackTables {
  feedback: FeedbackTable;
}
