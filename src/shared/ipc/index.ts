export * from './contract';
export * from './views';
export * from './bridge';
export * from './suggestions';
export * from './tag-contract';
