// A static check of PowerShell scripts with the tree-sitter PowerShell grammar (loaded as WebAssembly, no
// native build): syntax errors, syntax and APIs that exist only in PowerShell 7 / .NET Core (the HelloID agent
// may run Windows PowerShell 5.1), characters Windows PowerShell 5.1 would misread, and variables that are
// read but never assigned (a typo in an untestable script is otherwise found only on the agent).
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { Language, type Node, Parser } from "web-tree-sitter";
import { isPlainAscii } from "../../src/helloid/shim/index.js";

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  // V8 would otherwise optimize the grammar's large WebAssembly module in the background for seconds and
  // hold the test process open until it is done; the baseline compiler is fast enough for a few scripts.
  setFlagsFromString("--liftoff-only");
  await Parser.init();
  const language = await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Parameters that Windows PowerShell 5.1 does not have (on the cmdlets that have them in 7). */
const PS7_PARAMETERS = new Set(
  [
    "-Parallel",
    "-AsHashtable",
    "-AsByteStream",
    "-SkipHttpErrorCheck",
    "-EscapeHandling",
    "-DateKind",
    "-AsArray",
    "-ResponseHeadersVariable",
    "-StatusCodeVariable",
    "-ThrottleLimit",
    "-NoEnumerate",
  ].map((p) => p.toLowerCase()),
);
const PS7_COMMANDS = new Set(
  [
    "Join-String",
    "Get-Error",
    "Test-Json",
    "Start-ThreadJob",
    "ConvertFrom-Markdown",
    "Get-Uptime",
    "Remove-Alias",
  ].map((c) => c.toLowerCase()),
);
/** .NET Core-only members a PowerShell 5.1 (.NET Framework) script must not use. */
const CORE_MEMBERS = new Set(
  ["ArgumentList", "StandardInputEncoding", "WaitForExitAsync"].map((m) => m.toLowerCase()),
);
const PS7_VARIABLES = new Set(
  ["$PSStyle", "$IsWindows", "$IsLinux", "$IsMacOS", "$IsCoreCLR"].map((v) => v.toLowerCase()),
);

/** Variables PowerShell or HelloID define. */
const KNOWN_VARIABLES = new Set(
  [
    "$true",
    "$false",
    "$null",
    "$_",
    "$PSItem",
    "$PSVersionTable",
    "$args",
    "$input",
    "$this",
    "$Error",
    "$LASTEXITCODE",
    "$ErrorActionPreference",
    "$InformationPreference",
    "$WarningPreference",
    "$PSScriptRoot",
    "$actionContext",
    "$personContext",
    "$resourceContext",
    "$outputContext",
  ].map((v) => v.toLowerCase()),
);

function normalizeVariable(text: string): string {
  // @name is splatting $name.
  return text
    .replace(/^@/, "$")
    .replace(/^\$(script|global|local|private):/i, "$")
    .toLowerCase();
}

function* descendants(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* descendants(child);
}

/** Every node, depth first, with a tree cursor (far cheaper than materializing `children` at each level). */
function* walk(root: Node): Generator<Node> {
  const cursor = root.walk();
  let descending = true;
  while (true) {
    if (descending) {
      yield cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
    }
    if (cursor.gotoNextSibling()) {
      descending = true;
      continue;
    }
    if (!cursor.gotoParent()) return;
    descending = false;
  }
}

function firstVariable(node: Node): Node | undefined {
  for (const child of descendants(node)) if (child.type === "variable") return child;
  return undefined;
}

export interface PowerShellProblem {
  line: number;
  message: string;
}

export async function checkPowerShell(text: string): Promise<PowerShellProblem[]> {
  const problems: PowerShellProblem[] = [];
  const at = (node: Node, message: string) => problems.push({ line: node.startPosition.row + 1, message });

  if (text.charCodeAt(0) === 0xfeff) problems.push({ line: 1, message: "starts with a byte order mark" });
  text.split("\n").forEach((line, index) => {
    if (!isPlainAscii(line)) problems.push({ line: index + 1, message: "non-ASCII character" });
  });

  const tree = (await powershellParser()).parse(text);
  if (!tree) throw new Error("the PowerShell parser returned no tree");
  const assigned = new Set<string>();
  const used: Node[] = [];
  for (const node of walk(tree.rootNode)) {
    if (node.isError) at(node, `syntax error near ${JSON.stringify(node.text.slice(0, 40))}`);
    else if (node.isMissing) at(node, `syntax error: missing ${JSON.stringify(node.type)}`);
    switch (node.type) {
      case "pipeline_chain_tail":
        at(node, "pipeline chain operator && / || (PowerShell 7 only)");
        break;
      case "command_parameter":
        if (PS7_PARAMETERS.has(node.text.toLowerCase()))
          at(node, `parameter ${node.text} (PowerShell 7 only)`);
        break;
      case "command_name":
        if (PS7_COMMANDS.has(node.text.toLowerCase())) at(node, `command ${node.text} (PowerShell 7 only)`);
        break;
      case "member_name":
        if (CORE_MEMBERS.has(node.text.toLowerCase())) at(node, `member ${node.text} (.NET Core only)`);
        break;
      case "left_assignment_expression": {
        const variable = firstVariable(node);
        if (variable && variable.text === node.text.trim()) assigned.add(normalizeVariable(variable.text));
        break;
      }
      case "script_parameter":
      case "foreach_statement": {
        const variable = firstVariable(node);
        if (variable) assigned.add(normalizeVariable(variable.text));
        break;
      }
      case "variable":
        used.push(node);
        break;
    }
  }
  for (const node of used) {
    const name = normalizeVariable(node.text);
    if (PS7_VARIABLES.has(name)) at(node, `variable ${node.text} (PowerShell 7 only)`);
    else if (!name.startsWith("$env:") && !KNOWN_VARIABLES.has(name) && !assigned.has(name)) {
      at(node, `variable ${node.text} is read but never assigned`);
    }
  }
  return problems;
}
