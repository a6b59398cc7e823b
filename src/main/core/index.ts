export { createCore, type Core, type CoreOptions } from './create-core.ts';
export { MemorySecretStore, systemClock, type Clock, type FetchLike, type SecretStore, type SettingsBackend } from './ports.ts';
export { FileSecretStore } from './secrets/file-secret-store.ts';
export { JsonFileSettingsBackend, MemorySettingsBackend } from './settings/json-file-backend.ts';
