export * from './contract';
export * from './views';
export * from './bridge';
export * from './outbox-views';
export * from './search-views';
