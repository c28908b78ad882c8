// deploy/exo-connector-winsw.xml and deploy/install-windows-service.ps1, as far as Linux can check them: the XML
// is well-formed and uses only elements WinSW documents, starts serve with arguments the CLI accepts, waits on
// stop for the longest action deadline, restarts on failure, rolls its logs, and holds no API key; the script
// passes the Windows PowerShell 5.1 static check. (test/powershell/windowsServiceScript.test.ts runs the
// script's -DryRun in PowerShell 7.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  BUILT_CLI,
  longestActionDeadlineSeconds,
  serveArgumentsRefusal,
  windowsCommandLineWords,
} from "../support/cli.js";
import { checkPowerShell } from "../support/powershell.js";

const DEPLOY = join(import.meta.dirname, "..", "..", "deploy");
const XML_TEXT = readFileSync(join(DEPLOY, "exo-connector-winsw.xml"), "utf8");
const SCRIPT_TEXT = readFileSync(join(DEPLOY, "install-windows-service.ps1"), "utf8");

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A small well-formedness check (no XML dependency for one file): one root element, tags that nest and close,
 * attributes quoted and not repeated, `&` only in entity references, `--` nowhere inside a comment.
 */
function parseXml(text: string): XmlElement {
  const name = "[A-Za-z_][\\w.-]*";
  const token = new RegExp(
    `<\\?xml[^?]*\\?>|<!--([\\s\\S]*?)-->|<(/?)(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|([^<]+)|(<)`,
    "y",
  );
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const checkText = (value: string) => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(value)) throw new Error(`bare & in ${value}`);
  };
  for (let match = token.exec(text); match; match = token.exec(text)) {
    const [whole, comment, closing, tag, attributeText, selfClosing, content, stray] = match;
    if (stray) throw new Error(`a < that starts no tag at ${match.index}`);
    if (comment?.includes("--")) throw new Error(`-- inside a comment: ${comment}`);
    if (whole.startsWith("<?") && match.index !== 0) throw new Error("the XML declaration is not first");
    if (content !== undefined) {
      if (stack.length === 0 && content.trim()) throw new Error(`text outside the root: ${content.trim()}`);
      checkText(content);
      const parent = stack.at(-1);
      if (parent) parent.text += content;
    }
    if (!tag) continue;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== tag) throw new Error(`</${tag}> closes <${open?.name}>`);
      continue;
    }
    const element: XmlElement = { name: tag, attributes: {}, children: [], text: "" };
    for (const [, key = "", double, single] of (attributeText ?? "").matchAll(
      /([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g,
    )) {
      if (key in element.attributes) throw new Error(`attribute ${key} twice on <${tag}>`);
      const value = double ?? single ?? "";
      checkText(value);
      element.attributes[key] = value;
    }
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error(`a second root <${tag}>`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

const service = parseXml(XML_TEXT);
const children = (name: string) => service.children.filter((child) => child.name === name);
const only = (name: string): XmlElement => {
  const found = children(name);
  assert.equal(found.length, 1, `<${name}> ${found.length} times`);
  return found[0] as XmlElement;
};

/** A WinSW duration (https://github.com/winsw/winsw/blob/v2.12.0/doc/xmlConfigFile.md, onfailure). */
function winswSeconds(text: string): number {
  const match = /^(\d+)\s*(secs?|mins?|hours?|days?)$/.exec(text.trim());
  assert.ok(match, `not a WinSW duration: ${text}`);
  const unit = { sec: 1, min: 60, hour: 3600, day: 86_400 }[match[2]?.replace(/s$/, "") as "sec"];
  return Number(match[1]) * unit;
}

/** The elements the WinSW 2.12 XML reference documents (the same names in WinSW 3), and <log>'s own. */
const WINSW_ELEMENTS = new Set(
  "id name description executable startmode delayedAutoStart depend logpath log arguments startarguments stopexecutable stoparguments stoptimeout env interactive beeponshutdown download onfailure resetfailure securityDescriptor serviceaccount workingdirectory priority".split(
    " ",
  ),
);
const LOG_ELEMENTS = new Set(["sizeThreshold", "keepFiles", "pattern", "autoRollAtTime"]);

describe("the WinSW service configuration", () => {
  it("is well-formed XML with a <service> root of elements WinSW documents (and the check catches what it must)", () => {
    assert.equal(service.name, "service");
    for (const child of service.children) assert.ok(WINSW_ELEMENTS.has(child.name), `<${child.name}>`);
    for (const child of only("log").children) assert.ok(LOG_ELEMENTS.has(child.name), `<log><${child.name}>`);
    assert.equal(only("id").text, "exo-connector");
    for (const broken of [
      "<a><!-- serve --listen --></a>",
      "<a><b></a>",
      '<a x="1" x="2"/>',
      "<a>fish & chips</a>",
      "<a/><b/>",
      "<a><b>",
      "<a>1 < 2</a>",
    ])
      assert.throws(() => parseXml(broken), broken);
    assert.equal(parseXml('<a x="&amp;"><!-- ok - fine --><b/>t</a>').children[0]?.name, "b");
  });

  it("runs node.exe with serve options the CLI accepts", async () => {
    assert.match(only("executable").text, /\\node\.exe$/);
    const [bundle, command, ...options] = windowsCommandLineWords(only("arguments").text);
    assert.equal(bundle, "%BASE%\\exo-connector.mjs");
    assert.equal(command, "serve");
    const help = spawnSync(process.execPath, [BUILT_CLI, "serve", "--help"], { encoding: "utf8" }).stdout;
    for (const option of options.filter((word) => word.startsWith("--")))
      assert.ok(help.includes(option), option);
    assert.deepEqual(options, ["--listen", "127.0.0.1:8080"]);
    assert.equal(await serveArgumentsRefusal(options), "");
    assert.notEqual(await serveArgumentsRefusal(["--listen", "127.0.0.1:8080", "--no-such-option"]), "");
  });

  it("gives a stop (which drains) as long as the longest action deadline, and restarts on failure", () => {
    const longest = longestActionDeadlineSeconds();
    assert.equal(longest, 855);
    assert.ok(winswSeconds(only("stoptimeout").text) >= longest, only("stoptimeout").text);
    const failures = children("onfailure");
    assert.ok(failures.length >= 1);
    for (const failure of failures) {
      assert.equal(failure.attributes.action, "restart");
      assert.ok(winswSeconds(failure.attributes.delay ?? "") <= 60);
    }
    assert.ok(winswSeconds(only("resetfailure").text) > 0);
  });

  it("rolls its logs by size in %ProgramData%\\exo-connector\\logs, beside the token cache", () => {
    assert.equal(only("logpath").text, "%ProgramData%\\exo-connector\\logs");
    const log = only("log");
    assert.equal(log.attributes.mode, "roll-by-size");
    const setting = (name: string) => Number(log.children.find((child) => child.name === name)?.text);
    assert.ok(setting("sizeThreshold") > 0 && setting("keepFiles") > 0);
  });

  it("holds no API key: the installer puts one in", () => {
    const keys = children("env").filter((env) => env.attributes.name === "EXO_CONNECTOR_API_KEYS");
    assert.equal(keys.length, 1);
    assert.equal(keys[0]?.attributes.value, "SET-BY-INSTALL-WINDOWS-SERVICE-PS1");
    for (const text of [XML_TEXT, SCRIPT_TEXT]) assert.doesNotMatch(text, /[0-9a-f]{32}/i);
    assert.ok(SCRIPT_TEXT.includes("/service/env[@name='EXO_CONNECTOR_API_KEYS']"));
  });
});

describe("the Windows install script", () => {
  it("passes the Windows PowerShell 5.1 static check: no syntax error, nothing PowerShell 7-only, ASCII", async () => {
    const problems = await checkPowerShell(SCRIPT_TEXT);
    assert.deepEqual(problems, [], problems.map((p) => `line ${p.line}: ${p.message}`).join("\n"));
  });

  it("generates a 32-byte key with a cryptographic generator and stores it in the XML, not the machine's environment", () => {
    assert.ok(SCRIPT_TEXT.includes("[System.Security.Cryptography.RandomNumberGenerator]::Create()"));
    assert.ok(SCRIPT_TEXT.includes("New-Object byte[] 32"));
    assert.doesNotMatch(SCRIPT_TEXT, /SetEnvironmentVariable|setx/i);
    assert.match(SCRIPT_TEXT, /^\s*\[switch\]\$DryRun$/m);
  });
});
