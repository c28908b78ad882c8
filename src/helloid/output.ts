// The outputContext a script leaves behind, and HelloID's success rule: an action succeeded when no
// audit log is an error and nothing escaped (docs/HELLOID-CONTRACT.md, 'Runtime model').
import type { JsonObject } from "./caseInsensitive.js";

/** Audit `Action` values HelloID accepts. */
export type AuditAction =
  | "CreateAccount"
  | "CorrelateAccount"
  | "UpdateAccount"
  | "EnableAccount"
  | "DisableAccount"
  | "DeleteAccount"
  | "GrantPermission"
  | "RevokePermission"
  | "UpdatePermission";

export interface AuditLog {
  Action?: AuditAction;
  Message: string;
  IsError: boolean;
}

export interface Permission {
  DisplayName: string;
  Identification: JsonObject;
}

export interface SubPermission {
  DisplayName: string;
  Reference: JsonObject;
}

/** HelloID truncates nothing itself; display names over 100 characters break its UI. */
export const MAX_DISPLAY_NAME = 100;

export function truncateDisplayName(name: string, max = MAX_DISPLAY_NAME): string {
  return name.length <= max ? name : name.slice(0, max);
}

export class OutputContext {
  AccountReference?: string;
  AccountCorrelated?: boolean;
  Data?: JsonObject;
  PreviousData?: JsonObject;
  readonly AuditLogs: AuditLog[] = [];
  readonly Permissions: Permission[] = [];
  readonly SubPermissions: SubPermission[] = [];

  constructor(prefilled?: { Data?: JsonObject | null; PreviousData?: JsonObject | null }) {
    if (prefilled?.Data) this.Data = { ...prefilled.Data };
    if (prefilled?.PreviousData) this.PreviousData = { ...prefilled.PreviousData };
  }

  audit(message: string, options: { auditAction?: AuditAction; isError?: boolean } = {}): void {
    this.AuditLogs.push({
      ...(options.auditAction ? { Action: options.auditAction } : {}),
      Message: message,
      IsError: options.isError ?? false,
    });
  }

  auditError(message: string, auditAction?: AuditAction): void {
    this.audit(message, { auditAction, isError: true });
  }

  get Success(): boolean {
    return !this.AuditLogs.some((log) => log.IsError);
  }

  toJSON(): JsonObject {
    return {
      Success: this.Success,
      ...(this.AccountReference !== undefined ? { AccountReference: this.AccountReference } : {}),
      ...(this.AccountCorrelated !== undefined ? { AccountCorrelated: this.AccountCorrelated } : {}),
      ...(this.Data !== undefined ? { Data: this.Data } : {}),
      ...(this.PreviousData !== undefined ? { PreviousData: this.PreviousData } : {}),
      AuditLogs: this.AuditLogs,
      Permissions: this.Permissions,
      SubPermissions: this.SubPermissions,
    };
  }
}
