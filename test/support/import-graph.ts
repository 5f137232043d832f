import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** One import of a file: where it points and whether it brings values at run time. */
export interface ImportEdge {
  from: string;
  /** A path relative to the root for a relative import, else the package's name. */
  to: string;
  kind: "value" | "type";
  /** The import as written. */
  specifier: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (clause === undefined) return false; // `import "./side-effect.ts"` runs the file
    if (clause.isTypeOnly) return true;
    if (clause.name !== undefined) return false;
    const bindings = clause.namedBindings;
    return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

/**
 * Every import and re-export of the TypeScript files under `root/dir` (static, and dynamic
 * `import("./x.ts")` of a literal path), with relative paths resolved against `root`.
 */
export function importGraph(root: string, dir = "src"): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of filesUnder(join(root, dir))) {
    const from = relative(root, file).split(sep).join("/");
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const add = (specifier: string, kind: ImportEdge["kind"]) => {
      const to = specifier.startsWith(".") ? relative(root, resolve(dirname(file), specifier)).split(sep).join("/") : specifier;
      edges.push({ from, to, kind, specifier });
    };
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, isTypeOnly(node) ? "type" : "value");
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument !== undefined && ts.isStringLiteral(argument)) add(argument.text, "value");
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node.argument.literal.text, "type");
      } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
        // `declare module "../x.ts" { ... }` augments types: no run-time edge.
        add(node.name.text, "type");
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

/** The run-time import cycles among the files of the graph, each as a path that returns to its start. */
export function valueCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== "value" || !edge.specifier.startsWith(".")) continue;
    next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const walk = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === "open") {
        const cycle = [...path.slice(path.indexOf(to)), to];
        const key = [...cycle.slice(0, -1)].sort().join("|");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (state.get(to) === undefined) walk(to);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of [...next.keys()].sort()) if (state.get(file) === undefined) walk(file);
  return cycles;
}
