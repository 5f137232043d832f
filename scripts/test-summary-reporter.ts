// A node:test reporter for scripts/test.ts: one JSON line per test file, {"file", "ms"} (the
// file's whole run, its process start and imports included), and a last one with the run's
// counts, {"counts"}.
import { resolve } from "node:path";

interface RunEvent {
  type: string;
  data: { file?: string; name?: string; nesting?: number; details?: { duration_ms?: number }; counts?: Record<string, number> };
}

export default async function* testSummary(source: AsyncIterable<RunEvent>): AsyncGenerator<string> {
  for await (const { type, data } of source) {
    // The runner reports each file as a test of its own, named by its path, when it ends.
    if (type === "test:complete" && data.file !== undefined && data.nesting === 0 && data.name !== undefined && resolve(data.name) === data.file) {
      yield `${JSON.stringify({ file: data.file, ms: Math.round(data.details?.duration_ms ?? 0) })}\n`;
    }
    // The summary of the whole run is the one that names no file.
    if (type === "test:summary" && data.file === undefined) yield `${JSON.stringify({ counts: data.counts })}\n`;
  }
}
