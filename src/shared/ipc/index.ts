export * from './contract';
export * from './views';
export * from './bridge';
export * from './suggestions';
export * from './tag-contract';
export * from './outbox-views';
export * from './search-views';
export * from './order-contract';
