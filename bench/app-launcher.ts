// Runs the real app from the environment, as `botyard start` would, for the benchmark to spawn.
// A child process of its own, so its startup, shutdown and memory are those of a real process.
// SIGTERM/SIGINT stop it gracefully (during start-up they stop start-up); the exit code is 0
// when the drain finished.
import { loadConfig, secretsOf } from "../src/config.ts";
import { StartupAbortedError, runApp, type RunningApp } from "../src/main.ts";
import { createLogger } from "../src/platform/log.ts";

const config = loadConfig(process.env);
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "info", secrets: secretsOf(config) });
const startup = new AbortController();
let app: RunningApp | undefined;
let stopping = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  if (app === undefined) {
    startup.abort(signal);
    return;
  }
  app.stop(signal).then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
};
process.on("SIGTERM", onSignal);
process.on("SIGINT", onSignal);
// The benchmark holds our stdin open; when it dies, stop rather than linger as an orphan.
process.stdin.on("end", () => onSignal("SIGTERM"));
process.stdin.resume();

try {
  app = await runApp(config, { logger, signal: startup.signal });
} catch (error) {
  if (error instanceof StartupAbortedError) {
    logger.info("start-up stopped; exiting");
    process.exit(0);
  }
  logger.fatal({ err: error }, "could not start");
  process.exit(1);
}
