import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { KAFKA } from '@trading/messaging';
import { Kafka, Producer } from 'kafkajs';

/**
 * The gateway's own idempotent producer, for commands only. kafkajs holds an idempotent
 * producer's broker lock for a whole produce round trip, so on the process's shared producer a
 * command waited behind quotes, execution reports and journal entries of the same process.
 */
export const COMMANDS_PRODUCER = Symbol('COMMANDS_PRODUCER');

export const commandsProducerProvider: Provider = {
  provide: COMMANDS_PRODUCER,
  inject: [KAFKA],
  useFactory: async (kafka: Kafka): Promise<Producer> => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return producer;
  },
};

@Injectable()
export class CommandsProducerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(COMMANDS_PRODUCER) private readonly producer: Producer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
