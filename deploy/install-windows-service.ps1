# Installs `exo-connector serve` as a Windows service wrapped by WinSW (deploy/exo-connector-winsw.xml says
# why WinSW; README, "Cloud agent"). Runs in Windows PowerShell 5.1 and PowerShell 7. As an administrator,
# with Node.js 20 installed, from a folder holding this script, exo-connector-winsw.xml, the connector bundle
# (dist/cli.js) and WinSW (https://github.com/winsw/winsw/releases, e.g. WinSW-x64.exe):
#
#   .\install-windows-service.ps1 -WinSW .\WinSW-x64.exe -Bundle .\cli.js
#
# It copies the bundle as exo-connector.mjs and WinSW as exo-connector.exe into -InstallFolder, writes
# exo-connector.xml there with the API key in it (readable by Administrators, SYSTEM and the service account
# only), keeps the logs and the token cache in %ProgramData%\exo-connector (writable by the service account
# only), installs and starts the service, and prints the generated API key once. -DryRun prints each step
# instead of doing it, on any machine.
[CmdletBinding()]
param(
    [string]$InstallFolder = 'C:\Program Files\exo-connector',
    # HOST:PORT. Anything but loopback needs TLS: -TlsPfx, or a reverse proxy in front.
    [string]$Listen = '127.0.0.1:8080',
    # An account without a password: the service's own virtual account (default), NT AUTHORITY\LocalService,
    # NT AUTHORITY\NetworkService, or a group managed service account DOMAIN\name$ (which needs the right
    # to log on as a service).
    [string]$ServiceAccount = 'NT SERVICE\exo-connector',
    [string]$WinSW = (Join-Path $PSScriptRoot 'WinSW-x64.exe'),
    [string]$Bundle = (Join-Path $PSScriptRoot 'cli.js'),
    [string]$NodeExe = 'C:\Program Files\nodejs\node.exe',
    # The keys the service accepts, comma-separated (each at least 16 characters); default: a new random key.
    [string]$ApiKey = '',
    # A PFX certificate for HTTPS, and its passphrase (kept in exo-connector.xml like the key).
    [string]$TlsPfx = '',
    [SecureString]$TlsPassphrase,
    [switch]$DryRun
)

$ErrorActionPreference = 'Stop'
$serviceId = 'exo-connector'
$programData = $env:ProgramData
if (-not $programData) { $programData = 'C:\ProgramData' }
$dataFolder = "$programData\exo-connector"
$serviceExe = "$InstallFolder\$serviceId.exe"
$serviceXml = "$InstallFolder\$serviceId.xml"
# Well-known SIDs, so that localized Windows (Administratoren, ...) reads them too.
$adminsAndSystem = @('*S-1-5-32-544:(OI)(CI)F', '*S-1-5-18:(OI)(CI)F')

# Does one step, or with -DryRun says what it would do.
function Invoke-Step([string]$Description, [scriptblock]$Action) {
    if ($DryRun) {
        Write-Output "would $Description"
        return
    }
    Write-Output $Description
    & $Action
}

# Runs a program (and fails on a non-zero exit code), or with -DryRun prints its command line.
function Invoke-Program([string]$Program, [string[]]$Arguments) {
    $quoted = foreach ($argument in @($Program) + $Arguments) {
        if ($argument -match '\s') { '"' + $argument + '"' } else { $argument }
    }
    $line = $quoted -join ' '
    if ($DryRun) {
        Write-Output "would run: $line"
        return
    }
    Write-Output "run: $line"
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "exit code $LASTEXITCODE from: $line" }
}

function Assert-File([string]$Path, [string]$What) {
    if (Test-Path -LiteralPath $Path -PathType Leaf) { return }
    if ($DryRun) { Write-Warning "$What not found: $Path" } else { throw "$What not found: $Path" }
}

if (-not $DryRun) {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal($identity)
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'Run this script as an administrator.'
    }
    if (Get-Service -Name $serviceId -ErrorAction SilentlyContinue) {
        throw "The service $serviceId exists already. To reinstall: & '$serviceExe' stop; & '$serviceExe' uninstall"
    }
}
Assert-File $WinSW 'WinSW (-WinSW)'
Assert-File $Bundle 'The connector bundle, dist/cli.js (-Bundle)'
Assert-File $NodeExe 'node.exe (-NodeExe)'
if ($TlsPfx) { Assert-File $TlsPfx 'The certificate (-TlsPfx)' }

