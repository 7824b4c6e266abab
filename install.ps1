# Installs the tcpip binary for Windows from a GitHub release, after
# checking it against the release's SHA256SUMS. PowerShell 5.1 or later.
#
#   irm https://raw.githubusercontent.com/tcpip-book/tcpip/main/install.ps1 | iex
#   .\install.ps1 v0.1.0          # a given release instead of the latest
#
# Environment:
#   TCPIP_VERSION        release tag to install (an argument wins); default: latest
#   TCPIP_INSTALL        directory to install into; default: ~\.local\bin
#   TCPIP_DOWNLOAD_BASE  where releases live; default: https://github.com/$Repo/releases
#
# Nothing is installed unless the download and its checksum are good: files
# land in a temporary directory first, which is removed on every exit.

# PLACEHOLDER: the GitHub owner/repository that publishes tcpip's releases.
$Repo = 'tcpip-book/tcpip'

function Install-Tcpip([string]$Version) {
  $ErrorActionPreference = 'Stop'
  # Invoke-WebRequest is very slow while it draws a progress bar.
  $ProgressPreference = 'SilentlyContinue'

  if (-not $Version) { $Version = $env:TCPIP_VERSION }
  if (-not $Version) { $Version = 'latest' }
  if ($Version -ne 'latest' -and -not $Version.StartsWith('v')) { $Version = "v$Version" }
  $base = $env:TCPIP_DOWNLOAD_BASE
  if (-not $base) { $base = "https://github.com/$Repo/releases" }
  $base = $base.TrimEnd('/')
  $dir = $env:TCPIP_INSTALL
  if (-not $dir) { $dir = Join-Path $HOME '.local\bin' }

  # The target triple of the release binary that runs here.
  if ([Environment]::OSVersion.Platform -ne [PlatformID]::Win32NT) {
    throw 'this is not Windows: use install.sh instead'
  }
  # A 32-bit PowerShell on a 64-bit Windows reports x86; the OS is in PROCESSOR_ARCHITEW6432.
  $cpu = $env:PROCESSOR_ARCHITEW6432
  if (-not $cpu) { $cpu = $env:PROCESSOR_ARCHITECTURE }
  switch ($cpu) {
    'AMD64' { $target = 'x86_64-pc-windows-msvc' }
    # Windows on Arm runs x86_64 programs through its emulation.
    'ARM64' { $target = 'x86_64-pc-windows-msvc' }
    default { throw "unsupported CPU: $cpu (tcpip has a Windows binary for x86_64)" }
  }
  $asset = "tcpip-$target.exe"
  if ($Version -eq 'latest') { $url = "$base/latest/download" } else { $url = "$base/download/$Version" }

  # PowerShell 5.1 may not offer TLS 1.2 by itself.
  [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

  $tmp = Join-Path ([IO.Path]::GetTempPath()) ("tcpip-install-" + [Guid]::NewGuid().ToString('N'))
  $staged = $null
  New-Item -ItemType Directory -Path $tmp | Out-Null
  try {
    Write-Output "tcpip install: downloading $asset ($Version) from $url"
    Get-ReleaseFile "$url/$asset" (Join-Path $tmp $asset) $Version $target
    Get-ReleaseFile "$url/SHA256SUMS" (Join-Path $tmp 'SHA256SUMS') $Version $target

    # A sha256sum line is "<hex>  <name>" ("<hex> *<name>" in binary mode).
    $expected = $null
    foreach ($line in Get-Content -LiteralPath (Join-Path $tmp 'SHA256SUMS')) {
      $fields = $line.Trim() -split '\s+'
      if ($fields.Count -eq 2 -and ($fields[1] -eq $asset -or $fields[1] -eq "*$asset")) {
        $expected = $fields[0].ToLowerInvariant()
        break
      }
    }
    if (-not $expected) { throw "SHA256SUMS of release '$Version' has no line for $asset" }
    $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath (Join-Path $tmp $asset)).Hash.ToLowerInvariant()
    if ($actual -ne $expected) {
      throw "checksum mismatch for ${asset}: SHA256SUMS says $expected, the download is $actual"
    }

    # Stage next to the destination, then swap it in.
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    $dir = (Resolve-Path -LiteralPath $dir).ProviderPath
    $dest = Join-Path $dir 'tcpip.exe'
    $staged = Join-Path $dir ".tcpip.new.$PID.exe"
    Move-Item -LiteralPath (Join-Path $tmp $asset) -Destination $staged -Force
    try {
      Move-Item -LiteralPath $staged -Destination $dest -Force
    } catch {
      throw "could not replace ${dest} (is tcpip running?): $($_.Exception.Message)"
    }
    $staged = $null
  } finally {
    Remove-Item -LiteralPath $tmp -Recurse -Force -ErrorAction SilentlyContinue
    if ($staged) { Remove-Item -LiteralPath $staged -Force -ErrorAction SilentlyContinue }
  }

  Write-Output "tcpip install: installed $dest ($Version, $target)"
  $userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
  $entries = @($env:Path -split ';') + @("$userPath" -split ';') |
    Where-Object { $_ } | ForEach-Object { $_.TrimEnd('\') }
  if ($entries -contains $dir.TrimEnd('\')) {
    Write-Output "Run 'tcpip list' to begin."
  } else {
    Write-Output "$dir is not on your PATH. Add it for your user, then open a new terminal:"
    Write-Output "  [Environment]::SetEnvironmentVariable('Path', '$dir;' + [Environment]::GetEnvironmentVariable('Path', 'User'), 'User')"
  }
}

# Downloads $Url to $Path, or throws one clear sentence.
function Get-ReleaseFile([string]$Url, [string]$Path, [string]$Version, [string]$Target) {
  try {
    Invoke-WebRequest -Uri $Url -OutFile $Path -UseBasicParsing
  } catch {
    $response = $_.Exception.Response
    if ($response -and [int]$response.StatusCode -ge 400) {
      throw "$Url was not found (HTTP $([int]$response.StatusCode)): is there a release '$Version' with a build for ${Target}?"
    }
    throw "could not download $Url (no network, or the server did not answer): $($_.Exception.Message)"
  }
}

try {
  Install-Tcpip $(if ($args.Count -gt 0) { [string]$args[0] } else { '' })
} catch {
  [Console]::Error.WriteLine("tcpip install: error: $($_.Exception.Message)")
  # As a script file, exit non-zero; through `irm | iex`, exit would close
  # the user's PowerShell window, so only set the status.
  if ($PSCommandPath) { exit 1 }
  $global:LASTEXITCODE = 1
}
