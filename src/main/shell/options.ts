/** What the desktop shell takes from its command line and environment (flags win over env). */
export interface ShellOptions {
  port: number;
  /** Overrides the default data folder (Electron's userData). */
  dataDir: string | null;
  /** `--rotate-master-key`: re-seal every stored credential with a new key before starting (services/rekey.ts). */
  rotateMasterKey: boolean;
  /** `--hidden`: start in the tray without opening the window (what start-at-login passes). */
  hidden: boolean;
}

function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/**
 * Lenient on purpose: Electron and Chromium put their own switches on the command line, so unknown arguments are
 * ignored here (headless mode's strict commander parser would reject them).
 */
export function parseShellOptions(argv: readonly string[], env: Record<string, string | undefined>): ShellOptions {
  const portText = flag(argv, '--port') ?? env.TOLLGATE_PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${portText}`);
  return { port, dataDir: flag(argv, '--data-dir') ?? env.TOLLGATE_DATA_DIR ?? null, rotateMasterKey: argv.includes('--rotate-master-key'),
    hidden: argv.includes('--hidden') };
}
