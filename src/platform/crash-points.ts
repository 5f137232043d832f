/**
 * Test-only fault hook. Crash tests set `BOTYARD_TEST_CRASH_AT=<name>` (or `<name>:<n>` for the
 * n-th time the point is reached) and the process SIGKILLs itself there, so a test can prove
 * that nothing is lost or done twice at exactly that moment. Without the variable it does nothing.
 *
 * Points: `inbox-before-ack` (updates stored, Telegram not yet told), `handler-before-done`
 * (handler committed, update not yet marked done), `after-telegram-200` (outbox message sent,
 * not yet marked sent), `reply-after-telegram-200` (a handler's Bot API call answered, its
 * answer not yet in the update's journal), `event-tick-before-commit` (a due event claimed, not
 * yet committed).
 */
const target = process.env.BOTYARD_TEST_CRASH_AT;
const hits = new Map<string, number>();

export function crashPoint(name: string): void {
  if (target === undefined) return;
  const [point, nth] = target.split(":");
  if (point !== name) return;
  const count = (hits.get(name) ?? 0) + 1;
  hits.set(name, count);
  if (count >= Number(nth ?? 1)) process.kill(process.pid, "SIGKILL");
}
