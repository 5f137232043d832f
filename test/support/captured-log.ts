import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/platform/log.ts";

/** A logger whose lines (parsed) land in `lines`, and their raw text in `text()`. */
export function capturedLog(level = "warn"): { logger: Logger; lines: Record<string, unknown>[]; text(): string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) {
        if (line === "") continue;
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => raw.join("\n") };
}
