// A benchmarked child process: spawned with Node 24, watched for its "ready" log line, sampled
// for memory through /proc, and stopped with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

export interface Memory {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size since the process started (VmHWM), MiB. */
  hwmMiB: number;
}

/** VmRSS and VmHWM of a process, from /proc/<pid>/status (Linux). */
export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) / 1024;
  return { rssMiB: field("VmRSS"), hwmMiB: field("VmHWM") };
}

export class BenchProcess {
  readonly child: ChildProcess;
  readonly output: string[] = [];
  readonly spawnedAt = performance.now();
  /** Resolves with the ready line's JSON and the wall time from spawn to that line. */
  readonly ready: Promise<{ line: Record<string, unknown>; wallMs: number }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  constructor(script: string, env: Record<string, string>, readyMarker: string) {
    this.child = spawn(process.execPath, [resolve(import.meta.dirname, script)], {
      env: { PATH: process.env.PATH, ...env },
      // The child's stdin closes when this process dies, however it dies: the child then stops too.
      stdio: ["pipe", "pipe", "pipe"],
    });
    const killOnExit = () => this.child.kill("SIGKILL");
    process.on("exit", killOnExit);
    this.exited = new Promise((done) =>
      this.child.on("exit", (code, signal) => {
        process.off("exit", killOnExit);
        done({ code, signal, at: performance.now() });
      }),
    );
    this.ready = new Promise((done, fail) => {
      createInterface({ input: this.child.stdout! }).on("line", (text) => {
        const at = performance.now();
        this.output.push(text);
        if (text.includes(readyMarker)) done({ line: JSON.parse(text) as Record<string, unknown>, wallMs: at - this.spawnedAt });
      });
      createInterface({ input: this.child.stderr! }).on("line", (text) => this.output.push(text));
      void this.exited.then(({ code, signal }) => fail(new Error(`${script} exited (${code ?? signal}) before ready:\n${this.output.join("\n")}`)));
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error("the process did not start");
    return this.child.pid;
  }

  memory(): Memory | undefined {
    return readMemory(this.pid);
  }

  /** SIGTERM, then the time until the process is gone (ms) and its exit code. */
  async stop(): Promise<{ ms: number; code: number | null }> {
    const sent = performance.now();
    this.child.kill("SIGTERM");
    const kill = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
    const exit = await this.exited;
    clearTimeout(kill);
    return { ms: exit.at - sent, code: exit.code };
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, intervalMs = 50): { stop(): number } {
  let peak = 0;
  const take = () => {
    const memory = readMemory(pid);
    if (memory !== undefined && memory.rssMiB > peak) peak = memory.rssMiB;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
