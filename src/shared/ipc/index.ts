export * from './contract';
export * from './views';
export * from './bridge';
export * from './tag-contract';
