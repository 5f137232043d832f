// Runs PGlite's initdb into the directory named by the first argument, then exits: a process of
// its own, so the initdb engine's memory and its WebAssembly compilation die with it (see
// blank-data-dir.ts).
import { PGlite } from "@electric-sql/pglite";

const target = process.argv[2];
if (target === undefined) throw new Error("usage: pglite-initdb.ts <data directory>");
const pglite = await PGlite.create(target);
await pglite.close();
