# Build the Windows installer on a Windows 10/11 machine (x64) with Python 3.10+ (python.org, on PATH)
# and Inno Setup 6 installed, from the repository root:
#     powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
# It makes dist\villagedesk\ (PyInstaller one folder, installer\villagedesk.spec), runs its health check,
# then dist\VillageDesk-Setup-VERSION.exe (installer\villagedesk.iss); the version comes from pyproject.toml.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

$match = Select-String -Path "pyproject.toml" -Pattern '^version\s*=\s*"([^"]+)"' | Select-Object -First 1
if (-not $match) { throw "pyproject.toml 中找不到 version" }
$version = $match.Matches[0].Groups[1].Value

$venv = "build\win\venv"
if (-not (Test-Path "$venv\Scripts\python.exe")) { python -m venv $venv }
& "$venv\Scripts\python.exe" -m pip install -q --disable-pip-version-check ".[build]"
if ($LASTEXITCODE -ne 0) { throw "安装构建依赖失败" }

$env:PYTHONHASHSEED = "0"
& "$venv\Scripts\python.exe" -m PyInstaller --noconfirm --clean --distpath dist --workpath build\win\work installer\villagedesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller 打包失败" }

$check = Start-Process -FilePath "dist\villagedesk\villagedesk.exe" -ArgumentList "--healthcheck" -Wait -PassThru -NoNewWindow
if ($check.ExitCode -ne 0) { throw "打包结果自检未通过（villagedesk.exe --healthcheck 退出代码 $($check.ExitCode)）" }

$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { throw "找不到 Inno Setup 6（ISCC.exe），请先安装 Inno Setup 6" }
& $iscc "/DAppVersion=$version" "installer\villagedesk.iss"
if ($LASTEXITCODE -ne 0) { throw "Inno Setup 编译失败" }
Write-Host "已生成：dist\VillageDesk-Setup-$version.exe"
