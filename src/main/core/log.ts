/** Where the core reports what an operator may need to see; defaults to the console. */
export interface CoreLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLog: CoreLog = {
  info: (message) => console.log(`[core] ${message}`),
  warn: (message) => console.warn(`[core] ${message}`),
  error: (message) => console.error(`[core] ${message}`),
};

export const silentLog: CoreLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
