import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjectionCheckpoints1763780000000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1763780000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_checkpoints (
        projection  varchar(128) NOT NULL,
        topic       varchar(249) NOT NULL,
        partition   integer      NOT NULL CHECK (partition >= 0),
        next_offset bigint       NOT NULL CHECK (next_offset >= 0),
        updated_at  timestamptz  NOT NULL,
        PRIMARY KEY (projection, topic, partition)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE projection_checkpoints');
  }
}
