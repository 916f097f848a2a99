import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which physical store a read model currently lives in (e.g. the positions DynamoDB table after a
 * rebuild). No row: the default name derived from the configuration.
 */
export class CreateReadModelPointers1797000000000 implements MigrationInterface {
  name = 'CreateReadModelPointers1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE read_model_pointers (
        name        varchar(64)  PRIMARY KEY,
        target      varchar(255) NOT NULL,
        switched_at timestamptz  NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE read_model_pointers');
  }
}
