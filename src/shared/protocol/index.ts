export * from './events';
export * from './mutations';
export * from './handshake';
