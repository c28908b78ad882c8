# A stand-in for HelloID's PowerShell V2 runtime, for the test suite (docs/POWERSHELL.md).
#
# Reads jobs from stdin, one JSON line each: {"script","context","result","env","firstRecordMarker"?}. For each
# job it reads the contexts from the context file the way HelloID hands them to a script (ConvertFrom-Json objects),
# pre-creates $outputContext as HelloID does, runs the script's text in a fresh runspace that has only those
# variables, and writes one JSON result file: the final outputContext, the Write-Output records (imports), the
# warning, information and error streams, a terminating error if any, the time the script took (and when its
# first record arrived) and this process's peak memory. Then it answers the job's result path on stdout. One PowerShell serves many jobs, so
# its start-up is paid once; "env" sets environment variables (for the connector it starts) for one job.
$ErrorActionPreference = 'Stop'
$utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

function New-PrefilledObject {
    # Data and PreviousData as HelloID pre-fills them (the mapped fields); an empty object when none are given.
    param($Value)
    if ($null -eq $Value) { return [PSCustomObject]@{} }
    return $Value
}

function Get-PeakMemory {
    if (-not (Test-Path -LiteralPath '/proc/self/status')) { return $null }
    $line = Get-Content -LiteralPath '/proc/self/status' | Where-Object { $_ -like 'VmHWM:*' }
    if ($null -eq $line) { return $null }
    return [long](($line -split '\s+')[1])
}

function Invoke-HelloIdScript {
    param([string]$ScriptPath, [string]$ContextPath, [string]$FirstRecordMarker)
    $contexts = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($ContextPath, $utf8))
    $prefilled = $contexts.outputContext

    # HelloID's outputContext: a fixed set of properties (setting another one fails), the lists already created.
    $outputContext = [PSCustomObject]@{
        Success           = $false
        AccountReference  = $null
        AccountCorrelated = $false
        Data              = New-PrefilledObject -Value $prefilled.Data
        PreviousData      = New-PrefilledObject -Value $prefilled.PreviousData
        AuditLogs         = New-Object -TypeName 'System.Collections.Generic.List[object]'
        Permissions       = New-Object -TypeName 'System.Collections.Generic.List[object]'
        SubPermissions    = New-Object -TypeName 'System.Collections.Generic.List[object]'
    }

    $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace()
    $runspace.Open()
    $runspace.SessionStateProxy.SetVariable('actionContext', $contexts.actionContext)
    $runspace.SessionStateProxy.SetVariable('outputContext', $outputContext)
    # A kind of script without a person or resource gets no such variable at all, as in HelloID.
    if ($null -ne $contexts.personContext) { $runspace.SessionStateProxy.SetVariable('personContext', $contexts.personContext) }
    if ($null -ne $contexts.resourceContext) { $runspace.SessionStateProxy.SetVariable('resourceContext', $contexts.resourceContext) }

    $shell = [PowerShell]::Create()
    $shell.Runspace = $runspace
    $null = $shell.AddScript([System.IO.File]::ReadAllText($ScriptPath, $utf8))
    $records = New-Object -TypeName 'System.Management.Automation.PSDataCollection[psobject]'
    $noInput = New-Object -TypeName 'System.Management.Automation.PSDataCollection[psobject]'
    $noInput.Complete()
    $terminatingError = $null
    $firstRecordMs = $null
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        # Watch the pipeline while the script runs: when the first record arrives, and (for a test that asks)
        # a marker file then, which a connector can wait for to show that records stream.
        $running = $shell.BeginInvoke($noInput, $records)
        while (-not $running.AsyncWaitHandle.WaitOne(10)) {
            if ($null -eq $firstRecordMs -and $records.Count -gt 0) {
                $firstRecordMs = $stopwatch.ElapsedMilliseconds
                if ($FirstRecordMarker) { [System.IO.File]::WriteAllText($FirstRecordMarker, [string]$firstRecordMs) }
            }
        }
        $null = $shell.EndInvoke($running)
    } catch {
        $exception = $_.Exception
        while ($exception -is [System.Management.Automation.MethodInvocationException] -and $null -ne $exception.InnerException) {
            $exception = $exception.InnerException
        }
        $terminatingError = $exception.Message
    }
    $stopwatch.Stop()
    $result = [ordered]@{
        outputContext    = $outputContext
        records          = @($records)
        warnings         = @($shell.Streams.Warning | ForEach-Object { $_.Message })
        information      = @($shell.Streams.Information | ForEach-Object { [string]$_.MessageData })
        errors           = @($shell.Streams.Error | ForEach-Object { $_.Exception.Message })
        terminatingError = $terminatingError
        durationMs       = $stopwatch.ElapsedMilliseconds
        firstRecordMs    = $firstRecordMs
        peakRssKb        = Get-PeakMemory
    }
    $shell.Dispose()
    $runspace.Dispose()
    return $result
}

while ($true) {
    $line = [Console]::In.ReadLine()
    if ($null -eq $line) { break }
    $job = ConvertFrom-Json -InputObject $line
    $saved = @{}
    foreach ($variable in $job.env.PSObject.Properties) {
        $saved[$variable.Name] = [Environment]::GetEnvironmentVariable($variable.Name)
        [Environment]::SetEnvironmentVariable($variable.Name, [string]$variable.Value)
    }
    try {
        $result = Invoke-HelloIdScript -ScriptPath $job.script -ContextPath $job.context -FirstRecordMarker $job.firstRecordMarker
        [System.IO.File]::WriteAllText($job.result, (ConvertTo-Json -InputObject $result -Depth 100 -Compress), $utf8)
    } catch {
        [System.IO.File]::WriteAllText($job.result, (ConvertTo-Json -InputObject @{ hostError = $_.ToString() } -Compress), $utf8)
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    [Console]::Out.WriteLine($job.result)
}
