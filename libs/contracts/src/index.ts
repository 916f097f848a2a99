export * from './commands/account-commands.messages';
export * from './commands/execution-reported.message';
export * from './commands/order-commands.messages';
export * from './events/account-book-event.messages';
export * from './trading-messages';
