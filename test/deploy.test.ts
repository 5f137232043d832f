// The deployment files (Dockerfile, compose.yaml, the systemd unit, .env.example) may only name
// settings the config schema knows, and .env.example documents every one of them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { environmentSchema } from "../src/config.ts";

const root = resolve(import.meta.dirname, "..");
const read = (path: string): string => readFileSync(join(root, path), "utf8");
const schemaKeys = Object.keys(environmentSchema.shape).sort();
const SECRETS = ["BOT_TOKEN", "WEBHOOK_SECRET"];
const DRAIN_BUDGET_MS = environmentSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined);

/** Splits on whitespace, keeping double-quoted parts together and dropping the quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((match) => match[0].replaceAll('"', ""));
}

/** Assignments of every ENV instruction (both `ENV A=1 B=2` and the legacy `ENV A 1`). */
function dockerfileEnv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  const instructions = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim());
  for (const instruction of instructions) {
    const match = /^ENV\s+(.*)$/i.exec(instruction);
    if (match?.[1] === undefined) continue;
    const parts = words(match[1]);
    if (parts[0]?.includes("=") === true) {
      for (const part of parts) {
        const at = part.indexOf("=");
        env.set(part.slice(0, at), part.slice(at + 1));
      }
    } else if (parts[0] !== undefined) {
      env.set(parts[0], parts.slice(1).join(" "));
    }
  }
  return env;
}

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

function yamlScalar(raw: string): Yaml {
  const trimmed = raw.trim();
  if (trimmed === "" || trimmed === "null" || trimmed === "~") return null;
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed.startsWith("[") || trimmed.startsWith('"')) return JSON.parse(trimmed) as Yaml;
  if (trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).replaceAll("''", "'");
  return trimmed;
}

/**
 * Enough YAML for compose.yaml: block maps and lists by indentation, `- key: value` list items,
 * plain, quoted and JSON-style flow scalars, full-line comments. Anything else is a test failure
 * rather than a silent misreading.
 */
function parseYaml(text: string): Yaml {
  const lines = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("#"))
    .map((line) => {
      assert.ok(!line.includes("\t"), `tabs are not YAML indentation: ${line}`);
      return { indent: line.length - line.trimStart().length, content: line.trim() };
    });
  let index = 0;

  function block(indent: number): Yaml {
    const first = lines[index];
    if (first === undefined || first.indent < indent) return null;
    if (first.content.startsWith("- ") || first.content === "-") {
      const list: Yaml[] = [];
      while (lines[index]?.indent === indent && lines[index]?.content.startsWith("-") === true) {
        const line = lines[index] as { indent: number; content: string };
        const rest = line.content.slice(1).trimStart();
        if (/^[\w.-]+:(\s|$)/.test(rest)) {
          // `- key: value` starts a map whose other keys sit under `key`.
          line.indent += line.content.length - rest.length;
          line.content = rest;
          list.push(block(line.indent));
        } else {
          index++;
          list.push(rest === "" ? block(indent + 1) : yamlScalar(rest));
        }
      }
      return list;
    }
    const map: { [key: string]: Yaml } = {};
    while (lines[index]?.indent === indent) {
      const line = lines[index] as { indent: number; content: string };
      const match = /^([\w.-]+):(?:\s+(.*))?$/.exec(line.content);
      assert.ok(match?.[1] !== undefined, `unsupported YAML line: ${line.content}`);
      index++;
      const value = match[2];
      const next = lines[index];
      map[match[1]] = value !== undefined ? yamlScalar(value) : next !== undefined && next.indent > indent ? block(next.indent) : null;
    }
    return map;
  }

  const document = block(0);
  assert.equal(index, lines.length, `compose.yaml not fully read; stopped at: ${lines[index]?.content}`);
  return document;
}

/** A scalar as text; a map or list where text belongs is a test failure. */
function text(value: Yaml | undefined): string {
  assert.ok(typeof value !== "object" || value === null, `expected a scalar, got ${JSON.stringify(value)}`);
  return value === null || value === undefined ? "" : String(value);
}

function asMap(value: Yaml | undefined, what: string): { [key: string]: Yaml } {
  assert.ok(typeof value === "object" && value !== null && !Array.isArray(value), `${what} is a map`);
  return value;
}

/** A service's environment as name -> value, from either the map or the `- NAME=value` list form. */
function composeEnvironment(service: { [key: string]: Yaml }): Map<string, string> {
  const environment = service.environment ?? null;
  if (environment === null) return new Map();
  if (Array.isArray(environment)) {
    return new Map(
      environment.map((item) => {
        const line = text(item);
        const at = line.indexOf("=");
        return at === -1 ? [line, ""] : [line.slice(0, at), line.slice(at + 1)];
      }),
    );
  }
  return new Map(Object.entries(asMap(environment, "environment")).map(([key, value]) => [key, text(value)]));
}

