// BENCHMARKS.md: generated sections between markers, rewritten by each run (a run of only some benchmarks,
// BENCH_ONLY, keeps the others' last results), plus a hand-written interpretation that is never touched.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export interface Target {
  /** What is measured, e.g. "cold CLI overhead (run disable)". */
  name: string;
  /** The goal, e.g. "≤ 150 ms median". */
  goal: string;
  measured: string;
  /** undefined: informational, no pass/fail. */
  met: boolean | undefined;
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  /** Markdown below the title. */
  body: string;
  targets: Target[];
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cellText = (cell: string) => cell.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `| ${headers.map(cellText).join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cellText).join(" | ")} |`),
  ].join("\n");
}

const START = (id: string) => `<!-- bench:${id}:start -->`;
const END = (id: string) => `<!-- bench:${id}:end -->`;
const TARGETS = /<!-- targets (.*?) -->/s;
const INTERPRETATION = /<!-- interpretation:start -->[\s\S]*?<!-- interpretation:end -->/;

function renderSection(section: Section): string {
  return [
    START(section.id),
    `## ${section.title}`,
    "",
    section.body.trim(),
    "",
    `<!-- targets ${JSON.stringify(section.targets).replaceAll("--", "\\u002d\\u002d")} -->`,
    END(section.id),
  ].join("\n");
}

/** The sections of an earlier BENCHMARKS.md, by id, as written. */
function previousSections(text: string): Map<string, { raw: string; targets: Target[] }> {
  const sections = new Map<string, { raw: string; targets: Target[] }>();
  const pattern = /<!-- bench:([\w-]+):start -->[\s\S]*?<!-- bench:\1:end -->/g;
  for (const match of text.matchAll(pattern)) {
    const raw = match[0];
    const targets = TARGETS.exec(raw)?.[1];
    sections.set(match[1] as string, { raw, targets: targets ? (JSON.parse(targets) as Target[]) : [] });
  }
  return sections;
}

const DEFAULT_INTERPRETATION = [
  "<!-- interpretation:start -->",
  "## Interpretation",
  "",
  "_Hand-written; `npm run bench` keeps this section as it is._",
  "<!-- interpretation:end -->",
].join("\n");

export function writeReport(
  path: string,
  options: { order: readonly string[]; header: string; machine: Section; sections: Section[] },
): void {
  const earlier = existsSync(path) ? readFileSync(path, "utf8") : "";
  const kept = previousSections(earlier);
  const fresh = new Map(options.sections.map((section) => [section.id, section]));
  const blocks: { raw: string; targets: Target[]; title: string }[] = [];
  for (const id of options.order) {
    const section = fresh.get(id);
    if (section) blocks.push({ raw: renderSection(section), targets: section.targets, title: section.title });
    else {
      const old = kept.get(id);
      if (old) blocks.push({ ...old, title: /## (.*)/.exec(old.raw)?.[1] ?? id });
    }
  }
  const summaryRows = blocks.flatMap((block) =>
    block.targets.map((target) => [
      target.name,
      target.goal,
      target.measured,
      target.met === undefined ? "info" : target.met ? "met" : "**not met**",
      target.note ?? "",
    ]),
  );
  const summary: Section = {
    id: "summary",
    title: "Targets at a glance",
    body: table(["figure", "target", "measured", "status", "note"], summaryRows),
    targets: [],
  };
  const interpretation = INTERPRETATION.exec(earlier)?.[0] ?? DEFAULT_INTERPRETATION;
  const text = [
    options.header.trim(),
    "",
    renderSection(options.machine),
    "",
    renderSection(summary),
    "",
    ...blocks.flatMap((block) => [block.raw, ""]),
    interpretation,
    "",
  ].join("\n");
  writeFileSync(path, text);
}
