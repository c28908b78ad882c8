// HelloID stores the app certificate as a base64 PFX plus its password. MSAL wants the private key as
// PEM and the certificate's SHA-256 thumbprint (so it signs PS256 with `x5t#S256`: docs/EXCHANGE-API.md,
// 'Authentication'). Failures name the problem; they never contain the password or the PFX.
import { createHash, createPrivateKey } from "node:crypto";
import forge from "node-forge";
import { AuthenticationError } from "../errors.js";

export interface CertificateCredential {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** Hex SHA-256 of the certificate's DER. */
  thumbprintSha256: string;
  /** The certificate as PEM, sent as `x5c`. */
  certificatePem: string;
}

/** What is wrong with a PFX: the file itself, or the password given for it. */
export type PfxPart = "pfx" | "password";

/** The certificate cannot be read; `part` says whether the PFX or its password is at fault. */
export class UnreadableCertificateError extends AuthenticationError {
  constructor(
    readonly problem: string,
    readonly part: PfxPart,
  ) {
    super(`The app certificate cannot be used: ${problem}`, "unreadableCertificate", undefined);
  }
}

function unreadable(problem: string, part: PfxPart = "pfx"): UnreadableCertificateError {
  return new UnreadableCertificateError(problem, part);
}

/** The last PFX read: the configuration check and the token provider of one process read the same one. */
let lastRead: { pfxBase64: string; password: string; credential: CertificateCredential } | undefined;

export function readPfx(pfxBase64: string, password: string): CertificateCredential {
  if (lastRead?.pfxBase64 === pfxBase64 && lastRead.password === password) return lastRead.credential;
  const credential = parsePfx(pfxBase64, password);
  lastRead = { pfxBase64, password, credential };
  return credential;
}

function parsePfx(pfxBase64: string, password: string): CertificateCredential {
  const base64 = pfxBase64.replace(/\s+/g, "");
  if (base64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw unreadable("the PFX is not base64 text");
  }
  const pfx = openPfx(Buffer.from(base64, "base64").toString("binary"), password);
  const keyBag = [
    ...bagsOf(pfx, forge.pki.oids.pkcs8ShroudedKeyBag as string),
    ...bagsOf(pfx, forge.pki.oids.keyBag as string),
  ][0];
  if (!keyBag) throw unreadable("the PFX holds no private key (export the certificate with its private key)");
  if (!keyBag.key)
    throw unreadable("the PFX's private key is not an RSA key (Entra ID app certificates are RSA)");
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const certificate = bagsOf(pfx, forge.pki.oids.certBag as string)
    .map((bag) => bag.cert)
    .find((cert) => cert && matches(cert.publicKey as forge.pki.rsa.PublicKey, key));
  if (!certificate) throw unreadable("the PFX holds no certificate for its private key");

  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary");
  return {
    privateKeyPem: createPrivateKey(forge.pki.privateKeyToPem(key)).export({
      type: "pkcs8",
      format: "pem",
    }) as string,
    thumbprintSha256: createHash("sha256").update(der).digest("hex"),
    certificatePem: forge.pki.certificateToPem(certificate),
  };
}

function openPfx(der: string, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(der);
  } catch {
    throw unreadable("the text is not a PFX (PKCS#12) file");
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (error) {
    // forge's own text is safe, but words it for developers; ours says what to check.
    const wrongPassword = error instanceof Error && /password|MAC/i.test(error.message);
    throw wrongPassword
      ? unreadable("the PFX cannot be opened with this password (wrong password?)", "password")
      : unreadable("the text is not a PFX (PKCS#12) file that can be read");
  }
}

function bagsOf(pfx: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return pfx.getBags({ bagType })[bagType] ?? [];
}

function matches(publicKey: forge.pki.rsa.PublicKey, key: forge.pki.rsa.PrivateKey): boolean {
  return publicKey.n.equals(key.n) && publicKey.e.equals(key.e);
}
