import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Redactor } from "../../src/helloid/redactor.js";

describe("Redactor", () => {
  it("masks registered secrets, also inside JSON text", () => {
    const redactor = new Redactor();
    redactor.add('s3cr"et\\value');
    const text = JSON.stringify({ message: 'the secret s3cr"et\\value leaked' });
    assert.ok(!redactor.redact(text).includes("s3cr"));
    assert.match(redactor.redact('x s3cr"et\\value y'), /^x \[redacted\] y$/);
  });

  it("masks bearer tokens and JWTs without being told", () => {
    const redactor = new Redactor();
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJlX2J5dGVz";
    assert.equal(redactor.redact(`token ${jwt}`), "token [redacted]");
    assert.equal(redactor.redact("Authorization: Bearer abcdefghijkl"), "Authorization: Bearer [redacted]");
  });

  it("ignores values too short to mask safely", () => {
    const redactor = new Redactor();
    redactor.add("ab");
    redactor.add(undefined);
    assert.equal(redactor.redact("abc"), "abc");
  });
});
