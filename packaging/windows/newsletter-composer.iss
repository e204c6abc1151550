; Inno Setup script for Newsletter Composer (Windows installer).
; Built by packaging/build.py --installer, which passes:
;   /DAppVersion=0.2.0 /DSourceDir=<build\dist\NewsletterComposer> /DOutputDir=<build\release> /DIconFile=<.ico>
; Installs for the current user by default (no administrator rights needed), with a Start menu
; entry, an optional desktop icon and .newsletter files opening in the app.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Newsletter Composer"
#define AppExe "NewsletterComposer.exe"

[Setup]
AppId={{6C1F2B8E-7A4D-4C55-9E0B-3A1D2F6E8B41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=NewsletterComposer-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.newsletter"; ValueType: string; ValueName: ""; ValueData: "NewsletterComposer.Issue"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\NewsletterComposer.Issue"; ValueType: string; ValueName: ""; ValueData: "Newsletter issue"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\NewsletterComposer.Issue\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\NewsletterComposer.Issue\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
