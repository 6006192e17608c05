export * from './card-number.js';
export * from './rules.js';
