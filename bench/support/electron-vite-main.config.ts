/**
 * The app's electron-vite config with only its main-process build (core, headless, the import
 * worker): what bench/contacts-import.ts builds to measure the bundled import as it ships.
 */
import { defineConfig } from 'electron-vite';
import config from '../../electron.vite.config.ts';

export default defineConfig({ main: config.main });
