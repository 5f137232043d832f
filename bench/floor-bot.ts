// The framework floor: the smallest grammY bot that answers every message, polling the same
// emulator with grammY's own `bot.start()`. No database, no inbox, no i18n: what is left of the
// latency and throughput is grammY, HTTP and the emulator.
import { Bot } from "grammy";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (token === undefined || apiRoot === undefined) throw new Error("floor-bot needs BOT_TOKEN and TELEGRAM_API_ROOT");

const bot = new Bot(token, { client: { apiRoot } });
bot.on("message", (ctx) => ctx.reply("I did not understand that. /help lists what I can do."));
bot.catch((error) => console.error(JSON.stringify({ msg: "handler failed", err: String(error.error) })));

let stopping = false;
const onSignal = () => {
  if (stopping) process.exit(1);
  stopping = true;
  bot.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", onSignal);
process.on("SIGINT", onSignal);
// The benchmark holds our stdin open; when it dies, stop rather than linger as an orphan.
process.stdin.on("end", onSignal);
process.stdin.resume();

const started = performance.now();
await bot.start({
  onStart: () => console.log(JSON.stringify({ msg: "floor bot is ready", startupMs: Math.round(performance.now() - started) })),
});
