import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";

/**
 * Reads Bicep with the tree-sitter-bicep grammar (WebAssembly, offline): the closest check available
 * where the Bicep CLI cannot be installed. It knows Bicep's syntax, not Azure's resource schemas.
 */
export type { Node };

let parser: Promise<Parser> | undefined;

function bicepParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = createRequire(__filename).resolve("tree-sitter-bicep/tree-sitter-bicep.wasm");
    const p = new Parser();
    p.setLanguage(await Language.load(wasm));
    return p;
  })();
  return parser;
}

export type DeclarationKind = "parameter" | "variable" | "resource" | "module" | "output";

export interface Declaration {
  kind: DeclarationKind;
  name: string;
  node: Node;
  /** Decorator name to its argument texts, e.g. "minValue" to ["0"]. */
  decorators: Map<string, string[]>;
}

export interface BicepFile {
  file: string;
  root: Node;
  declarations: Declaration[];
}

const KINDS: Record<string, DeclarationKind> = {
  parameter_declaration: "parameter",
  variable_declaration: "variable",
  resource_declaration: "resource",
  module_declaration: "module",
  output_declaration: "output",
};

export async function parseBicep(file: string, source: string): Promise<BicepFile> {
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
  return { file, root: tree.rootNode, declarations: declarationsOf(tree.rootNode) };
}

export function bicepFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? bicepFilesUnder(join(dir, e.name)) : e.name.endsWith(".bicep") ? [join(dir, e.name)] : [],
  );
}

export async function loadBicep(file: string, label = file): Promise<BicepFile> {
  return parseBicep(label, readFileSync(file, "utf8"));
}

const named = (n: Node | null | undefined): Node[] => (n ? n.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment") : []);

/** Top-level declarations, each with the decorators written above it (a sibling node in this grammar). */
function declarationsOf(root: Node): Declaration[] {
  const found: Declaration[] = [];
  let decorators = new Map<string, string[]>();
  for (const child of named(root)) {
    if (child.type === "decorators") {
      for (const d of named(child)) {
        const call = named(d)[0];
        const fn = call?.childForFieldName("function");
        if (call && fn) decorators.set(fn.text, named(call.childForFieldName("arguments")).map((a) => a.text));
      }
      continue;
    }
    const kind = KINDS[child.type];
    const name = named(child)[0];
    if (kind && name) found.push({ kind, name: name.text, node: child, decorators });
    decorators = new Map();
  }
  return found;
}

export interface SyntaxProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Every ERROR and MISSING node, 1-based line and column. */
export function syntaxProblems(f: BicepFile): SyntaxProblem[] {
  const found: SyntaxProblem[] = [];
  const visit = (n: Node): void => {
    const at = { file: f.file, line: n.startPosition.row + 1, column: n.startPosition.column + 1 };
    if (n.isMissing) found.push({ ...at, message: `missing ${n.type}` });
    else if (n.isError) found.push({ ...at, message: `cannot parse ${JSON.stringify(n.text.slice(0, 40))}` });
    for (const c of n.children) if (c) visit(c);
  };
  visit(f.root);
  return found;
}

export const describeProblem = (p: SyntaxProblem): string => `${p.file}:${p.line}:${p.column}: ${p.message}`;
export const where = (f: BicepFile, n: Node): string => `${f.file}:${n.startPosition.row + 1}:${n.startPosition.column + 1}`;

export function declarationsOfKind(f: BicepFile, kind: DeclarationKind): Declaration[] {
  return f.declarations.filter((d) => d.kind === kind);
}

export function declaration(f: BicepFile, kind: DeclarationKind, name: string): Declaration | undefined {
  return f.declarations.find((d) => d.kind === kind && d.name === name);
}

/** A resource's type string, for example "Microsoft.Web/sites@2024-04-01". */
export function resourceType(d: Declaration): string {
  return literal(named(d.node)[1]) ?? "";
}

export const resourcesOfType = (f: BicepFile, prefix: string): Declaration[] =>
  declarationsOfKind(f, "resource").filter((d) => resourceType(d).startsWith(`${prefix}@`));

/** True for `resource x '...' = if (...) { }`. */
export const isConditional = (d: Declaration): boolean => named(d.node).some((c) => c.type === "if_statement");

/** The object a resource or module declares, through `if (...)` and `for ... in ...:`. */
export function bodyOf(d: Declaration): Node | undefined {
  let n = named(d.node).at(-1);
  while (n && n.type !== "object") n = named(n).at(-1);
  return n;
}

/** Value of a parameter's default, a variable or an output. */
export function valueOf(d: Declaration): Node | undefined {
  const parts = named(d.node);
  return d.kind === "variable" ? parts[1] : parts[2];
}

/** Follows object keys, e.g. property(body, "properties", "siteConfig"). */
export function property(obj: Node | undefined, ...path: string[]): Node | undefined {
  let at = obj;
  for (const key of path) {
    const prop = named(at).find((p) => p.type === "object_property" && keyOf(p) === key);
    at = prop ? named(prop)[1] : undefined;
  }
  return at;
}

function keyOf(prop: Node): string | undefined {
  const k = named(prop)[0];
  return k?.type === "string" ? literal(k) : k?.text;
}

/** A string with no interpolation, unescaped; undefined for anything else. */
export function literal(n: Node | undefined): string | undefined {
  if (n?.type !== "string") return undefined;
  const parts = named(n);
  if (parts.some((p) => p.type === "interpolation")) return undefined;
  if (n.text.startsWith("'''")) return n.text.slice(3, -3);
  return parts.map((p) => (p.type === "escape_sequence" ? unescape(p.text) : p.text)).join("");
}

const unescape = (s: string): string => ({ "\\n": "\n", "\\r": "\r", "\\t": "\t", "\\\\": "\\", "\\'": "'", "\\$": "$" })[s] ?? s;

/** Identifiers that name a declaration: not object keys, function names or declared names. */
export function references(n: Node): Node[] {
  return n.descendantsOfType("identifier").filter((id): id is Node => {
    const parent = id?.parent;
    if (!id || !parent) return false;
    if (parent.type === "object_property" && named(parent)[0]?.id === id.id) return false;
    if (parent.type === "call_expression" && parent.childForFieldName("function")?.id === id.id) return false;
    return !(parent.type in KINDS && named(parent)[0]?.id === id.id);
  });
}

/** The top-level declaration a node sits in. */
export function enclosing(f: BicepFile, n: Node): Declaration | undefined {
  let at: Node | null = n;
  while (at?.parent && at.parent.type !== "infrastructure") at = at.parent;
  return f.declarations.find((d) => d.node.id === at?.id);
}

/** Every `{ name: '...', value: ... }` in the site's siteConfig.appSettings, by name. */
export function appSettings(site: Declaration): Map<string, Node> {
  const settings = new Map<string, Node>();
  const list = property(bodyOf(site), "properties", "siteConfig", "appSettings");
  for (const obj of list?.descendantsOfType("object") ?? []) {
    const name = literal(property(obj ?? undefined, "name"));
    const value = property(obj ?? undefined, "value");
    if (name && value) settings.set(name, value);
  }
  return settings;
}

/** Text a node stands for: its strings, plus those of the variables it names (one level). */
export function textOf(f: BicepFile, n: Node | undefined): string {
  if (!n) return "";
  const own = n.descendantsOfType("string_content").map((s) => s?.text ?? "");
  const viaVars = references(n).flatMap((r) => {
    const v = declaration(f, "variable", r.text);
    return v ? [textOf(f, valueOf(v))] : [];
  });
  return [...own, ...viaVars].join("\n");
}
