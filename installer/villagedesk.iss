; Inno Setup 6 script for Windows 10 and later: installs dist\villagedesk (PyInstaller, from
; villagedesk.spec) for the current user only, no administrator rights, with a Start-menu and an
; optional desktop shortcut. Build it with installer\build-windows.ps1, which passes the version
; read from pyproject.toml (/DAppVersion=...). The data lives in the user's own data folder
; (%LOCALAPPDATA%\VillageDesk), never under {app}: uninstalling removes the program and keeps it.
#ifndef AppVersion
  #error "AppVersion is not defined: build with installer\build-windows.ps1 (it reads pyproject.toml)"
#endif

[Setup]
; AppId names this program to Windows across versions: never change it, or an update installs beside
; the old one instead of over it.
AppId={{6B2F4D1E-8C3A-4E5B-9A7D-2C1F0E9B8A36}
AppName=村务台 VillageDesk
AppVersion={#AppVersion}
AppVerName=村务台 {#AppVersion}
AppPublisher=VillageDesk
DefaultDirName={localappdata}\Programs\VillageDesk
DefaultGroupName=村务台
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\villagedesk.exe
UninstallDisplayName=村务台 VillageDesk
SetupIconFile=..\resources\icons\villagedesk.ico
OutputDir=..\dist
OutputBaseFilename=VillageDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Default.isl first: a message a newer Inno Setup adds that our translation lacks falls back to English.
Name: "chs"; MessagesFile: "compiler:Default.isl,windows\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\villagedesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program folder's bundled libraries; the data is elsewhere and untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\村务台"; Filename: "{app}\villagedesk.exe"
Name: "{group}\{cm:UninstallProgram,村务台}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\村务台"; Filename: "{app}\villagedesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\villagedesk.exe"; Description: "{cm:LaunchProgram,村务台}"; Flags: postinstall nowait skipifsilent
