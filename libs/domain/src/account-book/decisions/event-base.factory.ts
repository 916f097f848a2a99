import { AccountBookCommand } from '../account-book.commands';
import { EventBase } from '../events/event-base';

export function eventBase(command: AccountBookCommand): EventBase {
  return { accountId: command.accountId, commandId: command.metadata.commandId, at: command.metadata.at };
}
