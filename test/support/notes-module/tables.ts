import type { ColumnType, Generated } from "kysely";

export interface NoteTable {
  id: Generated<number>;
  bot_id: string;
  author_id: number;
  text: string;
  /** Filled in by the `notes.count-words` job. */
  words: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface NotesTables {
  note: NoteTable;
}
