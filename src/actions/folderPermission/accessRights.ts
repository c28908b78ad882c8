// Calendar folder roles as Add/Set-MailboxFolderPermission take them in -AccessRights, and the special
// users every folder has. An option grants one role, as the PowerShell connector's options did.
import * as z from "zod";

export const FOLDER_ROLES = [
  "None",
  "AvailabilityOnly",
  "LimitedDetails",
  "Reviewer",
  "Contributor",
  "NonEditingAuthor",
  "Author",
  "Editor",
  "PublishingAuthor",
  "PublishingEditor",
  "Owner",
] as const;

export const DEFAULT_USER = "Default";
const SPECIAL_USERS = [DEFAULT_USER, "Anonymous"];

export const folderRole = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const role = FOLDER_ROLES.find((r) => r.toLowerCase() === value.toLowerCase());
    if (!role)
      ctx.addIssue({ code: "custom", message: `expected one of ${FOLDER_ROLES.join(", ")}, got "${value}"` });
    return role ?? value;
  });

/** "Default", "Anonymous" (canonically spelled) or a user as Exchange resolves it (UPN, address, name…). */
export const folderUser = z
  .string()
  .trim()
  .min(1, 'required: "Default", "Anonymous" or a user (e.g. a UserPrincipalName)')
  .transform((value) => SPECIAL_USERS.find((u) => u.toLowerCase() === value.toLowerCase()) ?? value);

/** Whether an entry's rights are exactly `role` (Exchange lists a role as a one-element array). */
export function isRole(rights: readonly string[] | null, role: string): boolean {
  return rights !== null && rights.length === 1 && rights[0]?.toLowerCase() === role.toLowerCase();
}

export function describeRights(rights: readonly string[] | null): string {
  return rights === null ? "no entry" : `[${rights.join(", ")}]`;
}

/** "AvailabilityOnly" → "Availability only", for display names. */
export function roleInWords(role: string): string {
  const words = role.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
