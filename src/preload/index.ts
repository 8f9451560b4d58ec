// Preload: exposes exactly one bridge, `window.tollgate`. Built as CommonJS so the window keeps sandbox: true.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('tollgate', createBridge(ipcRenderer));
