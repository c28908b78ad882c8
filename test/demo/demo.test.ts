// `exo-connector demo` end to end: every step of the lifecycle runs and succeeds, each prints its audit
// logs, its Exchange requests and its time, and the person's tenant state at the end is the story's.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { runDemo } from "../../src/demo/demo.js";
import { demoSteps } from "../../src/demo/scenario.js";
import { DEFAULT_APP } from "../../src/simulator/index.js";

const ESC = String.fromCharCode(27);
const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe("exo-connector demo", () => {
  it("walks the person through every step, printing audits, requests and times, and ends with her state", async () => {
    const out = new Capture();
    const started = performance.now();
    const exitCode = await runDemo(out);
    const seconds = (performance.now() - started) / 1000;
    const text = out.text;
    assert.equal(exitCode, 0, text);
    assert.ok(seconds < 15, `the demo took ${seconds.toFixed(1)} s`);
    assert.ok(!text.includes(ESC), "no terminal escapes when the output is not a terminal");
    assert.doesNotMatch(text, /skipped/, "every step's action is registered");

    const steps = demoSteps();
    assert.deepEqual(
      steps.map((step) => step.action),
      [
        "create",
        "update",
        "sharedMailboxes/grantPermission",
        "groups/grantPermission",
        "sharedMailboxes/subPermissions",
        "folderPermission/grantPermission",
        "regionalConfiguration/grantPermission",
        "disable",
        "enable",
        "delete",
      ],
    );
    const blocks = text.split(/\n(?=\[\d+\/\d+\] )/).slice(1);
    assert.equal(blocks.length, steps.length);
    steps.forEach((step, index) => {
      const block = blocks[index] as string;
      assert.ok(block.startsWith(`[${index + 1}/${steps.length}] ${step.title}\n`), block);
      assert.match(block, new RegExp(`\\$ exo-connector run ${step.action.replace("/", "\\/")}\\n`));
      assert.match(block, /\n {2}audit {2}ok {5}\S/, `${step.action} printed no audit`);
      assert.match(
        block,
        /\n {2}exchange {5}\S.* +\d+\.\d ms\n/,
        `${step.action} printed no Exchange request`,
      );
      assert.match(
        block,
        /\n {2}success in \d+ ms: \d+ HTTPS requests? to Exchange Online, \d+ writes?(, \d+ that changed nothing)?\n/,
      );
      // One process serves every step: a step without a token request says it reuses one.
      if (index > 0) assert.match(block, /\n {2}token {8}none requested: this process already holds one/);
      assert.doesNotMatch(block, /\n {2}input /, "inputs only with --show-input");
    });
    assert.match(text, /All steps run in this one process.*HelloID starts one process per action/);
    // Disable after create hid the mailbox: its Set-Mailbox changes nothing and is called what it is.
    const disable = blocks[7] as string;
    assert.match(disable, /Set-Mailbox \(no change\)/);
    assert.doesNotMatch(disable, /\(write\)/);
    assert.match(disable, /0 writes, 1 that changed nothing\n/);
    assert.match(blocks[0] as string, /token request \(Entra ID\)/);
    assert.match(blocks[4] as string, /\$batch/);

    const state = text.slice(text.indexOf("Tenant state of Janine van den Boele"));
    assert.match(state, /Address lists +shown/);
    assert.match(state, /CustomAttribute1 +Controller/);
    assert.match(
      state,
      /EmailAddresses +SMTP:janine\.vandenboele@contoso\.com, smtp:j\.vandenboele@contoso\.com/,
    );
    assert.match(state, /Support Desk \(FullAccess, SendAs\)/);
    assert.match(state, /Finance Shared Mailbox \(FullAccess, SendAs\)/);
    assert.match(state, /Sales Shared Mailbox \(FullAccess, SendAs\)/);
    assert.match(state, /Groups +All Staff/);
    assert.match(state, /Default: Reviewer/);
    assert.match(state, /Regional +nl-NL/);
    assert.match(state, /Auto-reply +Enabled, external audience All/);
    assert.match(
      state,
      /10 steps in \d+\.\d s: \d+ HTTPS requests to Entra ID and Exchange Online, \d+ writes and 1 that changed nothing, 0 failed\./,
    );
    const [, requests = 0, tokens] =
      /: (\d+) HTTPS requests[\s\S]*would request 10 tokens instead of (\d+): (\d+) requests\./.exec(state) ??
      [];
    assert.equal(tokens, "1");
    assert.match(state, new RegExp(`instead of 1: ${Number(requests) + 9} requests`));
  });

  it("--show-input prints each step's input with the secrets masked", async () => {
    const out = new Capture();
    assert.equal(await runDemo(out, { showInput: true }), 0);
    const blocks = out.text.split(/\n(?=\[\d+\/\d+\] )/).slice(1);
    for (const block of blocks) {
      const input = block
        .split("\n")
        .filter((line) => line.startsWith("  input        "))
        .map((line) => line.slice("  input        ".length))
        .join("\n");
      const parsed = JSON.parse(input);
      assert.equal(parsed.actionContext.Configuration.AppSecret, "[redacted]");
    }
    assert.ok(!out.text.includes(DEFAULT_APP.secret as string));
    assert.match(blocks[1] as string, /"CustomAttribute1": "Controller"/);
  });

  it("runs from the built CLI and prints plain lines when piped", async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, "demo"], { timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.ok(!result.stdout.includes(ESC) && !result.stdout.includes("\r"));
    assert.match(result.stdout, /^\[10\/10\] /m);
    assert.match(result.stdout, /0 failed\.\n(In HelloID, .*\n)?$/);
  });
});
