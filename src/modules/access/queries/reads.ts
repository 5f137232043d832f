import type { Kysely, Transaction } from "kysely";
import type { PlatformTables } from "../../../platform/db/schema.ts";
import type { AccessTables } from "../tables.ts";

/** What access's queries read from: the app's database or a transaction, with the module's tables typed in. */
export type Reads = Kysely<PlatformTables & AccessTables> | Transaction<PlatformTables & AccessTables>;
