// The connector's version, from package.json: `--version`, the first log line of a run, the package's scripts.
import packageJson from "../package.json" with { type: "json" };

export const VERSION: string = packageJson.version;
