export * from './edge';
export * from './orders';
export * from './queries';
