// The service's counters in Prometheus's text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/). A handful of counters and one gauge do
// not need a metrics library.
import type { TransportCounters } from "../exchange/index.js";
import type { TenantLimiters } from "./tenantLimiters.js";

export type ActionOutcome = "success" | "failed" | "unusable_input" | "error";

export class ServiceMetrics {
  private readonly actions = new Map<string, { action: string; outcome: ActionOutcome; count: number }>();
  private readonly transport: TransportCounters = { requests: 0, tokenRequests: 0, retries: 0, throttled: 0 };
  /** Actions running now. */
  actionsInFlight = 0;

  recordAction(action: string, outcome: ActionOutcome): void {
    const key = `${action}\n${outcome}`;
    const entry = this.actions.get(key) ?? { action, outcome, count: 0 };
    entry.count++;
    this.actions.set(key, entry);
  }

  /** Adds what one action's Exchange client sent. */
  recordTransport(stats: Readonly<TransportCounters>): void {
    this.transport.requests += stats.requests;
    this.transport.tokenRequests += stats.tokenRequests;
    this.transport.retries += stats.retries;
    this.transport.throttled += stats.throttled;
  }

  render(limiters: TenantLimiters): string {
    const lines: string[] = [];
    const metric = (name: string, type: "counter" | "gauge", help: string, samples: string[]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    };
    metric(
      "exo_connector_actions_total",
      "counter",
      "Actions run, by action and outcome (success, failed, unusable_input, error).",
      [...this.actions.values()].map(
        ({ action, outcome, count }) =>
          `exo_connector_actions_total{action="${label(action)}",outcome="${outcome}"} ${count}`,
      ),
    );
    metric("exo_connector_actions_in_flight", "gauge", "Actions running now.", [
      `exo_connector_actions_in_flight ${this.actionsInFlight}`,
    ]);
    metric("exo_connector_exchange_requests_total", "counter", "HTTP requests sent to Exchange Online.", [
      `exo_connector_exchange_requests_total ${this.transport.requests}`,
    ]);
    metric("exo_connector_token_requests_total", "counter", "HTTP requests sent to Entra ID for tokens.", [
      `exo_connector_token_requests_total ${this.transport.tokenRequests}`,
    ]);
    metric(
      "exo_connector_exchange_retries_total",
      "counter",
      "Requests sent again after a retryable failure.",
      [`exo_connector_exchange_retries_total ${this.transport.retries}`],
    );
    metric("exo_connector_exchange_throttled_total", "counter", "Answers that were 429 Too Many Requests.", [
      `exo_connector_exchange_throttled_total ${this.transport.throttled}`,
    ]);
    const tenants = [...limiters.entries()];
    metric(
      "exo_connector_exchange_requests_in_flight",
      "gauge",
      `Exchange requests in flight, by tenant (at most ${limiters.limit} each).`,
      tenants.map(
        ([tenant, semaphore]) =>
          `exo_connector_exchange_requests_in_flight{tenant="${label(tenant)}"} ${semaphore.inFlight}`,
      ),
    );
    return `${lines.join("\n")}\n`;
  }
}

/** A label value with backslash, double quote and line feed escaped, as the format asks. */
function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
