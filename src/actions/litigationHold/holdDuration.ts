// Litigation hold durations: days or "Unlimited" in configuration, and Exchange's TimeSpan text
// ("365.00:00:00") on Get-Mailbox.
export type HoldDuration = number | "Unlimited";

/** Exchange's LitigationHoldDuration ("Unlimited", "365.00:00:00"); null when it is something else. */
export function parseExchangeDuration(value: unknown): HoldDuration | null {
  if (typeof value !== "string") return null;
  if (value.toLowerCase() === "unlimited") return "Unlimited";
  const days = /^(\d+)(?:\.00:00:00)?$/.exec(value);
  return days ? Number(days[1]) : null;
}

/** "365 days", "Unlimited". */
export function describeDuration(duration: HoldDuration | null): string {
  if (duration === null) return "an unknown duration";
  return duration === "Unlimited" ? "Unlimited" : `${duration} days`;
}
