// The access token shared by the processes of one credential: HelloID starts a process per action, and
// each would otherwise ask Entra ID for a token of its own. One file per authority + tenant + app + scope +
// credential, encrypted with AES-256-GCM under a key derived (HKDF) from the credential itself, so only a
// caller holding the same credential finds the entry or can read it. The cache is best effort: an entry that
// cannot be read (missing, truncated, corrupt, another credential's) is a miss, and a write that fails is
// skipped; either way the token comes from Entra ID as without a cache.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir, platform } from "node:os";
import { join } from "node:path";
import type { Credential } from "./tokenProvider.js";

export interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresOn: number;
}

/** What an entry belongs to, besides the credential. */
export interface TokenIdentity {
  authorityUrl: string;
  tenant: string;
  appId: string;
  scope: string;
}

/** A token is handed out only while this much of its lifetime remains (an action then never outlives it). */
const REUSE_MARGIN_MS = 5 * 60_000;

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export function usable(token: AccessToken | undefined, now = Date.now()): token is AccessToken {
  return token !== undefined && token.expiresOn - now >= REUSE_MARGIN_MS;
}

/**
 * `%ProgramData%\exo-connector\cache` on Windows (HelloID's agent runs as a service account), else the
 * user's cache directory: `$XDG_CACHE_HOME/exo-connector` or `~/.cache/exo-connector`
 * (`~/Library/Caches/exo-connector` on macOS).
 */
export function defaultTokenCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case "win32":
      return join(env.ProgramData || "C:\\ProgramData", "exo-connector", "cache");
    case "darwin":
      return join(homedir(), "Library", "Caches", "exo-connector");
    default:
      return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "exo-connector");
  }
}

export class TokenCache {
  private readonly file: string;
  private readonly key: Buffer;
  /** Binds a file's content to its entry: a file copied under another entry's name does not decrypt. */
  private readonly context: Buffer;

  constructor(
    private readonly directory: string,
    identity: TokenIdentity,
    credential: Credential,
  ) {
    const { authorityUrl, tenant, appId, scope } = identity;
    this.context = Buffer.from(JSON.stringify(["exo-connector token", authorityUrl, tenant, appId, scope]));
    const salt = createHash("sha256").update(this.context).digest();
    const derived = Buffer.from(hkdfSync("sha256", credentialBytes(credential), salt, "token cache v1", 48));
    this.key = derived.subarray(0, 32);
    // The name is derived too: it says nothing of the tenant or the app, and nothing about the secret.
    this.file = join(directory, `${derived.subarray(32).toString("hex")}.token`);
  }

  /** The cached token while at least REUSE_MARGIN_MS of it remains; anything unreadable is a miss. */
  read(now = Date.now()): AccessToken | undefined {
    const token = this.decrypt();
    return usable(token, now) ? token : undefined;
  }

  /**
   * Replaces the entry atomically: readers see the old file or the new one, never a part. Returns why it could
   * not (an error code such as EACCES), or undefined when it did.
   */
  write(token: AccessToken): string | undefined {
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      writeFileSync(temporary, this.encrypt(token), { mode: 0o600, flag: "wx" });
      renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      removeQuietly(temporary);
      return (error as NodeJS.ErrnoException).code ?? "unknown error";
    }
  }

  /** Removes the entry if it still holds `token` (another process may have stored a newer one since). */
  drop(token: string): void {
    if (this.decrypt()?.token === token) removeQuietly(this.file);
  }

  private encrypt(token: AccessToken): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv).setAAD(this.context);
    const body = Buffer.concat([cipher.update(JSON.stringify(token), "utf8"), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  private decrypt(): AccessToken | undefined {
    try {
      const data = readFileSync(this.file);
      if (data.length <= HEADER_BYTES || data[0] !== FORMAT) return undefined;
      const decipher = createDecipheriv("aes-256-gcm", this.key, data.subarray(1, 1 + IV_BYTES))
        .setAAD(this.context)
        .setAuthTag(data.subarray(1 + IV_BYTES, HEADER_BYTES));
      const text = Buffer.concat([decipher.update(data.subarray(HEADER_BYTES)), decipher.final()]);
      const value = JSON.parse(text.toString("utf8")) as Partial<AccessToken>;
      return typeof value.token === "string" && typeof value.expiresOn === "number"
        ? { token: value.token, expiresOn: value.expiresOn }
        : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Removes a file if it can: one already gone, or not ours to remove, is left to the next write. */
function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Nothing to do: the next write replaces the entry, and a temporary file may never have been made.
  }
}

/**
 * The key material: the secret, or the PFX as configured with its password. The PFX holds the private key,
 * so it is as secret as the key itself, and using it as it stands keeps the PKCS#12 reader off the path of
 * a process that a cached token serves.
 */
function credentialBytes(credential: Credential): Buffer {
  if (credential.kind === "secret") return Buffer.from(`secret\0${credential.secret}`, "utf8");
  const pfx = Buffer.from(credential.pfxBase64.replace(/\s+/g, ""), "base64");
  return Buffer.concat([Buffer.from("certificate\0", "utf8"), pfx, Buffer.from(`\0${credential.password}`)]);
}
