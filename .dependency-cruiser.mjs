// The layering of docs/ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser resolves every import,
// type-only ones included, to the file it names, so a rule speaks of folders, not of import strings).
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: "exchange-knows-no-helloid",
      comment: "The Exchange Online client knows nothing of HelloID or of the actions built on it.",
      severity: "error",
      from: { path: "^src/exchange/" },
      to: { path: "^src/(helloid|actions)/" },
    },
    {
      name: "helloid-knows-no-exchange",
      comment: "The HelloID contract knows nothing of Exchange Online.",
      severity: "error",
      from: { path: "^src/helloid/" },
      to: { path: "^src/exchange/" },
    },
    {
      name: "simulator-stands-alone",
      comment: "The simulator plays Exchange Online; it never borrows the client, the actions or the HelloID contract.",
      severity: "error",
      from: { path: "^src/simulator/" },
      to: { path: "^src/(exchange|actions|helloid)/" },
    },
    {
      name: "actions-use-no-simulator",
      comment: "Actions talk to Exchange through the client only, never to the simulator.",
      severity: "error",
      from: { path: "^src/actions/" },
      to: { path: "^src/simulator/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
  },
};
