; Inno Setup script for Windows: installs dist\villagedesk (from villagedesk.spec) per user,
; with a Start menu and desktop shortcut. Data stays in the per-user data folder, never here.
[Setup]
AppName=村务台 VillageDesk
AppVersion=0.1.0
DefaultDirName={localappdata}\Programs\VillageDesk
DefaultGroupName=村务台
PrivilegesRequired=lowest
OutputBaseFilename=VillageDesk-Setup
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\dist\villagedesk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\村务台"; Filename: "{app}\villagedesk.exe"
Name: "{userdesktop}\村务台"; Filename: "{app}\villagedesk.exe"

[Run]
Filename: "{app}\villagedesk.exe"; Description: "启动村务台"; Flags: postinstall nowait skipifsilent
