// The layering of docs/ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser resolves every import,
// type-only ones included, to the file it names, so a rule speaks of folders, not of import strings).

/** [rule name, folder, folders it must not import, why]. */
const layers = [
  [
    "exchange-knows-no-helloid",
    "exchange",
    "helloid|actions",
    "The Exchange Online client knows nothing of HelloID or of the actions built on it.",
  ],
  ["helloid-knows-no-exchange", "helloid", "exchange", "The HelloID contract knows nothing of Exchange Online."],
  [
    "simulator-stands-alone",
    "simulator",
    "exchange|actions|helloid",
    "The simulator plays Exchange Online; it never borrows the client, the actions or the HelloID contract.",
  ],
  ["actions-use-no-simulator", "actions", "simulator", "Actions reach Exchange through the client only."],
  [
    "service-runs-actions-only",
    "service",
    "simulator|demo|package",
    "The service runs actions through runAction and the readiness check through runCheck, as the CLI does; it serves no simulator or demo.",
  ],
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layers.map(([name, folder, forbidden, comment]) => ({
      name,
      comment,
      severity: "error",
      from: { path: `^src/${folder}/` },
      to: { path: `^src/(${forbidden})/` },
    })),
    {
      name: "common-stands-alone",
      comment: "src/common holds what every room uses (the Logger interface, concurrency, patterns), so it imports none of them.",
      severity: "error",
      from: { path: "^src/common/" },
      to: { path: "^src/", pathNot: "^src/common/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
  },
};
