// The HelloID folder `exo-connector package` writes: layout, every script through a PowerShell parser
// (syntax, PowerShell 7-only constructs), one template for all, configuration.json and fieldMapping.json
// against HelloID's formats.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { before, describe, it } from "node:test";
import { connectionKeys, parseConnectionSettings } from "../../src/actions/configuration.js";
import { listActions } from "../../src/actions/registry.js";
import { SHIM_TEMPLATE } from "../../src/helloid/shim/index.js";
import { BUNDLE_FILE, CHECK_SCRIPT, type PackageResult, writePackage } from "../../src/package/index.js";
import { scriptLayout, scriptPath } from "../../src/package/layout.js";
import { configurationProblems, fieldMappingProblems } from "../support/helloidFormats.js";
import { checkPowerShell } from "../support/powershell.js";

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(path, root)
      : [relative(root, path).split(sep).join("/")];
  });
}
const listFiles = (dir: string) => filesUnder(dir).sort();

const POWERSHELL_KEYS = [
  "Organization",
  "TenantID",
  "AppId",
  "AppSecret",
  "UseCertificate",
  "AppCertificateBase64String",
  "AppCertificatePassword",
];

describe("exo-connector package", () => {
  let out: string;
  let result: PackageResult;
  const bundle = join(mkdtempSync(join(tmpdir(), "exo-bundle-")), "cli.js");
  before(() => {
    writeFileSync(bundle, "// the bundled connector\n");
    out = join(mkdtempSync(join(tmpdir(), "exo-package-")), "helloid");
    result = writePackage({ outDir: out, bundlePath: bundle, version: "1.2.3" });
  });
  const read = (path: string) => readFileSync(join(out, path), "utf8");
  const scripts = () => listFiles(out).filter((file) => file.endsWith(".ps1"));

  it("lays out one script per action where HelloID expects it, and nothing else", () => {
    const expected = listActions().map((action) => scriptPath(action.name));
    assert.deepEqual(scripts(), [...expected, CHECK_SCRIPT].sort());
    assert.equal(
      new Set(expected.map((p) => p.toLowerCase())).size,
      expected.length,
      "two actions share a script",
    );
    for (const account of ["create", "update", "enable", "disable", "delete", "import"]) {
      assert.ok(scripts().includes(`${account}.ps1`), `${account}.ps1`);
    }
    assert.ok(
      scripts().includes("correlateOnly/create.ps1") && scripts().includes("correlateOnly/import.ps1"),
    );
    for (const script of scripts()) {
      assert.match(
        script,
        /^([a-z]+\.ps1|correlateOnly\/[a-z]+\.ps1|permissions\/[A-Za-z]+\/[A-Za-z]+\.ps1|resources\/[A-Za-z]+\/resources\.ps1)$/,
      );
    }
    assert.equal(scriptPath("groups/grantPermission"), "permissions/groups/grantPermission.ps1");
    assert.equal(scriptPath("sharedMailboxes/resources"), "resources/sharedMailboxes/resources.ps1");
    assert.equal(scriptPath("correlateOnly/create"), "correlateOnly/create.ps1");
    assert.deepEqual(
      listFiles(out).filter((file) => !file.endsWith(".ps1")),
      [
        BUNDLE_FILE,
        "README.md",
        "configuration.json",
        "correlateOnly/fieldMapping.json",
        "fieldMapping.json",
      ].sort(),
    );
    assert.deepEqual(result.files, listFiles(out));
    assert.equal(read(BUNDLE_FILE), "// the bundled connector\n");
  });

  it("every script passes the PowerShell parser: no syntax error, nothing PowerShell 7-only, no unassigned variable", async () => {
    assert.ok(scripts().length >= 8);
    for (const script of scripts()) {
      const problems = await checkPowerShell(read(script));
      assert.deepEqual(
        problems,
        [],
        `${script}:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join("\n")}`,
      );
    }
  });

  it("the parser check catches what it must", async () => {
    const messages = async (text: string) => (await checkPowerShell(text)).map((p) => p.message).join("\n");
    assert.match(await messages("$a = $b ?? 'x'"), /syntax error/);
    assert.match(await messages("$a = $b ? 1 : 2"), /syntax error/);
    assert.match(await messages("$a = $b?.c"), /syntax error/);
    assert.match(await messages("Get-Thing && Set-Thing"), /&& \/ \|\|/);
    assert.match(await messages("1..3 | ForEach-Object -Parallel { $_ }"), /-Parallel/);
    assert.match(await messages("$j = '{}' | ConvertFrom-Json -AsHashtable"), /-AsHashtable/);
    assert.match(
      await messages("$s = New-Object System.Diagnostics.ProcessStartInfo\n$s.ArgumentList.Add('x')"),
      /ArgumentList/,
    );
    assert.match(await messages("if ($a) { Write-Output 'x'"), /syntax error/);
    assert.match(
      await messages("$exoValue = 1\nWrite-Output $exoVaule"),
      /exoVaule is read but never assigned/,
    );
    assert.match(await messages("$a = 'caf\u00e9'"), /non-ASCII/);
    assert.deepEqual(await checkPowerShell("$a = 1\r\nWrite-Output $a\r\n"), []);
  });

  it("every script comes from the one template and differs only in its settings", () => {
    const settingLines =
      /^(# HelloID-Conn-Prov-Target-ExchangeOnline-.*|# (.*\.ps1|__EXO_SCRIPT__): runs .*|# Generated by exo-connector .*|\$exo(Version|Action|Command|ServicePath|IsImport|TimeoutSeconds|PreviewTimeoutSeconds|DefaultConnectorPath|DefaultNodePath) = .*)$/;
    const body = (text: string) =>
      text
        .split("\r\n")
        .filter((line) => !settingLines.test(line))
        .join("\n");
    const bodies = new Set(scripts().map((script) => body(read(script))));
    assert.equal(bodies.size, 1);
    assert.equal([...bodies][0], body(SHIM_TEMPLATE.replace(/\n/g, "\r\n")));
    for (const script of scripts()) {
      const text = read(script);
      assert.ok(!text.includes("__EXO_"), `${script} has an unreplaced placeholder`);
      assert.ok(text.includes("\r\n") && !/[^\r]\n/.test(text), `${script} must use CRLF line ends`);
    }
  });

  it("each script runs its own action, streams only imports, and stops before HelloID's time limit", () => {
    for (const action of listActions()) {
      const text = read(scriptPath(action.name));
      assert.ok(text.includes(`$exoAction = '${action.name}'\r\n`), action.name);
      assert.ok(text.includes(`$exoCommand = 'run ${action.name}'\r\n`), action.name);
      assert.ok(
        text.includes(`$exoIsImport = ${action.kind === "import" ? "$true" : "$false"}\r\n`),
        action.name,
      );
      const timeout = Number(/\$exoTimeoutSeconds = (\d+)/.exec(text)?.[1]);
      if (action.timeLimitSeconds) {
        // After the connector's own deadline (the limit less 5 %, at least 5 s) and before HelloID's limit.
        const limit = action.timeLimitSeconds;
        const connectorDeadline = limit - Math.max(5, Math.ceil(limit / 20));
        assert.ok(
          timeout > connectorDeadline && timeout < limit,
          `${action.name}: ${timeout} s (limit ${limit} s)`,
        );
      } else {
        // HelloID: 30 s for account and permission actions, 10 min for resources, 15 min to retrieve
        // permissions (imports declare their limit). The connector itself stops by ActionDeadlineSeconds
        // (< 30 s) here.
        assert.notEqual(action.kind, "import", `${action.name} declares no time limit`);
        const limit = /\/resources$/.test(action.name) ? 600 : /\/permissions$/.test(action.name) ? 900 : 30;
        assert.ok(
          timeout >= 28 && timeout < limit,
          `${action.name}: stops after ${timeout} s, HelloID's limit is ${limit} s`,
        );
      }
    }
    // Every script of one kind stops at the same time, whether or not its action declares the limit.
    const stops = new Map<string, Set<number>>();
    for (const entry of scriptLayout(listActions()))
      stops.set(entry.slot, (stops.get(entry.slot) ?? new Set()).add(entry.timeoutSeconds));
    for (const [slot, times] of stops) assert.equal(times.size, 1, `${slot}: ${[...times].join(", ")} s`);
    assert.deepEqual([...(stops.get("retrievePermissions") ?? [])], [882]);
    assert.match(read("create.ps1"), /^# HelloID-Conn-Prov-Target-ExchangeOnline-Create\r$/m);
    assert.match(read("create.ps1"), /Generated by exo-connector 1\.2\.3/);
  });

  it("check.ps1 runs the readiness check as an account-slot script that applies an outputContext", () => {
    const text = read(CHECK_SCRIPT);
    assert.ok(text.includes("$exoCommand = 'check --helloid'\r\n"));
    assert.ok(text.includes("$exoIsImport = $false\r\n"));
    assert.ok(text.includes("$exoTimeoutSeconds = 28\r\n"));
  });

  it("without ProxyUrl the shim hands Node.js the proxy Windows resolves for Exchange and Entra ID", () => {
    const text = read("create.ps1");
    assert.match(
      text,
      /if \(\(Get-ExoSetting -Configuration \$exoConfiguration -Name 'ProxyUrl' -Default ''\)\.Length -eq 0\) \{\r\n\s+Set-ExoWindowsProxy -StartInfo \$exoStartInfo/,
    );
    assert.match(text, /\[System\.Net\.WebRequest\]::DefaultWebProxy/);
    assert.match(text, /\$proxy\.IsBypassed\(\$uri\)/);
    assert.match(text, /\$proxy\.GetProxy\(\$uri\)/);
    // Only the child's environment changes, never the agent's.
    assert.match(
      text,
      /\$StartInfo\.EnvironmentVariables\['HTTPS_PROXY'\] = 'http:\/\/' \+ \$proxyUri\.Authority/,
    );
    assert.match(text, /\$StartInfo\.EnvironmentVariables\['NO_PROXY'\] = \(\$bypassed -join ','\)/);
  });

  it("the shim hands the contexts over stdin only and applies the answer the way HelloID needs", () => {
    const text = SHIM_TEMPLATE;
    for (const context of ["actionContext", "personContext", "resourceContext", "outputContext"]) {
      assert.match(text, new RegExp(`Get-ExoContext -Name '${context}'`));
      assert.match(text, new RegExp(`\\n {8}${context} += `), `${context} is not serialized`);
    }
    assert.match(
      text,
      /\$exoPrefilled = \[ordered\]@\{ Data = \$exoOutputContext\.Data; PreviousData = \$exoOutputContext\.PreviousData \}/,
    );
    assert.match(text, /ConvertTo-Json -InputObject \$exoInput -Depth 64 -Compress/);
    // UTF-8 without BOM through the base stream; .NET Framework has no StandardInputEncoding.
    assert.match(text, /New-Object -TypeName System\.Text\.UTF8Encoding -ArgumentList \$false/);
    assert.match(text, /StandardInput\.BaseStream\.Write\(\$exoBytes/);
    // The command line holds the connector path and the command, nothing else; nothing is written to disk.
    const argumentLines = text.split("\n").filter((line) => line.includes("Arguments ="));
    assert.deepEqual(argumentLines, [
      `        $exoStartInfo.Arguments = '"' + $exoConnectorPath + '" ' + $exoCommand`,
    ]);
    assert.doesNotMatch(
      text,
      /Out-File|Set-Content|Add-Content|WriteAllText|Export-|Tee-Object|\[Environment\]::SetEnvironmentVariable|\$env:\w+ =/i,
    );
    // stderr drained in the background, stdout read with a deadline, the child stopped on time.
    assert.match(text, /StandardError\.ReadToEndAsync\(\)/);
    assert.match(text, /\$exoReader = \$exoProcess\.StandardOutput/);
    assert.match(text, /\$exoReader\.ReadLineAsync\(\)/);
    assert.match(text, /\$exoLineTask\.Wait\(\$exoRemaining\)/);
    assert.match(text, /\$exoProcess\.Kill\(\)/);
    // Logs: warn/error -> Write-Warning, the rest -> Write-Information.
    assert.match(text, /if \(\$level -eq 'warn' -or \$level -eq 'error'\) \{\s+Write-Warning/);
    assert.match(text, /Write-Information \('exo-connector: ' \+ \$text\)/);
    // Lists are added to, never replaced.
    for (const list of ["AuditLogs", "Permissions", "SubPermissions"]) {
      assert.match(text, new RegExp(`\\$outputContext\\.${list}\\.Add\\(`));
      assert.doesNotMatch(text, new RegExp(`\\$outputContext\\.${list} =`));
    }
    for (const field of ["Success", "AccountReference", "AccountCorrelated", "Data", "PreviousData"]) {
      assert.match(text, new RegExp(`'${field}' \\{`));
    }
    assert.match(text, /Write-Output \(\[ExoValue\]::FromJson\(\(ConvertFrom-ExoJson -Json \$exoLine\)\)\)/);
    // One clear audit error when Node.js or the connector is missing.
    assert.match(text, /Node\.js could not be started as \[/);
    assert.match(text, /The Exchange Online connector was not found at \[/);
    assert.match(text, /\$outputContext\.AuditLogs\.Add\(@\{ Message = \$exoMessage; IsError = \$true \}\)/);
  });

  // biome-ignore-start lint/suspicious/noExplicitAny: parsed JSON files are inspected ad hoc
  it("configuration.json: HelloID's format, the PowerShell connector's keys first, secrets masked", () => {
    const form = JSON.parse(read("configuration.json"));
    assert.deepEqual(configurationProblems(form), []);
    const keys = form.map((field: { key: string }) => field.key);
    assert.deepEqual(keys.slice(0, POWERSHELL_KEYS.length), POWERSHELL_KEYS);
    for (const key of [
      "Environment",
      "AdminApiUrl",
      "AuthorityUrl",
      "ActionDeadlineSeconds",
      "ConnectorPath",
      "NodePath",
    ]) {
      assert.ok(keys.includes(key), key);
    }
    for (const key of connectionKeys)
      assert.ok(keys.includes(key), `the connection reads ${key} but the form lacks it`);
    const byKey = new Map(form.map((field: { key: string }) => [field.key, field]));
    for (const secret of ["AppSecret", "AppCertificateBase64String", "AppCertificatePassword", "ProxyUrl"]) {
      assert.equal((byKey.get(secret) as any).templateOptions.type, "password", secret);
    }
    assert.equal((byKey.get("UseCertificate") as any).type, "checkbox");
    for (const required of ["Organization", "TenantID", "AppId"])
      assert.equal((byKey.get(required) as any).templateOptions.required, true);
    // What an implementer saves unchanged (defaults) plus the required values is a configuration the connector accepts.
    const configuration = Object.fromEntries(form.map((field: any) => [field.key, field.defaultValue]));
    Object.assign(configuration, {
      Organization: "contoso.onmicrosoft.com",
      TenantID: "00000000-0000-0000-0000-000000000001",
      AppId: "00000000-0000-0000-0000-00000000a001",
      AppSecret: "secret",
    });
    const settings = parseConnectionSettings(configuration);
    assert.equal(settings.Environment, "Global");
    assert.equal(settings.ActionDeadlineSeconds, 25);
    assert.equal(settings.UseCertificate, false);
  });

  it("fieldMapping.json: HelloID's format with the PowerShell connector's fields and defaults", () => {
    const mapping = JSON.parse(read("fieldMapping.json"));
    assert.deepEqual(fieldMappingProblems(mapping), []);
    const fields = new Map<string, any>(mapping.MappingFields.map((field: any) => [field.Name, field]));
    for (const name of [
      "AutoReplyState",
      "InternalMessage",
      "ExternalMessage",
      "ExternalAudience",
      "guid",
      "userPrincipalName",
      "HiddenFromAddressListsEnabled",
      "EmailAddresses",
      "CustomAttribute1",
    ]) {
      assert.ok(fields.has(name), name);
    }
    const valueFor = (name: string, stage: string) => {
      const action = fields.get(name).MappingActions.find((a: any) => a.MapForActions.includes(stage));
      return (
        action && {
          mode: action.MappingMode,
          value: JSON.parse(action.Value),
          store: action.StoreInAccountData,
        }
      );
    };
    assert.deepEqual(valueFor("HiddenFromAddressListsEnabled", "Create"), {
      mode: "Fixed",
      value: "true",
      store: false,
    });
    assert.deepEqual(valueFor("HiddenFromAddressListsEnabled", "Disable"), {
      mode: "Fixed",
      value: "true",
      store: false,
    });
    assert.deepEqual(valueFor("HiddenFromAddressListsEnabled", "Enable"), {
      mode: "Fixed",
      value: "false",
      store: false,
    });
    assert.deepEqual(valueFor("AutoReplyState", "Delete"), { mode: "Fixed", value: "Enabled", store: false });
    assert.deepEqual(valueFor("guid", "Create"), { mode: "None", value: "", store: true });
    assert.deepEqual(valueFor("userPrincipalName", "Create"), { mode: "None", value: "", store: false });
    assert.equal(fields.get("EmailAddresses").Type, "Array");
    assert.equal(valueFor("CustomAttribute1", "Update")?.value, "Person.PrimaryContract.Title.Name");
    assert.doesNotMatch(
      read("fieldMapping.json"),
      /contoso|schoutenenzn|bentacera|devalck/i,
      "no customer's domain",
    );

    const correlateOnly = JSON.parse(read("correlateOnly/fieldMapping.json"));
    assert.deepEqual(fieldMappingProblems(correlateOnly), []);
    assert.deepEqual(
      correlateOnly.MappingFields.map((field: any) => field.Name),
      ["guid", "userPrincipalName"],
    );
  });

  // biome-ignore-end lint/suspicious/noExplicitAny: parsed JSON files are inspected ad hoc
  it("the README names every script, every configuration key and where the connector goes", () => {
    const readme = read("README.md");
    for (const script of scripts()) assert.ok(readme.includes(`\`${script}\``), script);
    for (const field of JSON.parse(read("configuration.json")))
      assert.ok(readme.includes(`\`${field.key}\``), field.key);
    assert.match(readme, /Node\.js 20/);
    assert.match(readme, /%ProgramData%\\exo-connector\\exo-connector\.mjs/);
  });

  it("rewrites an earlier package and refuses a folder that holds something else", () => {
    writeFileSync(join(out, "stale.ps1"), "# old");
    writePackage({ outDir: out, bundlePath: bundle, version: "1.2.4" });
    assert.ok(!listFiles(out).includes("stale.ps1"));
    assert.match(read("create.ps1"), /exo-connector 1\.2\.4/);

    const foreign = mkdtempSync(join(tmpdir(), "exo-foreign-"));
    writeFileSync(join(foreign, "notes.txt"), "mine");
    assert.throws(() => writePackage({ outDir: foreign, bundlePath: bundle }), /not empty/);
    assert.deepEqual(readdirSync(foreign), ["notes.txt"]);
    assert.throws(
      () => writePackage({ outDir: join(foreign, "x"), bundlePath: join(foreign, "missing.js") }),
      /npm run build/,
    );
  });
});
