// Everything the connector printed during a suite (stdout, stderr, audit messages), and the secrets that
// must never be in it: the app secret, the certificate (whole or a long piece), its password, and every
// bearer token the simulator issued. Each suite scans its own transcript when it ends and leaves it in a
// directory shared by the suites of one test run, which the secrets suite scans as well.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Shared by the test files of one `node --test` run (they are children of the same process). */
export const TRANSCRIPT_DIR = join(tmpdir(), `exo-reliability-transcripts-${process.ppid}`);

/** A leaked piece of a certificate at least this long is a leak (48 base64 characters = 36 bytes). */
export const LONG_PIECE = 48;

export interface Secret {
  label: string;
  value: string;
  /** Pieces of a long secret: any leaked substring of LONG_PIECE characters contains one of them. */
  pieces?: boolean;
}

export interface Leak {
  secret: string;
  where: string;
  excerpt: string;
}

export class Transcript {
  readonly texts: { where: string; text: string }[] = [];
  readonly secrets: Secret[] = [];

  constructor(readonly suite: string) {}

  add(where: string, text: string): void {
    if (text) this.texts.push({ where, text });
  }

  secret(label: string, value: string | undefined, options: { pieces?: boolean } = {}): void {
    if (value && !this.secrets.some((s) => s.value === value))
      this.secrets.push({ label, value, ...options });
  }

  /** Tokens the simulator issued (a live list: call when the suite ends). */
  tokens(tokens: readonly string[]): void {
    for (const token of tokens) this.secret("bearer token", token);
  }

  get characters(): number {
    return this.texts.reduce((sum, entry) => sum + entry.text.length, 0);
  }

  leaks(): Leak[] {
    return findLeaks(this.texts, this.secrets);
  }

  /** Leaves the transcript for the secrets suite. */
  save(): void {
    mkdirSync(TRANSCRIPT_DIR, { recursive: true });
    writeFileSync(
      join(TRANSCRIPT_DIR, `${this.suite}.json`),
      JSON.stringify({ texts: this.texts, secrets: this.secrets }),
    );
  }
}

/** The transcripts other suites of this run left behind. */
export function savedTranscripts(
  except: string,
): { suite: string; texts: Transcript["texts"]; secrets: Secret[] }[] {
  let files: string[];
  try {
    files = readdirSync(TRANSCRIPT_DIR).filter((file) => file.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .filter((file) => file !== `${except}.json`)
    .map((file) => ({
      suite: file.slice(0, -5),
      ...JSON.parse(readFileSync(join(TRANSCRIPT_DIR, file), "utf8")),
    }));
}

/** Pieces of a long secret taken every LONG_PIECE/2 characters, each LONG_PIECE/2 + 8 long. */
function piecesOf(value: string): string[] {
  const step = LONG_PIECE / 2;
  const length = step + 8;
  const pieces: string[] = [];
  for (let start = 0; start + length <= value.length; start += step)
    pieces.push(value.slice(start, start + length));
  return pieces;
}

export function findLeaks(
  texts: readonly { where: string; text: string }[],
  secrets: readonly Secret[],
): Leak[] {
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    const needles = [secret.value, ...(secret.pieces ? piecesOf(secret.value) : [])];
    // A JWT also leaks through its signature alone.
    if (secret.label === "bearer token") needles.push(secret.value.split(".")[2] ?? secret.value);
    for (const { where, text } of texts) {
      const needle = needles.find((candidate) => candidate.length >= 8 && text.includes(candidate));
      if (needle === undefined) continue;
      const at = text.indexOf(needle);
      leaks.push({ secret: secret.label, where, excerpt: text.slice(Math.max(0, at - 40), at + 60) });
      break;
    }
  }
  return leaks;
}

/** A stack trace in text meant for people (stdout): "    at fn (file.ts:12:3)". */
export const STACK_TRACE = /\n\s+at (?:async )?\S.*(?:\(|\s)(?:file:\/\/)?\/?[^\s()]+:\d+:\d+\)?/;
