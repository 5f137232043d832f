import { Composer } from "grammy";
import { sql } from "kysely";
import { defineModule } from "../../src/platform/module.ts";
import type { BotyardContext } from "../../src/platform/telegram/context.ts";

/**
 * A module for tests of robustness: `/throw` throws, `/hang` outlives its deadline and then tries
 * to write (the write must be refused), `/slowwrite` records a row after a pause within its deadline.
 */
export function faultyModule(hang: { release: Promise<void> }) {
  return defineModule({
    name: "faulty",
    migrations: {
      faulty_0001: {
        up: async (db) => {
          await sql`create table late_write (update_id bigint primary key)`.execute(db);
        },
      },
    },
    composer: () => {
      const composer = new Composer<BotyardContext>();
      composer.command("throw", () => {
        throw new Error("a handler bug");
      });
      composer.command("hang", async (ctx) => {
        await hang.release;
        await ctx.commit("late-write", async (trx) => {
          await sql`insert into late_write (update_id) values (${ctx.update.update_id})`.execute(trx);
        });
        await ctx.reply("late reply");
      });
      return composer;
    },
  });
}
