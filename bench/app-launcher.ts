// Runs the real app from the environment, as `botyard start` would, for the benchmark to spawn.
// A child process of its own, so its startup, shutdown and memory are those of a real process.
// SIGTERM/SIGINT stop it gracefully; the exit code is 0 when the drain finished.
import { loadConfig } from "../src/config.ts";
import { runApp } from "../src/main.ts";
import { createLogger } from "../src/platform/log.ts";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "info" });

try {
  const app = await runApp(loadConfig(process.env), { logger });
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
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
} catch (error) {
  logger.fatal({ err: error }, "could not start");
  process.exit(1);
}
