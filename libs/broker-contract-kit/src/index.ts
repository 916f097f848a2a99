export * from './broker-adapter-contract.hooks';
export * from './describe-broker-adapter-contract';
export * from './report-recorder';
