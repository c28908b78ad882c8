// The three shared-mailbox rights, read in either spelling the PowerShell connector used ("Full Access" in
// the Dec 2024 Identification, "FullAccess" later), written as Exchange names them.
import * as z from "zod";

export const RIGHTS = ["FullAccess", "SendAs", "SendOnBehalf"] as const;
export type Right = (typeof RIGHTS)[number];

const LABELS: Record<Right, string> = {
  FullAccess: "Full Access",
  SendAs: "Send As",
  SendOnBehalf: "Send on Behalf",
};

/** "Full Access", "fullaccess", "FullAccess" → "FullAccess"; undefined for anything else. */
export function parseRight(text: string): Right | undefined {
  const key = text.replace(/\s+/g, "").toLowerCase();
  return RIGHTS.find((right) => right.toLowerCase() === key);
}

/** The spelling people read: "Full Access", "Send As", "Send on Behalf". */
export function rightLabel(right: Right): string {
  return LABELS[right];
}

export const RIGHTS_HINT = "Full Access, Send As or Send on Behalf (or FullAccess, SendAs, SendOnBehalf)";

/** A list of rights: an array, or one text separated by commas or semicolons; distinct, at least one. */
export const rightList = z
  .union([z.array(z.string()), z.string().transform((text) => text.split(/[,;]/))])
  .transform((items, ctx) => {
    const rights = new Set<Right>();
    const named = items.map((text) => text.trim()).filter(Boolean);
    for (const item of named) {
      const right = parseRight(item);
      if (right) rights.add(right);
      else ctx.addIssue({ code: "custom", message: `unknown access right "${item}"; use ${RIGHTS_HINT}` });
    }
    if (named.length === 0) {
      ctx.addIssue({ code: "custom", message: `name at least one access right: ${RIGHTS_HINT}` });
    }
    return [...rights];
  });
