export * from './tag-name';
export * from './tag-cap';
export * from './tag-lookalike';
