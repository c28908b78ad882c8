// One line of the readiness check: what was checked, whether it passed, and, when it did not, what to
// change in the words of the README's set-up steps.

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** What was found: a detail when it passed, the problem and what to change when it failed. */
  readonly message: string;
  /** Not run, because an earlier check failed or there was nothing to read; counts as passed when ok. */
  readonly skipped?: boolean;
}

export const passed = (name: string, message: string): CheckResult => ({ name, ok: true, message });

export const failed = (name: string, problem: string, change: string): CheckResult => ({
  name,
  ok: false,
  message: change ? `${problem} ${change}` : problem,
});

export const skipped = (name: string, reason: string, ok = true): CheckResult => ({
  name,
  ok,
  message: reason,
  skipped: true,
});
