export * from './edge';
export * from './orders';