function readCompose(): { app: { [key: string]: Yaml }; services: { [key: string]: Yaml } } {
  const services = asMap(asMap(parseYaml(read("compose.yaml")), "compose.yaml").services, "services");
  const built = Object.values(services).filter((service) => asMap(service, "a service").build !== undefined);
  assert.equal(built.length, 1, "exactly one service (the app) is built from this repository");
  return { app: asMap(built[0], "the app service"), services };
}

/** `[Service]` and other sections' `Key=value` lines, in order. */
function unitSettings(text: string): [string, string][] {
  return text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith(";") && !line.startsWith("["))
    .map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
}

function unitEnvironment(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const [key, value] of unitSettings(text)) {
    if (key !== "Environment") continue;
    for (const assignment of words(value)) {
      const at = assignment.indexOf("=");
      env.set(assignment.slice(0, at), assignment.slice(at + 1));
    }
  }
  return env;
}

/** systemd ("30s", "1min 30s", "30") and compose ("1m30s") durations, in ms. */
function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
  if (/^\d+$/.test(text.trim())) return Number(text) * 1000;
  let total = 0;
  const rest = text.replace(/(\d+)\s*(ms|sec|min|s|m|h)/g, (_all, amount: string, unit: string) => {
    total += Number(amount) * (units[unit] ?? Number.NaN);
    return "";
  });
  assert.equal(rest.trim(), "", `cannot read the duration ${text}`);
  return total;
}

/** .env.example's variables, set (`NAME=`) or commented out (`# NAME=`), with the line above. */
function envExample(): { name: string; value: string; comment: string | undefined }[] {
  const lines = read(".env.example").split(/\r?\n/);
  const entries: { name: string; value: string; comment: string | undefined }[] = [];
  lines.forEach((line, index) => {
    const match = /^(?:#\s?)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] === undefined) return;
    const above = lines[index - 1];
    const isComment = above !== undefined && above.startsWith("#") && !/^#\s?[A-Z][A-Z0-9_]*=/.test(above);
    entries.push({ name: match[1], value: match[2] ?? "", comment: isComment ? above : undefined });
  });
  return entries;
}

function assertKnown(names: Iterable<string>, file: string): void {
  const unknown = [...names].filter((name) => !schemaKeys.includes(name));
  assert.deepEqual(unknown, [], `${file} sets variables src/config.ts does not know: ${unknown.join(", ")}`);
}

test("the Dockerfile sets only variables the config schema knows, and no secrets", () => {
  const env = dockerfileEnv(read("Dockerfile"));
  assert.ok(env.size > 0, "the Dockerfile has ENV lines");
  assertKnown(env.keys(), "Dockerfile");
  for (const secret of SECRETS) assert.ok(!env.has(secret), `the Dockerfile must not set ${secret}`);
  assert.equal(env.get("HOST"), "0.0.0.0", "in a container the app listens on every interface");
});

test("the Dockerfile runs the app as a non-root user with node as the main process", () => {
  const text = read("Dockerfile");
  const users = [...text.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
  assert.ok(users.length > 0 && !["root", "0"].includes(users.at(-1) ?? "root"), "the last USER is not root");
  assert.match(text, /^CMD \[[^\]]*"src\/cli\.ts", "start"\]$/m);
});

test("the compose app service sets only schema variables, and secrets come from .env alone", () => {
  const { app } = readCompose();
  const env = composeEnvironment(app);
  assertKnown(env.keys(), "compose.yaml");
  for (const secret of SECRETS) assert.ok(!env.has(secret), `compose.yaml must not give ${secret} a value`);
  const envFiles = [app.env_file ?? []].flat().map((entry) => (typeof entry === "object" && entry !== null ? text(asMap(entry, "env_file").path) : text(entry)));
  assert.ok(envFiles.includes(".env"), "the app reads its settings and secrets from .env");
});

test("compose runs the app on a PostgreSQL 16 service with a healthcheck and a volume", () => {
  const { app, services } = readCompose();
  // Compose fills ${POSTGRES_PASSWORD...} in before the app sees it.
  const url = new URL((composeEnvironment(app).get("DATABASE_URL") ?? "missing:").replace(/\$\{[^}]*\}/g, "password"));
  const db = asMap(services[url.hostname], `the service DATABASE_URL points at (${url.hostname})`);
  assert.match(text(db.image), /^postgres:16(\D|$)/);
  assert.ok(asMap(db.healthcheck, "the database healthcheck").test !== undefined, "the database has a healthcheck");
  assert.ok([db.volumes ?? []].flat().some((volume) => text(volume).endsWith(":/var/lib/postgresql/data")), "the database keeps its data in a volume");
  const dependsOn = asMap(app.depends_on, "the app's depends_on");
  assert.equal(asMap(dependsOn[url.hostname], "the dependency on the database").condition, "service_healthy");
});

