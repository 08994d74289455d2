export * from './events';
export * from './mutations';
export * from './handshake';
export * from './tag-events';
export * from './tag-mutations';
export * from './segment-export';
export * from './order-events';
export * from './order-mutations';
