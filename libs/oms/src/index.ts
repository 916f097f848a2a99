export * from './account-book.program';
export * from './command-translation';
export * from './oms-partition.state';
export * from './oms.module';
export * from './oms.service';
export * from './quote-reference-prices';
export * from './reference-price.port';
export * from './decision-outcome';
