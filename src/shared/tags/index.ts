export * from './tag-name';
export * from './tag-cap';
