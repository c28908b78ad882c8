// X.509 material for the simulator: a throw-away CA, a server certificate for the loopback names (and any extra host name), the key
// that signs access tokens, and app certificates for tests (PFX as HelloID stores them).
import { createHash, generateKeyPair, generateKeyPairSync, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import forge from "node-forge";

export interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface ServerTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface TestCertificate {
  /** PKCS#12 (PFX), base64, protected by `password`: the shape of HelloID's AppCertificateBase64String. */
  pfxBase64: string;
  password: string;
  certificatePem: string;
  thumbprintSha1Hex: string;
  thumbprintSha256Hex: string;
}

const RSA_OPTIONS = {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
} as const;

/** Node's keygen is ~50x faster than forge's pure-JS one; forge then only signs. */
function generateRsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", RSA_OPTIONS);
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The same on the thread pool, so the simulator's keys are generated in parallel. */
async function generateRsaKeyPairAsync(): Promise<KeyPair> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)("rsa", RSA_OPTIONS);
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

interface CertificateRequest {
  subject: string;
  issuer?: { name: string; key: KeyPair };
  key: KeyPair;
  days: number;
  extensions: object[];
}

function issueCertificate(request: CertificateRequest): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(request.key.publicKeyPem);
  // Positive serial: a leading 0x00..0x7f byte keeps the DER INTEGER non-negative.
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now + request.days * 24 * 3600 * 1000);
  cert.setSubject([{ name: "commonName", value: request.subject }]);
  cert.setIssuer([{ name: "commonName", value: request.issuer?.name ?? request.subject }]);
  cert.setExtensions(request.extensions);
  const signer = request.issuer?.key ?? request.key;
  cert.sign(forge.pki.privateKeyFromPem(signer.privateKeyPem), forge.md.sha256.create());
  return cert;
}

const CA_NAME = "Exchange Online Simulator CA";

function createCaCertificate(caKey: KeyPair): string {
  const ca = issueCertificate({
    subject: CA_NAME,
    key: caKey,
    days: 3650,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return forge.pki.certificateToPem(ca);
}

/** The server certificate for the loopback names and `hostNames` (e.g. a name only a test's proxy resolves). */
function createServerTls(
  caPem: string,
  caKey: KeyPair,
  serverKey: KeyPair,
  hostNames: readonly string[],
): ServerTls {
  const server = issueCertificate({
    subject: "localhost",
    issuer: { name: CA_NAME, key: caKey },
    key: serverKey,
    days: 397,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          ...hostNames.map((value) => ({ type: 2, value })),
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { caPem, certPem: forge.pki.certificateToPem(server), keyPem: serverKey.privateKeyPem };
}

export interface SimulatorKeys {
  tls: ServerTls;
  /** Signs the access tokens the simulated Entra issues. */
  tokenSigning: KeyPair;
}

interface KeyMaterial {
  caKey: KeyPair;
  caPem: string;
  serverKey: KeyPair;
  tokenSigning: KeyPair;
  /** Server certificates by their extra host names. */
  servers: Map<string, ServerTls>;
}

// Generated once per process: test files start many simulators, and keygen dominates start-up time.
let material: Promise<KeyMaterial> | undefined;

export async function simulatorKeys(hostNames: readonly string[] = []): Promise<SimulatorKeys> {
  material ??= Promise.all([
    generateRsaKeyPairAsync(),
    generateRsaKeyPairAsync(),
    generateRsaKeyPairAsync(),
  ]).then(([caKey, serverKey, tokenSigning]) => ({
    caKey,
    caPem: createCaCertificate(caKey),
    serverKey,
    tokenSigning,
    servers: new Map(),
  }));
  const keys = await material;
  const names = [...new Set(hostNames.map((name) => name.toLowerCase()))].sort();
  let tls = keys.servers.get(names.join(","));
  if (!tls) {
    tls = createServerTls(keys.caPem, keys.caKey, keys.serverKey, names);
    keys.servers.set(names.join(","), tls);
  }
  return { tls, tokenSigning: keys.tokenSigning };
}

function certificateDer(certificatePem: string): Buffer {
  const cert = forge.pki.certificateFromPem(certificatePem);
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
}

export function thumbprint(certificatePem: string, algorithm: "sha1" | "sha256"): Buffer {
  return createHash(algorithm).update(certificateDer(certificatePem)).digest();
}

/** A self-signed app certificate, as an admin would upload to the Entra app registration. */
export function createTestCertificate(options: { commonName?: string } = {}): TestCertificate {
  const key = generateRsaKeyPair();
  const cert = issueCertificate({
    subject: options.commonName ?? "HelloID Exchange Online connector",
    key,
    days: 365,
    extensions: [{ name: "keyUsage", digitalSignature: true, critical: true }],
  });
  const password = randomBytes(12).toString("base64url");
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(key.privateKeyPem), [cert], password, {
    algorithm: "3des",
    friendlyName: options.commonName ?? "connector",
  });
  const certificatePem = forge.pki.certificateToPem(cert);
  return {
    pfxBase64: Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary").toString("base64"),
    password,
    certificatePem,
    thumbprintSha1Hex: thumbprint(certificatePem, "sha1").toString("hex").toUpperCase(),
    thumbprintSha256Hex: thumbprint(certificatePem, "sha256").toString("hex").toUpperCase(),
  };
}
