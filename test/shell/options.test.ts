import { describe, expect, it } from 'vitest';
import { parseShellOptions } from '../../src/main/shell/options.ts';

describe('desktop shell options', () => {
  it('defaults to port 8787 and the userData folder', () => {
    expect(parseShellOptions(['.'], {})).toEqual({ port: 8787, dataDir: null, rotateMasterKey: false, hidden: false });
  });

  it('takes flags over env and ignores switches it does not know (Chromium adds its own)', () => {
    const env = { TOLLGATE_PORT: '9000', TOLLGATE_DATA_DIR: '/env/dir' };
    expect(parseShellOptions(['.', '--enable-logging', '--port', '9100', '--data-dir=/flag/dir'], env))
      .toMatchObject({ port: 9100, dataDir: '/flag/dir' });
    expect(parseShellOptions(['.', '--no-sandbox'], env)).toMatchObject({ port: 9000, dataDir: '/env/dir' });
  });

  it('reads the one-off switches: key rotation before start, and starting hidden in the tray', () => {
    expect(parseShellOptions(['.', '--rotate-master-key', '--hidden'], {})).toMatchObject({ rotateMasterKey: true, hidden: true });
  });

  it('rejects a port that is not one', () => {
    expect(() => parseShellOptions(['--port', 'http'], {})).toThrow(/invalid --port/);
    expect(() => parseShellOptions(['--port=70000'], {})).toThrow(/invalid --port/);
  });
});
