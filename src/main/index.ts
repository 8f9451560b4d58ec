// Electron main entry (built to out/main/index.js). Everything lives in the shell; the core never sees electron.
import './shell/main.ts';