test("compose gives the app longer to stop than its drain budget", () => {
  const { app } = readCompose();
  const budget = Number(composeEnvironment(app).get("SHUTDOWN_TIMEOUT_MS") ?? DRAIN_BUDGET_MS);
  assert.ok(typeof app.stop_grace_period === "string", "the app sets stop_grace_period");
  assert.ok(durationMs(app.stop_grace_period) > budget, `stop_grace_period ${app.stop_grace_period} exceeds ${budget} ms`);
});

test("the systemd unit sets only schema variables and keeps secrets in its EnvironmentFile", () => {
  const text = read("deploy/botyard.service");
  const env = unitEnvironment(text);
  assertKnown(env.keys(), "deploy/botyard.service");
  for (const secret of SECRETS) assert.ok(!env.has(secret), `the unit must not set ${secret}`);
  const settings = new Map(unitSettings(text));
  assert.equal(settings.get("EnvironmentFile"), "/etc/botyard/botyard.env");
  assert.equal(settings.get("KillSignal"), "SIGTERM");
  assert.equal(settings.get("Restart"), "on-failure");
  assert.equal(settings.get("NoNewPrivileges"), "yes");
  assert.equal(settings.get("ProtectSystem"), "strict");
  const writable = (settings.get("ReadWritePaths") ?? "").split(/\s+/);
  for (const dir of [env.get("DATA_DIR"), env.get("BACKUP_DIR")]) {
    assert.ok(dir !== undefined && writable.includes(dir), `${dir} is writable under ProtectSystem=strict`);
  }
});

test("the systemd unit waits longer than the drain budget before killing the app", () => {
  const text = read("deploy/botyard.service");
  const budget = Number(unitEnvironment(text).get("SHUTDOWN_TIMEOUT_MS") ?? DRAIN_BUDGET_MS);
  const timeout = new Map(unitSettings(text)).get("TimeoutStopSec");
  assert.ok(timeout !== undefined, "the unit sets TimeoutStopSec");
  assert.ok(durationMs(timeout) > budget, `TimeoutStopSec=${timeout} exceeds ${budget} ms`);
});

test(".env.example names exactly the schema's variables, each once", () => {
  const names = envExample().map((entry) => entry.name);
  assert.deepEqual([...names].sort(), schemaKeys);
});

test("every variable in .env.example has a one-line comment above it", () => {
  const undocumented = envExample().filter((entry) => entry.comment === undefined || entry.comment.replace(/^#\s*/, "") === "");
  assert.deepEqual(
    undocumented.map((entry) => entry.name),
    [],
  );
});

test("the values shown in .env.example are valid, and secrets are left blank", () => {
  const shape: Record<string, { safeParse(value: unknown): { success: boolean } }> = environmentSchema.shape;
  for (const { name, value } of envExample()) {
    if (SECRETS.includes(name)) {
      assert.equal(value, "", `.env.example must not suggest a value for ${name}`);
      continue;
    }
    if (value === "") continue;
    assert.ok(shape[name]?.safeParse(value).success, `.env.example shows an invalid ${name}=${value}`);
  }
});

const analyzer = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
const hasAnalyzer = analyzer.error === undefined && analyzer.status === 0;
const skipAnalyzer = !hasAnalyzer && process.env.CI !== "true" ? "systemd-analyze is not installed (Debian package: systemd)" : false;

/**
 * Runs `systemd-analyze verify` on a copy of the unit whose /opt/botyard is this checkout, so
 * ExecStart names a binary that exists. verify exits 0 on unknown keys and unparsable values
 * (it only warns), so any line about the unit counts as a failure too.
 */
function verifyUnit(unit: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "botyard-unit-"));
  try {
    const path = join(dir, "botyard.service");
    writeFileSync(path, unit.replaceAll("/opt/botyard", root));
    const result = spawnSync("systemd-analyze", ["verify", path], { encoding: "utf8" });
    const output = `${result.stdout}${result.stderr}`.trim();
    const complaints = output.split("\n").filter((line) => line.includes("botyard.service"));
    return { ok: result.status === 0 && complaints.length === 0, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("systemd-analyze verify accepts the unit", { skip: skipAnalyzer }, () => {
  assert.ok(hasAnalyzer, "CI=true: install systemd-analyze (Debian package: systemd)");
  const result = verifyUnit(read("deploy/botyard.service"));
  assert.ok(result.ok, result.output);
});

test("the same check rejects a unit with a misspelt directive or a missing binary", { skip: skipAnalyzer }, () => {
  assert.ok(hasAnalyzer, "CI=true: install systemd-analyze (Debian package: systemd)");
  const unit = read("deploy/botyard.service");
  assert.equal(verifyUnit(unit.replace("ProtectSystem=strict", "ProtectSytem=strict")).ok, false);
  assert.equal(verifyUnit(unit.replace("node_modules/.bin/node", "node_modules/.bin/no-such-node")).ok, false);
});
