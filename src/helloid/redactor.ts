// Secrets (app secret, certificate, its password, tokens) must never reach stdout, stderr or audit
// logs. Every string the connector emits passes through one Redactor.

const MASK = "[redacted]";
// A JWT (three base64url segments starting with a JSON header) or an Authorization header value.
const TOKEN_PATTERNS = [/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, /\b(Bearer)\s+[\w.~+/=-]{8,}/gi];

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a secret value; short values are ignored because masking them would mangle ordinary text. */
  add(secret: unknown): void {
    if (typeof secret === "string" && secret.trim().length >= 4) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      result = result.split(secret).join(MASK);
      // The same secret as it appears inside JSON text (quotes and backslashes escaped).
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret) result = result.split(escaped).join(MASK);
    }
    result = result.replace(TOKEN_PATTERNS[0] as RegExp, MASK);
    return result.replace(TOKEN_PATTERNS[1] as RegExp, `$1 ${MASK}`);
  }
}
