export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const MESSAGE_REGISTRY = Symbol('MESSAGE_REGISTRY');
export const TOPIC_CATALOGUE = Symbol('TOPIC_CATALOGUE');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
