# Does nothing: the PowerShell benchmark measures the HelloID runtime stand-in's own memory with it.
$outputContext.Success = $true