$generated = -not $ApiKey
if ($generated) {
    $bytes = New-Object byte[] 32
    $random = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    $random.GetBytes($bytes)
    $random.Dispose()
    $ApiKey = ($bytes | ForEach-Object { $_.ToString('x2') }) -join ''
}
foreach ($key in $ApiKey.Split(',')) {
    if ($key.Trim().Length -lt 16) { throw '-ApiKey: every key needs at least 16 characters.' }
}

# The service configuration: the template with this machine's node.exe, arguments and key.
$config = New-Object System.Xml.XmlDocument
$config.PreserveWhitespace = $true
$config.Load((Join-Path $PSScriptRoot 'exo-connector-winsw.xml'))
$config.SelectSingleNode('/service/executable').InnerText = $NodeExe
$arguments = '"%BASE%\exo-connector.mjs" serve --listen ' + $Listen
$keyEnv = $config.SelectSingleNode("/service/env[@name='EXO_CONNECTOR_API_KEYS']")
$keyEnv.SetAttribute('value', $ApiKey)
if ($TlsPfx) {
    $arguments += ' --tls-pfx "' + $TlsPfx + '" --tls-passphrase-env SERVICE_PFX_PASSPHRASE'
    if ($TlsPassphrase) {
        $passphraseEnv = $config.CreateElement('env')
        $passphraseEnv.SetAttribute('name', 'SERVICE_PFX_PASSPHRASE')
        $passphrase = (New-Object System.Management.Automation.PSCredential('pfx', $TlsPassphrase)).GetNetworkCredential().Password
        $passphraseEnv.SetAttribute('value', $passphrase)
        [void]$keyEnv.ParentNode.InsertAfter($passphraseEnv, $keyEnv)
    }
}
$config.SelectSingleNode('/service/arguments').InnerText = $arguments

Invoke-Step "create $InstallFolder and copy the connector and WinSW into it" {
    New-Item -ItemType Directory -Force -Path $InstallFolder | Out-Null
    Copy-Item -LiteralPath $Bundle -Destination "$InstallFolder\exo-connector.mjs" -Force
    Copy-Item -LiteralPath $WinSW -Destination $serviceExe -Force
}
Invoke-Step "create $dataFolder\logs and $dataFolder\cache" {
    New-Item -ItemType Directory -Force -Path "$dataFolder\logs", "$dataFolder\cache" | Out-Null
}
Invoke-Program 'icacls.exe' (@($dataFolder, '/inheritance:r', '/grant:r') + $adminsAndSystem)
# The file is made private before the key is written into it.
Invoke-Step "create $serviceXml, readable by Administrators and SYSTEM only" {
    New-Item -ItemType File -Force -Path $serviceXml | Out-Null
}
Invoke-Program 'icacls.exe' @($serviceXml, '/inheritance:r', '/grant:r', '*S-1-5-32-544:F', '*S-1-5-18:F')
Invoke-Step "write $serviceXml with the API key and the arguments: $arguments" {
    $config.Save($serviceXml)
}
Invoke-Program $serviceExe @('install')
# WinSW installs the service as LocalSystem; then the account, and what it may read and write.
if ($ServiceAccount -ne 'LocalSystem') {
    Invoke-Program 'sc.exe' @('config', $serviceId, 'obj=', $ServiceAccount)
    Invoke-Program 'icacls.exe' @($serviceXml, '/grant', ($ServiceAccount + ':R'))
    Invoke-Program 'icacls.exe' @($dataFolder, '/grant', ($ServiceAccount + ':(OI)(CI)M'))
}
Invoke-Program $serviceExe @('start')

Write-Output ''
if ($DryRun) { Write-Output 'Dry run: nothing was changed. Once installed:' }
Write-Output "The service $serviceId runs as $ServiceAccount, listening on $Listen; logs in $dataFolder\logs."
Write-Output "Stop drains the actions in flight: & '$serviceExe' stop (or restart)."
if ($generated) {
    Write-Output 'The API key, shown this once (it is kept only in exo-connector.xml):'
    Write-Output ''
    Write-Output "    $ApiKey"
    Write-Output ''
    Write-Output 'Give it to the caller as the header Authorization: Bearer <key>: in HelloID, the ConnectorApiKey'
    Write-Output 'field of the connector configuration. Keep it in a password manager, not in a file.'
}
