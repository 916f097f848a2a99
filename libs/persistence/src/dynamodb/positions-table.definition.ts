import { DynamoTableDefinition } from './dynamodb-table.setup';

/** Key attributes of the positions table: one partition per account, items told apart by `sk`. */
export const POSITIONS_KEY = { partition: 'accountId', sort: 'sk' } as const;

/**
 * The positions read model: per account one `ACCOUNT` item (cash, last applied stream seq) and one
 * `POSITION#<symbol>` item per symbol traded. `generation` names a rebuilt copy (`positions-g2`).
 */
export function positionsTableDefinition(tablePrefix: string, generation = 1): DynamoTableDefinition {
  return {
    TableName: `${tablePrefix}positions${generation > 1 ? `-g${generation}` : ''}`,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: POSITIONS_KEY.partition, AttributeType: 'S' },
      { AttributeName: POSITIONS_KEY.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: POSITIONS_KEY.partition, KeyType: 'HASH' },
      { AttributeName: POSITIONS_KEY.sort, KeyType: 'RANGE' },
    ],
  };
}
