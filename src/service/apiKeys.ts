// Who may call the service: a bearer key from EXO_CONNECTOR_API_KEYS. Keys are compared as SHA-256 digests
// with timingSafeEqual, so neither a key's content nor its length shows in how long a refusal takes, and
// every key is compared whichever matches.
import { createHash, timingSafeEqual } from "node:crypto";

export const API_KEYS_VARIABLE = "EXO_CONNECTOR_API_KEYS";

/** Short keys can be guessed; 16 characters is what a generated key easily exceeds. */
const MINIMUM_KEY_LENGTH = 16;

export class ApiKeyError extends Error {}

export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(readonly keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  /** The comma-separated keys of EXO_CONNECTOR_API_KEYS (several while one is being rotated out). */
  static fromEnvironment(env: NodeJS.ProcessEnv): ApiKeys {
    const keys = (env[API_KEYS_VARIABLE] ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean);
    if (keys.length === 0) {
      throw new ApiKeyError(
        `${API_KEYS_VARIABLE}: set at least one API key (comma-separated for several); the service refuses to run open`,
      );
    }
    if (keys.some((key) => key.length < MINIMUM_KEY_LENGTH)) {
      throw new ApiKeyError(
        `${API_KEYS_VARIABLE}: every key needs at least ${MINIMUM_KEY_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`,
      );
    }
    return new ApiKeys(keys);
  }

  /** Whether an Authorization header carries one of the keys as `Bearer <key>`. */
  accepts(authorization: string | undefined): boolean {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? "");
    if (!match?.[1]) return false;
    const given = digest(match[1]);
    let found = false;
    for (const known of this.digests) found = timingSafeEqual(known, given) || found;
    return found;
  }
}

function digest(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}
