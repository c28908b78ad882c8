// The logger the client writes to. Messages and fields never carry tokens, secrets or request bodies.

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface ExchangeLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: ExchangeLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
