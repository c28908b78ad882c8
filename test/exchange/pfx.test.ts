import assert from "node:assert/strict";
import { createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { describe, it } from "node:test";
import forge from "node-forge";
import { readPfx } from "../../src/exchange/auth/pfx.js";
import { AuthenticationError } from "../../src/exchange/errors.js";

function selfSigned() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: "commonName", value: "connector" }]);
  cert.setIssuer([{ name: "commonName", value: "connector" }]);
  cert.sign(key, forge.md.sha256.create());
  return { key, cert };
}

function pfxBase64(
  key: forge.pki.rsa.PrivateKey | null,
  cert: forge.pki.Certificate,
  password: string,
): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, cert, password, { algorithm: "3des" });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary").toString("base64");
}

const { key, cert } = selfSigned();
const password = "Pfx-Pa$$word-42";

function expectUnreadable(run: () => unknown, reason: RegExp, mustNotContain: string[]) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.reason, "unreadableCertificate");
    assert.match(error.message, reason);
    const shown = `${error.message} ${JSON.stringify(error)}`;
    for (const secret of mustNotContain) assert.ok(!shown.includes(secret), "leaked a secret");
    return true;
  });
}

describe("reading the app certificate PFX", () => {
  it("yields a PKCS#8 key, the SHA-256 thumbprint and the certificate", () => {
    const pfx = pfxBase64(key, cert, password);
    const credential = readPfx(pfx, password);
    assert.match(credential.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
    const x509 = new X509Certificate(credential.certificatePem);
    assert.equal(credential.thumbprintSha256, x509.fingerprint256.replaceAll(":", "").toLowerCase());
    assert.ok(x509.checkPrivateKey(createPrivateKey(credential.privateKeyPem)));
  });

  it("accepts base64 broken over lines", () => {
    const pfx = pfxBase64(key, cert, password).replace(/(.{64})/g, "$1\n");
    assert.ok(readPfx(pfx, password).thumbprintSha256);
  });

  it("says the password is wrong without showing it or the PFX", () => {
    const pfx = pfxBase64(key, cert, password);
    expectUnreadable(() => readPfx(pfx, "not-the-password"), /wrong password/, [
      password,
      "not-the-password",
      pfx,
    ]);
  });

  it("says when the PFX holds no private key", () => {
    const pfx = pfxBase64(null, cert, password);
    expectUnreadable(() => readPfx(pfx, password), /no private key/, [password, pfx]);
  });

  it("says when the text is not a PFX", () => {
    expectUnreadable(() => readPfx("not base64!", password), /not base64/, [password]);
    expectUnreadable(() => readPfx(Buffer.from("hello").toString("base64"), password), /not a PFX/, [
      password,
    ]);
  });
});
