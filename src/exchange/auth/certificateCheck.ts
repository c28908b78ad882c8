// Reads the app certificate before any request, for callers that check their configuration first. node-forge
// is loaded here on demand, as in the token provider, so a process that uses a secret never evaluates it.
import type { PfxPart } from "./pfx.js";

export interface CertificateProblem {
  /** What is wrong, without the PFX or the password. */
  problem: string;
  part: PfxPart;
}

export async function findCertificateProblem(
  pfxBase64: string,
  password: string,
): Promise<CertificateProblem | undefined> {
  const { readPfx, UnreadableCertificateError } = await import("./pfx.js");
  try {
    readPfx(pfxBase64, password);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnreadableCertificateError)) throw error;
    return { problem: error.problem, part: error.part };
  }
}
