export { createCore, InvalidIpcInputError, type Core, type CoreOptions } from './core';
export {
  createMemoryCredentialStore,
  credentialsSchema,
  type CredentialStore,
  type Credentials,
} from './session/credential-store';
export { createFileCredentialStore } from './session/file-credential-store';
export { consoleLog, silentLog, type CoreLog } from './log';
