// The one logger interface: the client, the HelloID contract and the actions all write to it. It lives
// in src/common so each can use it without importing another (.dependency-cruiser.mjs).
// Messages and fields never carry tokens, secrets or request bodies.

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
