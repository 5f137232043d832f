import type { ImportEdge } from "./import-graph.ts";
import { valueCycles } from "./import-graph.ts";

/** npm packages pure enough for `domain/` code: no I/O, no clock, no framework. */
export const PURE_PACKAGES: readonly string[] = ["libphonenumber-js"];

/** A broken rule: which rule, and the import that breaks it. */
export interface Violation {
  rule: string;
  at: string;
}

const moduleOf = (path: string) => /^src\/modules\/([^/]+)\//.exec(path)?.[1];
const isPackage = (edge: ImportEdge) => !edge.specifier.startsWith(".");
const packageName = (specifier: string) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
const describe = (edge: ImportEdge) => `${edge.from} imports ${edge.specifier}`;

/**
 * The import rules of docs/modules.md, checked over an import graph: modules never import each
 * other; the platform never imports a module or the composition root; a module's `domain/` and
 * the platform's `domain/` stay pure; `bot/` and `api/` use no Kysely values; a module reaches the
 * LLM only through its jobs' context (no value import of src/platform/llm/); no run-time cycle.
 */
export function boundaryViolations(edges: readonly ImportEdge[]): Violation[] {
  const violations: Violation[] = [];
  const breaks = (rule: string, edge: ImportEdge) => violations.push({ rule, at: describe(edge) });
  for (const edge of edges) {
    const fromModule = moduleOf(edge.from);
    const toModule = isPackage(edge) ? undefined : moduleOf(edge.to);
    if (fromModule !== undefined && toModule !== undefined && fromModule !== toModule) breaks("modules never import each other", edge);
    if (edge.from.startsWith("src/platform/") && !isPackage(edge) && (edge.to.startsWith("src/modules/") || edge.to === "src/main.ts" || edge.to === "src/cli.ts")) {
      breaks("the platform never imports a module or the composition root", edge);
    }
    if (fromModule !== undefined && edge.from.startsWith(`src/modules/${fromModule}/domain/`)) {
      const pure = isPackage(edge) ? PURE_PACKAGES.includes(packageName(edge.specifier)) : edge.to.startsWith(`src/modules/${fromModule}/domain/`) || edge.to.startsWith("src/platform/domain/");
      if (!pure) breaks("a module's domain/ imports only itself and src/platform/domain/", edge);
    }
    if (edge.from.startsWith("src/platform/domain/")) {
      const pure = isPackage(edge) ? PURE_PACKAGES.includes(packageName(edge.specifier)) : edge.to.startsWith("src/platform/domain/");
      if (!pure) breaks("src/platform/domain/ imports only itself", edge);
    }
    if (fromModule !== undefined && /^src\/modules\/[^/]+\/(bot|api)\//.test(edge.from) && edge.kind === "value" && packageName(edge.specifier) === "kysely") {
      breaks("a module's bot/ and api/ import no Kysely values", edge);
    }
    if (fromModule !== undefined && !isPackage(edge) && edge.kind === "value" && edge.to.startsWith("src/platform/llm/")) {
      breaks("a module calls the LLM only from its jobs' context", edge);
    }
  }
  for (const cycle of valueCycles(edges)) violations.push({ rule: "no run-time import cycle", at: cycle.join(" -> ") });
  return violations;
}
